/**
 * The Porcupine race (issue 10): Causeway's CLI and Porcupine, the Go linearizability checker
 * in ../shared/peers, run as whole processes on the same files in the same run: all etcd logs
 * of the corpus in one process, each kv corpus file with and without partitioning by key,
 * generated 50-client kv histories (bench/kv-gen.ts, -ok and -bad, whole and key by key), and
 * a trivial file beside `node -e 0`. Runs alternate between the tools (ABBA); times are
 * medians, the ratio the median of the per-round ratios, peak RSS the largest seen. Verdicts
 * are compared with each other and with the expected ones, and any disagreement is printed
 * loudly. Then where Causeway's start-up goes (bench/startup.ts). Writes the section
 * "## Porcupine race" of bench/RESULTS.md, keeping the others. Without Go (and no way to
 * install it), Causeway is still measured and the section says why Porcupine is missing.
 *
 *   node dist/bench/peers.js [--runs 5] [--gen-runs 3] [--seeds 3,4] [--startup-runs 21]
 *                            [--no-write]
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Outcome, renderSection } from "./peers-report.js";
import {
  alternate,
  causewayFileVerdicts,
  pairedRatio,
  porcupineFileVerdicts,
  type Run,
  statusVerdict,
  type Verdict,
} from "./peers-run.js";
import { allWork, type Plan, trivialFile, type Work } from "./peers-work.js";
import { ensurePorcupine } from "./porcupine.js";
import { writeSection } from "./results.js";
import { measureStartup } from "./startup.js";

const SECTION = "## Porcupine race";
const here = fileURLToPath(new URL(".", import.meta.url));

function verdictsOf(w: Work, run: Run, tool: "causeway" | "porcupine"): Map<string, Verdict> {
  if (w.expected.size === 1) {
    const [file] = w.expected.keys();
    const v = statusVerdict(run.status);
    return new Map(v === undefined ? [] : [[file!, v]]);
  }
  return tool === "causeway" ? causewayFileVerdicts(run.stdout) : porcupineFileVerdicts(run.stdout);
}

/** Compares the tools' verdicts with each other and with the expected ones. */
function judge(w: Work, cw: Map<string, Verdict>, pc: Map<string, Verdict> | undefined) {
  const disagreements: string[] = [];
  const wrong: string[] = [];
  const undecided = { causeway: 0, porcupine: 0 };
  for (const [file, expected] of w.expected) {
    const c = cw.get(file);
    const p = pc?.get(file);
    if (c === undefined) wrong.push(`${file}: no verdict from Causeway`);
    if (pc !== undefined && p === undefined) wrong.push(`${file}: no verdict from Porcupine`);
    if (c === "unknown") undecided.causeway++;
    if (p === "unknown") undecided.porcupine++;
    if (c && p && c !== "unknown" && p !== "unknown" && c !== p) {
      disagreements.push(`${file}: Causeway ${c}, Porcupine ${p}`);
    }
    if (c && c !== "unknown" && c !== expected)
      wrong.push(`${file}: Causeway ${c}, expected ${expected}`);
    if (p && p !== "unknown" && p !== expected)
      wrong.push(`${file}: Porcupine ${p}, expected ${expected}`);
  }
  return { disagreements, wrong, undecided };
}

/** Files whose verdict changed from run to run of one tool (budgets that depend on load). */
function unstable(w: Work, runs: Run[] | undefined, tool: "causeway" | "porcupine"): string[] {
  if (runs === undefined) return [];
  const each = runs.map((r) => verdictsOf(w, r, tool));
  return [...w.expected.keys()].flatMap((file) => {
    const seen = each.map((m) => m.get(file) ?? "none");
    return new Set(seen).size > 1 ? [`${file}: ${tool} ${seen.join(", ")}`] : [];
  });
}

