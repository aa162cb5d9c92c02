/**
 * The scale benchmark (issue 7): `causeway check` with the default checks (all of them) on
 * simulated histories of 1M, 5M and 10M ops; target: 10M ops under 2 GB peak RSS, and time
 * that grows with the ops, not faster. Three shapes:
 *
 * - sim: the simulator's session shape (bench/histories.ts: single-leader, 64 sessions, 1000
 *   hot-skewed keys, versions and nodes on every completion);
 * - chain: one session on one key, versions and nodes removed (one chain of versionless
 *   writes, the shape that made the session checks quadratic);
 * - ten: ten sessions on one register, versions and nodes removed (as a Jepsen log has it).
 *
 * Per history: (1) the whole CLI in a fresh process (`check FILE --format json`, the time
 * budget raised so that every checker finishes its work and its memory is all counted), its
 * peak RSS (VmHWM) and wall time; (2) with --per-checker, one process that loads the history,
 * then runs each checker alone, after a full GC and with the high-water mark reset
 * (/proc/self/clear_refs), so each checker's peak counts the loaded History and what it
 * builds. Writes "## Scale" of RESULTS.md. Histories are made once and kept in bench/out (about
 * 250 MB a million ops; chain and ten without their versions).
 *
 *   node dist/bench/scale.js [--sizes 1000000,5000000,10000000] [--shapes sim,chain,ten]
 *                            [--per-checker sim,chain,ten] [--no-write]
 *   node --expose-gc dist/bench/scale.js --child FILE
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../src/paths.js";
import type { SimInput } from "../src/sim/index.js";
import { sessionShape, simulatedHistory } from "./histories.js";
import { machine, markdownTable, writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";

const SECTION = "## Scale";
const TARGET_MB = 2048;
/** Raised so that no checker stops early: a run out of time would also stop growing. */
const TIME_LIMIT_S = 7200;

interface Shape {
  name: string;
  input: SimInput;
  versionless: boolean;
  about: string;
}

const SHAPES: Shape[] = [
  { name: "sim", input: sessionShape, versionless: false, about: "64 sessions, 1000 keys" },
  {
    name: "chain",
    input: { ...sessionShape, sessions: 1, keys: 1, hotKeys: false },
    versionless: true,
    about: "1 session, 1 key, no versions",
  },
  {
    name: "ten",
    input: { ...sessionShape, sessions: 10, keys: 1, hotKeys: false },
    versionless: true,
    about: "10 sessions, 1 key, no versions",
  },
];

// ---------------------------------------------------------------- histories

async function historyFile(shape: Shape, ops: number): Promise<string> {
  const name = shape.name === "sim" ? "history" : shape.name;
  const file = await simulatedHistory(name, ops, shape.input);
  return shape.versionless ? withoutVersions(file) : file;
}

/** A copy of a history without its versions and nodes, made once, beside it (both kept: the cache is by name). */
async function withoutVersions(file: string): Promise<string> {
  const out = file.replace(/\.jsonl$/, "-bare.jsonl");
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp`;
  const sink = createWriteStream(tmp);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const bare = line.replace(/,"version":\d+/, "").replace(/,"node":"[^"]*"/, "");
    if (!sink.write(`${bare}\n`)) await once(sink, "drain");
  }
  sink.end();
  await once(sink, "close");
  renameSync(tmp, out);
  return out;
}

// ---------------------------------------------------------------- child: each checker alone

interface CheckerRun {
  checker: string;
  verdict: string;
  ms: number;
  /** RSS when it began (after a full GC: the History, and what earlier checkers left resident), and its peak. */
  startMb: number;
  peakMb: number;
}

interface ChildResult {
  loadMs: number;
  loadPeakMb: number;
  checkers: CheckerRun[];
}

/** Resets the peak RSS to the current RSS (Linux); false where that cannot be done. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

async function child(file: string): Promise<ChildResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the child needs node --expose-gc");
  const { planCheck, readHistory, checkHistory } = await import("../src/api.js");
  const { checkers: registered } = await import("../src/checkers/registry.js");
  const t0 = performance.now();
  const { history, format } = await readHistory(file, planCheck({}));
  const loadMs = performance.now() - t0;
  const loadPeakMb = peakRssKb() / 1024;
  const checkers: CheckerRun[] = [];
  for (const { id } of registered) {
    gc();
    if (!resetPeak()) throw new Error("cannot reset the peak RSS (/proc/self/clear_refs)");
    const startMb = process.memoryUsage().rss / 2 ** 20;
    const t = performance.now();
    const plan = planCheck({ checks: [id], timeLimit: TIME_LIMIT_S });
    const r = checkHistory(history, plan, format).results[0]!;
    const verdict = `${r.verdict} (${r.anomalyCount})`;
    const ms = performance.now() - t;
    checkers.push({ checker: id, verdict, ms, startMb, peakMb: peakRssKb() / 1024 });
  }
  return { loadMs, loadPeakMb, checkers };
}

// ---------------------------------------------------------------- parent

interface WholeRun {
  ms: number;
  peakMb: number;
  exit: number;
  verdicts: string;
}

/** The CLI as a user runs it, in a fresh process; its peak RSS written at exit by rss-exit.js. */
function wholeRun(file: string): WholeRun {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const rssOut = join(tmpdir(), `causeway-scale-rss-${process.pid}`);
  const report = join(tmpdir(), `causeway-scale-report-${process.pid}.json`);
  const bin = join(packageRoot(), "bin", "causeway.js");
  const args = [join(here, "rss-exit.js"), bin, "check", file, "--format", "json"];
  args.push("--time-limit", String(TIME_LIMIT_S), "--out", report);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, CAUSEWAY_RSS_OUT: rssOut },
  });
  const ms = performance.now() - t0;
  if (r.status === null || r.status > 2) {
    throw new Error(`check of ${file} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  }
  const peakMb = Number(readFileSync(rssOut, "utf8")) / 1024;
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    files: { results: { checker: string; verdict: string; anomalyCount: number }[] }[];
  };
  const verdicts = json.files[0]!.results.map((x) => `${x.checker} ${x.verdict}`).join(", ");
  unlinkSync(rssOut);
  unlinkSync(report);
  return { ms, peakMb, exit: r.status, verdicts };
}

