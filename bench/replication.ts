/**
 * The replication benchmark (issue 9): (1) a 1M-op leaderless history from the simulator
 * (n = 3, w = 2, r = 2, replies on every read, replica apply events), checked by each of the
 * nine replication checkers in a fresh process (load + that checker) and by all nine together,
 * against the ingest baseline (read the file and JSON.parse each line): target within 3x, peak
 * RSS under 1 GB; (2) staleness against the closed form of Bailis et al. (PBS) on 100k reads a
 * shape: target within 2 percentage points; (3) the checkers against the simulator's ground
 * truth, every preset over seeds 1..N. Wall and CPU time are both recorded (the machine is
 * shared). Writes "## Replication checks" of bench/RESULTS.md.
 *
 *   node dist/bench/replication.js [--runs 3] [--seeds 100] [--ops 1000000] [--no-write]
 *   node dist/bench/replication.js --child baseline|all|<checker> FILE
 */
import os from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { replicationCheckIds } from "../src/checkers/registry.js";
import { decodeUtf8 } from "../src/ingest/decode.js";
import { sourceChunks } from "../src/ingest/source.js";
import { forEachLine } from "../src/ingest/text.js";
import { SIMULATOR_VERSION } from "../src/sim/index.js";
import { leaderlessShape, simulatedHistory } from "./histories.js";
import { pbsRows, replicationTruth } from "./replication-parts.js";
import { inChild, machine, markdownTable, median, writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";

const SECTION = "## Replication checks";
export const CHECKERS = replicationCheckIds;
const TARGET_RATIO = 3;
const TARGET_RSS_MB = 1024;

interface Run {
  ms: number;
  cpuMs: number;
  loadMs?: number;
  rssMb: number;
  checks?: Record<string, { ms: number; verdict: string; anomalies: number }>;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function child(mode: string, file: string): Promise<Run> {
  const t0 = performance.now();
  const c0 = cpuNow();
  if (mode === "baseline") {
    await forEachLine({ name: file, chunks: decodeUtf8(sourceChunks(file)) }, (t) => JSON.parse(t));
    return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, rssMb: peakRssKb() / 1024 };
  }
  const { planCheck, readHistory, checkHistory } = await import("../src/api.js");
  const ids = mode === "all" || mode === "load" ? CHECKERS : [mode];
  const { history, format } = await readHistory(file, planCheck({ checks: ids }));
  const loadMs = performance.now() - t0;
  const checks: Run["checks"] = {};
  for (const id of mode === "load" ? [] : ids) {
    const s = performance.now();
    const r = checkHistory(history, planCheck({ checks: [id] }), format).results[0]!;
    checks[id] = { ms: performance.now() - s, verdict: r.verdict, anomalies: r.anomalyCount };
  }
  return {
    ms: performance.now() - t0,
    cpuMs: cpuNow() - c0,
    loadMs,
    rssMb: peakRssKb() / 1024,
    checks,
  };
}

function spawnRun(mode: string, file: string): Run {
  const self = fileURLToPath(import.meta.url);
  return inChild<Run>(self, [mode, file]);
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pass = (ok: boolean) => (ok ? "pass" : "FAIL");

interface Measured {
  baseline: Run[];
  load: Run[];
  all: Run[];
  each: Record<string, Run>;
}

function measure(file: string, runs: number): Measured {
  const m: Measured = { baseline: [], load: [], all: [], each: {} };
  for (let i = 0; i < runs; i++) {
    m.baseline.push(spawnRun("baseline", file));
    m.load.push(spawnRun("load", file));
    m.all.push(spawnRun("all", file));
    process.stdout.write(".");
  }
  for (const id of CHECKERS) m.each[id] = spawnRun(id, file);
  process.stdout.write("\n");
  return m;
}

function timingTable(m: Measured, ops: number): string[] {
  const base = median(m.baseline.map((r) => r.ms));
  const baseCpu = median(m.baseline.map((r) => r.cpuMs));
  const row = (name: string, runs: Run[]) => {
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const ratio = cpu / baseCpu;
    return [
      name,
      secs(ms),
      secs(cpu),
      (ms / base).toFixed(2),
      ratio.toFixed(2),
      pass(ratio <= TARGET_RATIO),
      `${rss.toFixed(0)} MB`,
      pass(rss < TARGET_RSS_MB),
    ];
  };
  return markdownTable(
    [
      `${ops >= 1e6 ? `${ops / 1e6}M` : `${ops / 1e3}k`} ops`,
      "wall",
      "CPU",
      "wall ratio",
      "CPU ratio",
      `target <= ${TARGET_RATIO}x (CPU)`,
      "peak RSS",
      `target < ${TARGET_RSS_MB} MB`,
    ],
    [
      [
        "baseline (read + JSON.parse)",
        secs(base),
        secs(baseCpu),
        "1.00",
        "1.00",
        "",
        `${Math.max(...m.baseline.map((r) => r.rssMb)).toFixed(0)} MB`,
        "",
      ],
      row("load alone (Causeway's ingest)", m.load),
      ...CHECKERS.map((id) => row(`load + ${id}`, [m.each[id]!])),
      row("load + all nine", m.all),
    ],
  );
}

function checksLine(m: Measured): string {
  const first = m.all[0]!.checks!;
  const parts = CHECKERS.map((id) => {
    const times = m.all.map((r) => r.checks![id]!.ms);
    return `${id} ${first[id]!.verdict} (${first[id]!.anomalies}) ${secs(median(times))}`;
  });
  return `Checks alone, in the all-nine run (median wall time; verdict and anomaly count): ${parts.join("; ")}. Load alone: ${secs(median(m.all.map((r) => r.loadMs!)))}.`;
}

/** The targets, read both ways: a whole run against read + JSON.parse, and a check alone against Causeway's ingest. */
function targetsLine(m: Measured): string {
  const cpu = (runs: Run[]) => median(runs.map((r) => r.cpuMs));
  const base = cpu(m.baseline);
  const ratios = CHECKERS.map((id) => cpu([m.each[id]!]) / base);
  const passing = ratios.filter((r) => r <= TARGET_RATIO).length;
  const load = median(m.all.map((r) => r.loadMs!));
  const worst = Math.max(...CHECKERS.map((id) => median(m.all.map((r) => r.checks![id]!.ms))));
  const rss = Math.max(...[...m.all, ...Object.values(m.each)].map((r) => r.rssMb));
  return `Targets: load + one checker within ${TARGET_RATIO}x of read + JSON.parse (CPU): ${passing} of ${CHECKERS.length} pass (ratios ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}), and Causeway's load alone is ${(cpu(m.load) / base).toFixed(2)}x; the slowest check alone is ${(worst / load).toFixed(2)}x of Causeway's load (wall); peak RSS ${rss.toFixed(0)} MB (< ${TARGET_RSS_MB} MB: ${pass(rss < TARGET_RSS_MB)}).`;
}

function parseArgs(argv: string[]) {
  const o = { runs: 3, seeds: 100, ops: 1_000_000, pbsReads: 100_000, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--seeds") o.seeds = Number(argv[++i]);
    else if (a === "--ops") o.ops = Number(argv[++i]);
    else if (a === "--pbs-reads") o.pbsReads = Number(argv[++i]);
    else if (a === "--no-write") o.write = false;
    else throw new Error(`unexpected argument ${a}`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const load = os.loadavg()[0]!;
  const file = await simulatedHistory("leaderless", o.ops, leaderlessShape);
  const m = measure(file, o.runs);
  const pbs = pbsRows(o.pbsReads);
  const truth = await replicationTruth(o.seeds);
  const text = [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${load.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (the machine is shared: wall times are noisy, CPU times steadier, and the targets are judged on CPU time)`,
    `- History: the simulator (version ${SIMULATOR_VERSION}), seed 1, leaderless, 3 nodes, n = 3, w = 2, r = 2, 64 sessions, 1000 hot-skewed keys, reads from any coordinator with their replies, replica apply events; ${o.ops} client ops.`,
    `- Method: a fresh \`node --max-old-space-size=4096\` child per run; baseline = forEachLine + JSON.parse of each line; "load alone" reads the history with the fields all nine need and checks nothing; "load + <checker>" once each, "load + all nine", load alone and the baseline ${o.runs} times, alternating, medians; peak RSS (VmHWM) the largest.`,
    "",
    ...timingTable(m, o.ops),
    "",
    checksLine(m),
    "",
    targetsLine(m),
    "",
    ...pbs,
    "",
    ...truth,
    "",
  ].join("\n");
  process.stdout.write(`${text}\n`);
  if (o.write) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") {
    process.stdout.write(`${JSON.stringify(await child(process.argv[3]!, process.argv[4]!))}\n`);
  } else await main();
}
