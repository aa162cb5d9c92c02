/**
 * The graph benchmark: the compact core (src/graph) building a dependency graph shaped like a
 * 1M-op history and running SCC, topological order and a 1M-hop shortest path, against
 * @dagrejs/graphlib building the same graph at 100k nodes (at 1M it takes about 20 s and
 * 2.4 GB, DESIGN.md section 4) and running what it can. Each measurement is a fresh child
 * process, so its peak RSS is its own. Writes the section "## Graph core" of bench/RESULTS.md.
 *
 *   node dist/bench/graph.js [--runs 3] [--no-write]
 *   node dist/bench/graph.js --child core|graphlib NODES   (one run; JSON on stdout)
 */

import os from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inChild, markdownTable, runsArgs, writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";

const SECTION = "## Graph core";
const SEED = 1;
const SO = 0;
const RF = 1;
const RW = 2;
const SPAN = 1000;

type Mode = "core" | "graphlib";

interface Run {
  mode: Mode;
  nodes: number;
  edges: number;
  buildMs: number;
  /** Per algorithm: ms, or the error that stopped it (graphlib's recursion). */
  scc: number | string;
  topo: number | string;
  path: number | string;
  /** Hops of the session-order path from node 0 to the last node. */
  hops: number;
  /** What the algorithms found, so the two implementations can be compared. */
  components?: number;
  placed?: number;
  /** Bytes of the typed arrays of the core's graph. */
  graphBytes?: number;
  maxRssKb: number;
}

/**
 * The graph, visited edge by edge: session order along 0..n-1; 2n reads-from edges, each to a
 * node 1..1000 later; and n/10,000 anti-dependency edges 1..1000 back, which close cycles.
 */