function perChecker(file: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--expose-gc", self, "--child", file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`per-checker run on ${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildResult;
}

interface Row {
  shape: Shape;
  ops: number;
  mb: number;
  whole: WholeRun;
  each?: ChildResult;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mbs = (mb: number) => `${mb.toFixed(0)} MB`;
const millions = (n: number) => `${n / 1e6}M`;

function wholeTable(rows: Row[]): string[] {
  return markdownTable(
    ["shape", "ops (file)", "wall", "peak RSS", `target < ${TARGET_MB} MB at 10M`, "exit"],
    rows.map((r) => [
      `${r.shape.name} (${r.shape.about})`,
      `${millions(r.ops)} (${mbs(r.mb)})`,
      secs(r.whole.ms),
      mbs(r.whole.peakMb),
      r.ops < 10_000_000 ? "" : r.whole.peakMb < TARGET_MB ? "pass" : "FAIL",
      String(r.whole.exit),
    ]),
  );
}

function checkerTable(rows: Row[]): string[] {
  const measured = rows.filter((r) => r.each !== undefined);
  if (measured.length === 0) return [];
  const ids = measured[0]!.each!.checkers.map((c) => c.checker);
  const header = ["shape, ops", "load (peak)", ...ids];
  const body = measured.map((r) => [
    `${r.shape.name}, ${millions(r.ops)}`,
    `${secs(r.each!.loadMs)} (${mbs(r.each!.loadPeakMb)})`,
    ...r.each!.checkers.map((c) => `${secs(c.ms)}, ${mbs(c.startMb)} -> ${mbs(c.peakMb)}`),
  ]);
  return [
    "Each checker alone, in one process after the History is loaded once: time, and RSS at its start (after a full GC: the History, the observations the checkers share, and memory earlier checkers freed but the allocator kept) -> its peak RSS:",
    "",
    ...markdownTable(header, body),
    "",
    "Verdicts (anomaly counts) by checker:",
    "",
    ...measured.map(
      (r) =>
        `- ${r.shape.name}, ${millions(r.ops)}: ${r
          .each!.checkers.map((c) => `${c.checker} ${c.verdict}`)
          .join(", ")}`,
    ),
  ];
}

function section(rows: Row[], loadStart: number): string {
  return [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (shared: times are noisy, peak RSS is not)`,
    "- Histories: the simulator, seed 1 (bench/histories.ts); chain and ten with every version and node removed. One op is an invoke/ok pair of JSON Lines.",
    `- Method: \`causeway check FILE --format json --time-limit ${TIME_LIMIT_S}\` with the default checks (all), a fresh process per history, peak RSS = VmHWM at exit (bench/rss-exit.ts); the time budget is raised so that no checker stops early.`,
    "",
    ...wholeTable(rows),
    "",
    ...rows.map((r) => `- ${r.shape.name}, ${millions(r.ops)}: ${r.whole.verdicts}`),
    "",
    ...checkerTable(rows),
    "",
  ].join("\n");
}

interface Args {
  sizes: number[];
  shapes: Shape[];
  /** Shapes whose histories are also measured checker by checker. */
  perChecker: string[];
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    sizes: [1_000_000, 5_000_000, 10_000_000],
    shapes: SHAPES,
    perChecker: [],
    write: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") args.sizes = argv[++i]!.split(",").map(Number);
    else if (a === "--shapes") {
      const names = argv[++i]!.split(",");
      args.shapes = SHAPES.filter((s) => names.includes(s.name));
    } else if (a === "--per-checker") args.perChecker = argv[++i]!.split(",");
    else if (a === "--no-write") args.write = false;
    else throw new Error(`unexpected argument ${a}`);
  }
  return args;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") {
    process.stdout.write(`${JSON.stringify(await child(argv[1]!))}\n`);
    return;
  }
  const args = parseArgs(argv);
  const loadStart = os.loadavg()[0]!;
  const rows: Row[] = [];
  for (const ops of args.sizes) {
    for (const shape of args.shapes) {
      const file = await historyFile(shape, ops);
      const mb = statSync(file).size / 1e6;
      const whole = wholeRun(file);
      const each = args.perChecker.includes(shape.name) ? perChecker(file) : undefined;
      rows.push({ shape, ops, mb, whole, ...(each === undefined ? {} : { each }) });
      console.log(`${shape.name} ${millions(ops)}: ${secs(whole.ms)}, ${mbs(whole.peakMb)}`);
      if (each !== undefined) {
        for (const c of each.checkers) {
          console.log(
            `  ${c.checker}: ${secs(c.ms)}, ${mbs(c.startMb)} -> ${mbs(c.peakMb)}, ${c.verdict}`,
          );
        }
      }
    }
  }
  const text = section(rows, loadStart);
  console.log(text);
  if (args.write) console.log(`written to ${writeSection(SECTION, text)}`);
}

await main(process.argv.slice(2));
