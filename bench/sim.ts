/**
 * The simulator benchmark: 1M ops simulated and written as JSON Lines (history and ground
 * truth) to files, each run in a fresh child process so that its peak RSS is its own, the
 * median time of `runs` counting; then precision and recall of the existing checkers against
 * the ground truth of every preset over `seeds` seeds. Writes the section "## Simulator" of
 * bench/RESULTS.md, keeping the other sections.
 *
 *   node dist/bench/sim.js [--ops 1000000] [--runs 3] [--seeds 100] [--no-write]
 *   node dist/bench/sim.js --child SHAPE OPS   (one run; JSON on stdout)
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../src/paths.js";
import type { SimInput } from "../src/sim/index.js";
import { leaderlessShape } from "./histories.js";
import { machine, markdownTable, median, writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";
import { CHECKED, type PresetScore, scoreCell, scorePresets } from "./sim-truth.js";

const SECTION = "## Simulator";
const TARGET_S = 10;
const TARGET_RSS_MB = 500;
/** Node flags of the measured children: none (a larger young generation helped one shape and hurt the other). */
const NODE_FLAGS: string[] = [];

/** The runs measured: the ingest benchmark's single-leader shape, and a leaderless one. */
export const shapes: Record<string, SimInput> = {
  "single-leader": {
    sessions: 64,
    keys: 1000,
    hotKeys: true,
    routing: "read-your-writes",
    replication: { mode: "single-leader", nodes: 4 },
  },
  leaderless: leaderlessShape,
};

interface Run {
  ms: number;
  /** CPU time of the child (user + system), ms: what the run costs, whatever else the machine does. */
  cpuMs: number;
  events: number;
  labels: number;
  bytes: number;
  rssMb: number;
}

async function child(shape: string, ops: number): Promise<void> {
  const { writeSimulation } = await import("../src/sim/index.js");
  const dir = join(packageRoot(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sim-${shape}-${ops}.jsonl`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const history = createWriteStream(file);
  const truth = createWriteStream(`${file}.truth`);
  const s = await writeSimulation({ ...shapes[shape], ops, seed: 1 }, history, truth);
  history.end();
  truth.end();
  await Promise.all([once(history, "close"), once(truth, "close")]);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  rmSync(file);
  rmSync(`${file}.truth`);
  const run: Run = {
    ms,
    cpuMs,
    events: s.events,
    labels: s.labels,
    bytes: s.bytes,
    rssMb: peakRssKb() / 1024,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

function spawnRun(shape: string, ops: number): Run {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...NODE_FLAGS, self, "--child", shape, String(ops)], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`${shape} run failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Run;
}

interface Row {
  shape: string;
  ops: number;
  runs: Run[];
}

function timingLines(rows: Row[]): string[] {
  return markdownTable(
    [
      "run",
      "ops",
      "events (MB)",
      "labels",
      "wall time, median (each run)",
      "CPU time, median",
      "ops/s (wall)",
      "peak RSS",
      `target < ${TARGET_S} s, < ${TARGET_RSS_MB} MB (wall; CPU)`,
    ],
    rows.map((r) => {
      const ms = median(r.runs.map((x) => x.ms));
      const cpuMs = median(r.runs.map((x) => x.cpuMs));
      const rss = Math.max(...r.runs.map((x) => x.rssMb));
      const first = r.runs[0]!;
      const fits = (t: number) => (t / 1000 < TARGET_S && rss < TARGET_RSS_MB ? "pass" : "FAIL");
      return [
        r.shape,
        `${r.ops / 1e6}M`,
        `${(first.events / 1e6).toFixed(2)}M (${(first.bytes / 1e6).toFixed(0)} MB)`,
        String(first.labels),
        `${(ms / 1000).toFixed(2)} s (${r.runs.map((x) => (x.ms / 1000).toFixed(1)).join(", ")})`,
        `${(cpuMs / 1000).toFixed(2)} s`,
        `${(((r.ops / ms) * 1000) / 1e3).toFixed(0)}k`,
        `${rss.toFixed(0)} MB`,
        `${fits(ms)}; ${fits(cpuMs)}`,
      ];
    }),
  );
}

function scoreLines(scores: PresetScore[]): string[] {
  return markdownTable(
    ["preset", "variant", ...CHECKED.map((c) => c.id)],
    scores.map((s) => [
      s.preset,
      s.correct ? "correct" : "anomaly",
      ...CHECKED.map((c) => scoreCell(s.scores[c.id]!)),
    ]),
  );
}

function section(rows: Row[], scores: PresetScore[], load: number[]): string {
  const seeds = scores[0]?.seeds ?? 0;
  return [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${load[0]!.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (other work on the machine makes times noisy)`,
    `- Runs: \`writeSimulation\` to two files (history and ground truth), seed 1, in a fresh \`node${NODE_FLAGS.map((f) => ` ${f}`).join("")}\` child process each; time includes writing JSON Lines; CPU time is the child's user + system time (on this shared 2-core machine wall time also measures everyone else's load); peak RSS is VmHWM. single-leader: 4 nodes, 64 sessions, 1000 hot-skewed keys, read-your-writes routing, replica apply events on. leaderless: n = 3, w = 2, r = 2, same clients, replies on every read.`,
    "",
    ...timingLines(rows),
    "",
    `Ground truth against the checkers, every preset over seeds 1-${seeds}: each cell is "labels · precision · recall": labels are the ops the simulator labelled for the checker (the stale read, the write that overtook or ignored what its session had seen, the read that saw an effect without its cause), and precision and recall compare them with the ops the checker flags, by completion index (linearizable: by key, on register runs with numeric versions; consistent-prefix: on single-leader runs, the only ones whose truth knows what each session could have learned; "-": nothing to find or flag; "not labelled": the truth does not speak of that checker there).`,
    "",
    ...scoreLines(scores),
    "",
  ].join("\n");
}

function parseArgs(argv: string[]) {
  const o = { ops: 1_000_000, runs: 3, seeds: 100, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--ops") o.ops = Number(argv[++i]?.replace(/_/g, ""));
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--seeds") o.seeds = Number(argv[++i]);
    else if (a === "--no-write") o.write = false;
    else throw new Error(`unexpected argument ${a}`);
  }
  for (const k of ["ops", "runs", "seeds"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`--${k}: a positive integer`);
  }
  return o;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const load = os.loadavg();
  const rows: Row[] = [];
  for (const shape of Object.keys(shapes)) {
    const row: Row = { shape, ops: args.ops, runs: [] };
    for (let i = 0; i < args.runs; i++) row.runs.push(spawnRun(shape, args.ops));
    rows.push(row);
    process.stdout.write(`${timingLines([row]).pop()}\n`);
  }
  const scores = await scorePresets(args.seeds);
  const text = section(rows, scores, load);
  process.stdout.write(`${text}\n`);
  if (args.write) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") await child(process.argv[3]!, Number(process.argv[4]));
  else await main();
}