function forEachEdge(n: number, visit: (from: number, to: number, kind: number) => void): void {
  let x = SEED * 0x9e3779b9;
  const rand = (m: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % m;
  };
  for (let v = 0; v + 1 < n; v++) visit(v, v + 1, SO);
  for (let i = 0; i < 2 * n; i++) {
    const from = rand(n);
    const to = from + 1 + rand(SPAN);
    if (to < n) visit(from, to, RF);
  }
  for (let i = 0; i < n / 10_000; i++) {
    const from = rand(n);
    const to = from - 1 - rand(SPAN);
    if (to >= 0) visit(from, to, RW);
  }
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

/** The time f took, or the error that stopped it. */
function attempt(f: () => void): number | string {
  try {
    return timed(f)[1];
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

async function runCore(n: number): Promise<Run> {
  const g = await import("../src/graph/index.js");
  const [graph, buildMs] = timed(() => {
    const b = new g.GraphBuilder(n, 3 * n);
    forEachEdge(n, (u, v, k) => b.addEdge(u, v, k));
    return b.freeze({ reverse: true });
  });
  const [components, scc] = timed(() => g.stronglyConnectedComponents(graph));
  const [order, topo] = timed(() => g.topologicalOrder(graph));
  const [p, path] = timed(() => g.shortestPath(graph, 0, n - 1, { kinds: g.kindMask(SO) }));
  const arrays = [graph.forward, graph.reverse!].flatMap((a) => Object.values(a));
  return {
    mode: "core",
    nodes: n,
    edges: graph.edgeCount,
    buildMs,
    scc,
    topo,
    path,
    hops: p?.edges.length ?? -1,
    components: components.count,
    placed: order.order.length,
    graphBytes: arrays.reduce((sum: number, a: Int32Array | Uint8Array) => sum + a.byteLength, 0),
    maxRssKb: peakRssKb(),
  };
}

async function runGraphlib(n: number): Promise<Run> {
  const { alg, Graph } = await import("@dagrejs/graphlib");
  const [graph, buildMs] = timed(() => {
    const gl = new Graph({ multigraph: true });
    for (let v = 0; v < n; v++) gl.setNode(String(v));
    let i = 0;
    forEachEdge(n, (u, v, k) => gl.setEdge(String(u), String(v), k, String(i++)));
    return gl;
  });
  let hops = -1;
  const sessionOrder = (v: string) => graph.outEdges(v)!.filter((e) => graph.edge(e) === SO);
  const scc = attempt(() => alg.tarjan(graph));
  // A CycleException is topsort's answer on a cyclic graph (it stops at the first cycle).
  const topo = attempt(() => {
    try {
      alg.topsort(graph);
    } catch (e) {
      if (!(e instanceof alg.CycleException)) throw e;
    }
  });
  const path = attempt(() => {
    hops = alg.dijkstra(graph, "0", undefined, sessionOrder)[String(n - 1)]!.distance;
  });
  const edges = graph.edgeCount();
  return {
    mode: "graphlib",
    nodes: n,
    edges,
    buildMs,
    scc,
    topo,
    path,
    hops,
    maxRssKb: peakRssKb(),
  };
}

async function child(mode: string | undefined, size: string | undefined): Promise<void> {
  const n = Number(size);
  if ((mode !== "core" && mode !== "graphlib") || !Number.isInteger(n) || n < 2) {
    process.stderr.write("usage: graph.js --child core|graphlib NODES\n");
    process.exit(64);
  }
  const run = mode === "core" ? await runCore(n) : await runGraphlib(n);
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

// ---------------------------------------------------------------- parent: orchestration

const PLAN: [Mode, number][] = [
  ["core", 100_000],
  ["graphlib", 100_000],
  ["core", 1_000_000],
];

function spawnRun(mode: Mode, n: number): Run {
  const self = fileURLToPath(import.meta.url);
  return inChild<Run>(self, [mode, String(n)]);
}

/** The median of each time over the runs (an error where the runs failed), the peak of RSS. */
function summarise(runs: Run[]): Run {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const time = (pick: (r: Run) => number | string) => {
    const values = runs.map(pick);
    const failed = values.find((v) => typeof v === "string");
    return failed ?? median(values as number[]);
  };
  return {
    ...runs[0]!,
    buildMs: median(runs.map((r) => r.buildMs)),
    scc: time((r) => r.scc),
    topo: time((r) => r.topo),
    path: time((r) => r.path),
    maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)),
  };
}

const fmtN = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const count = (n: number) => n.toLocaleString("en-US");
const fmtMs = (v: number | string) =>
  typeof v === "string"
    ? `fails: ${v.split(":")[0]} (${v.split(": ")[1] ?? ""})`
    : `${v.toFixed(0)} ms`;

function table(rows: Run[]): string[] {
  return markdownTable(
    [
      "implementation",
      "nodes",
      "edges",
      "build",
      "SCC",
      "topological order",
      "shortest path",
      "hops",
      "peak RSS",
    ],
    rows.map((r) => [
      r.mode === "core" ? "causeway src/graph" : "@dagrejs/graphlib 4.0.6",
      fmtN(r.nodes),
      count(r.edges),
      fmtMs(r.buildMs),
      fmtMs(r.scc),
      fmtMs(r.topo),
      fmtMs(r.path),
      r.hops >= 0 ? count(r.hops) : "",
      `${(r.maxRssKb / 1024).toFixed(0)} MB`,
    ]),
  );
}

function section(rows: Run[], runs: number, loadAtStart: number): string {
  const cpus = os.cpus();
  const big = rows.find((r) => r.mode === "core" && r.nodes === 1_000_000);
  const found = big
    ? `At 1M nodes the core finds ${count(big.components ?? 0)} strongly connected components; Kahn places ${count(big.placed ?? 0)} nodes and leaves ${count(big.nodes - (big.placed ?? 0))} on or downstream of a cycle. The frozen graph (forward and reverse CSR) is ${((big.graphBytes ?? 0) / 2 ** 20).toFixed(0)} MiB of typed arrays; the rest of the peak is the builder's arrays, the algorithms' scratch arrays and Node itself.`
    : "";
  return [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; 1-minute load average ${loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (the machine is shared, so times are noisy)`,
    `- Graph: n nodes in one session-order chain (n-1 edges), 2n reads-from edges each to a node 1..${SPAN} later, n/10,000 anti-dependency edges 1..${SPAN} back that close cycles (seed ${SEED}). Build = adding every edge plus freezing into forward and reverse CSR (graphlib: setNode and setEdge, one named edge each). Shortest path = node 0 to node n-1 along session order only (n-1 hops; graphlib: dijkstra with unit weights and an edge function that keeps session order).`,
    `- Method: each run a fresh \`node --max-old-space-size=4096\` child; ${runs} runs each, times are medians, peak RSS (VmHWM) the largest. graphlib is measured at 100k nodes only: at 1M it takes about 20 s and 2.4 GB to build (DESIGN.md section 4). graphlib's tarjan recurses along the session-order chain and overflows the stack; its topsort (also recursive) meets a cycle near the chain's end first and stops there with a CycleException, which counts as its answer, while the core's Kahn orders every node it can and reports the rest.`,
    "",
    ...table(rows),
    "",
    found,
    "",
  ].join("\n");
}

function main(): void {
  const { runs, write } = runsArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0]!;
  const rows: Run[] = [];
  for (const [mode, n] of PLAN) {
    process.stdout.write(`${mode} at ${fmtN(n)}: ${runs} runs `);
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) {
      all.push(spawnRun(mode, n));
      process.stdout.write(".");
    }
    process.stdout.write("\n");
    rows.push(summarise(all));
  }
  const text = section(rows, runs, loadAtStart);
  process.stdout.write(`${text}\n`);
  if (write) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4]);
  else main();
}