function race(w: Work, hook: string): Outcome {
  const [cw, pc, floor] = alternate([w.causeway, w.porcupine, w.floor], w.runs, hook);
  const cwVerdicts = verdictsOf(w, cw!.last, "causeway");
  const pcVerdicts = pc ? verdictsOf(w, pc.last, "porcupine") : undefined;
  const verdict = (m: Map<string, Verdict> | undefined) =>
    m && w.expected.size === 1 ? [...m.values()][0] : undefined;
  const outcome: Outcome = {
    work: w,
    causeway: cw!,
    porcupine: pc,
    floor,
    ratio: pc ? pairedRatio(cw!, pc) : undefined,
    causewayVerdict: verdict(cwVerdicts),
    porcupineVerdict: verdict(pcVerdicts),
    ...judge(w, cwVerdicts, pcVerdicts),
    unstable: [...unstable(w, cw!.runs, "causeway"), ...unstable(w, pc?.runs, "porcupine")],
  };
  for (const u of outcome.unstable)
    process.stderr.write(`\n!!!!! VERDICT VARIES (${w.name}): ${u}\n\n`);
  for (const d of outcome.disagreements) {
    process.stderr.write(`\n!!!!! DISAGREEMENT (${w.name}): ${d}\n\n`);
  }
  for (const d of outcome.wrong)
    process.stderr.write(`\n!!!!! WRONG VERDICT (${w.name}): ${d}\n\n`);
  return outcome;
}

function fmt(ms: number | undefined): string {
  if (ms === undefined) return "-";
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function progress(o: Outcome): void {
  const p = o.porcupine ? `${fmt(o.porcupine.medianMs)} (${o.porcupineVerdict ?? "..."})` : "-";
  process.stdout.write(
    `${o.work.name}: Causeway ${fmt(o.causeway.medianMs)} (${o.causewayVerdict ?? "..."}), Porcupine ${p}${o.ratio ? `, ratio ${o.ratio.toFixed(2)}` : ""}\n`,
  );
}

function goVersion(): string {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().replace(/^go version /, "") : "Go not on PATH";
}

function parseArgs(argv: string[]): Plan & { startupRuns: number; write: boolean } {
  const plan = { runs: 5, genRuns: 3, seeds: [3, 4], startupRuns: 21, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? "";
    if (a === "--runs") plan.runs = Number(next());
    else if (a === "--gen-runs") plan.genRuns = Number(next());
    else if (a === "--seeds") plan.seeds = next().split(",").filter(Boolean).map(Number);
    else if (a === "--startup-runs") plan.startupRuns = Number(next());
    else if (a === "--no-write") plan.write = false;
    else throw new Error(`unexpected argument ${a}`);
  }
  for (const n of [plan.runs, plan.genRuns, plan.startupRuns, ...plan.seeds]) {
    if (!Number.isInteger(n) || n < 0) throw new Error("counts and seeds: integers >= 0");
  }
  return plan;
}

async function main(): Promise<void> {
  const plan = parseArgs(process.argv.slice(2));
  const hook = join(here, "rss-exit.js");
  const loadStart = os.loadavg()[0]!;
  const pc = ensurePorcupine(true);
  if (!pc.ok) process.stderr.write(`Porcupine not run: ${pc.why}; measuring Causeway alone\n`);
  const work = allWork(pc.ok ? pc.bin : undefined, plan).filter((w) => w.runs > 0);
  const outcomes: Outcome[] = [];
  for (const w of work) {
    const o = race(w, hook);
    progress(o);
    outcomes.push(o);
  }
  process.stdout.write("start-up breakdown and variants ...\n");
  const {
    phases,
    modules,
    variants: alternatives,
  } = await measureStartup(trivialFile(), plan.startupRuns, hook);
  const text = renderSection(SECTION, {
    outcomes,
    porcupine: pc.ok ? `built with ${goVersion()}` : `not run: ${pc.why}`,
    load: [loadStart, os.loadavg()[0]!],
    plan,
    phases,
    modules,
    alternatives,
  });
  process.stdout.write(`\n${text}\n`);
  if (plan.write) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
  const disagreements = outcomes.flatMap((o) => o.disagreements);
  if (disagreements.length > 0) {
    process.stderr.write(
      `\n!!!!! ${disagreements.length} DISAGREEMENTS:\n${disagreements.join("\n")}\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
