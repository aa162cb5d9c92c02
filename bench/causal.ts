/**
 * The causality benchmark (issue 8): (1) a 1M-op multi-session history checked for the four
 * session guarantees and consistent prefix, against the ingest baseline (read the file and
 * JSON.parse each line), target within 3x and peak RSS under 1 GB; (2) `causal` on a 200k-op
 * history, target under 2 s. Each run is a fresh child process (its own peak RSS; the
 * checker's first run in a process, JIT warm-up included, as the CLI sees it); baseline and
 * causeway runs alternate and medians count. Wall and CPU time are both recorded: the machine
 * is shared, and CPU time is the steadier of the two. Writes "## Causality" of RESULTS.md.
 *
 *   node dist/bench/causal.js [--runs 3] [--no-write]
 *   node dist/bench/causal.js --child baseline|sessions|causal FILE [level]
 */
import os from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeUtf8 } from "../src/ingest/decode.js";
import { sourceChunks } from "../src/ingest/source.js";
import { forEachLine } from "../src/ingest/text.js";
import { sessionShape, simulatedHistory } from "./histories.js";
import { inChild, machine, markdownTable, median, runsArgs, writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";

const SECTION = "## Causality";
const SESSION_CHECKS = [
  "read-your-writes",
  "monotonic-reads",
  "monotonic-writes",
  "writes-follow-reads",
  "consistent-prefix",
];
const TARGET_RATIO = 3;
const TARGET_RSS_MB = 1024;
const TARGET_CAUSAL_S = 2;

interface Run {
  /** Wall and CPU milliseconds of the measured work (module loading excluded). */
  ms: number;
  cpuMs: number;
  /** Of the checks alone (causeway runs). */
  checkMs?: number;
  rssMb: number;
  verdicts?: Record<string, string>;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// ---------------------------------------------------------------- child: one measured run

async function child(mode: string, file: string, level: string): Promise<Run> {
  const t0 = performance.now();
  const c0 = cpuNow();
  if (mode === "baseline") {
    await forEachLine({ name: file, chunks: decodeUtf8(sourceChunks(file)) }, (text) =>
      JSON.parse(text),
    );
    return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, rssMb: peakRssKb() / 1024 };
  }
  const { planCheck, readHistory, checkHistory } = await import("../src/api.js");
  const ids = mode === "causal" ? ["causal"] : SESSION_CHECKS;
  const started = performance.now();
  const { history, format } = await readHistory(file, planCheck({ checks: ids }));
  const loaded = performance.now();
  const verdicts: Record<string, string> = {};
  for (const id of ids) {
    const request = id === "causal" ? { checks: [id], causalLevel: level } : { checks: [id] };
    const result = checkHistory(history, planCheck(request), format).results[0]!;
    verdicts[id] = `${result.verdict} (${result.anomalyCount})`;
  }
  const end = performance.now();
  const ms = mode === "causal" ? end - loaded : end - started;
  return { ms, cpuMs: cpuNow() - c0, checkMs: end - loaded, rssMb: peakRssKb() / 1024, verdicts };
}

// ---------------------------------------------------------------- parent: orchestration

function spawnRun(mode: string, file: string, level = "cc"): Run {
  const self = fileURLToPath(import.meta.url);
  return inChild<Run>(self, [mode, file, level]);
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const passFail = (ok: boolean) => (ok ? "pass" : "FAIL");

interface Measured {
  baseline: Run[];
  sessions: Run[];
  causal: Record<string, Run[]>;
}

async function measure(runs: number): Promise<Measured> {
  const big = await simulatedHistory("history", 1_000_000, sessionShape);
  const mid = await simulatedHistory("history", 200_000, sessionShape);
  const out: Measured = { baseline: [], sessions: [], causal: { cc: [], ccv: [] } };
  for (let i = 0; i < runs; i++) {
    out.baseline.push(spawnRun("baseline", big));
    out.sessions.push(spawnRun("sessions", big));
    for (const level of ["cc", "ccv"]) out.causal[level]!.push(spawnRun("causal", mid, level));
    process.stdout.write(".");
  }
  process.stdout.write("\n");
  return out;
}

function sessionTable(m: Measured): string[] {
  const base = median(m.baseline.map((r) => r.ms));
  const cw = median(m.sessions.map((r) => r.ms));
  const rss = Math.max(...m.sessions.map((r) => r.rssMb));
  const ratio = cw / base;
  const baseRss = Math.max(...m.baseline.map((r) => r.rssMb));
  return markdownTable(
    [
      "1M ops",
      "wall",
      "CPU",
      "ratio to baseline",
      `target <= ${TARGET_RATIO}x`,
      "peak RSS",
      `target < ${TARGET_RSS_MB} MB`,
    ],
    [
      [
        "baseline (read + JSON.parse)",
        secs(base),
        secs(median(m.baseline.map((r) => r.cpuMs))),
        "1.00",
        "",
        `${baseRss.toFixed(0)} MB`,
        "",
      ],
      [
        "load + 4 session guarantees + consistent prefix",
        secs(cw),
        secs(median(m.sessions.map((r) => r.cpuMs))),
        ratio.toFixed(2),
        passFail(ratio <= TARGET_RATIO),
        `${rss.toFixed(0)} MB`,
        passFail(rss < TARGET_RSS_MB),
      ],
    ],
  );
}

function causalTable(m: Measured): string[] {
  const rows = Object.entries(m.causal).map(([level, rs]) => {
    const ms = median(rs.map((r) => r.ms));
    return [
      `causal, ${level}`,
      secs(ms),
      secs(median(rs.map((r) => r.cpuMs))),
      `${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB`,
      rs[0]!.verdicts?.causal ?? "",
      level === "cc" ? passFail(ms / 1000 < TARGET_CAUSAL_S) : "(no target)",
    ];
  });
  return markdownTable(
    ["200k ops", "wall", "CPU", "peak RSS", "verdict", `target < ${TARGET_CAUSAL_S} s`],
    rows,
  );
}

function section(m: Measured, runs: number, loadStart: number): string {
  const verdicts = Object.entries(m.sessions[0]!.verdicts ?? {})
    .map(([id, v]) => `${id} ${v}`)
    .join(", ");
  const checksAlone = secs(median(m.sessions.map((r) => r.checkMs ?? 0)));
  return [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (the machine is shared: wall times are noisy, CPU times steadier)`,
    `- Histories: the simulator (bench/histories.ts, the session shape: single-leader, ${sessionShape.sessions} sessions, ${sessionShape.keys} keys, reads routed for read-your-writes), seed 1; 1M ops for the session checks, 200k for causal.`,
    `- Method: fresh \`node --max-old-space-size=4096\` child per run, ${runs} runs of each, alternating; medians; peak RSS (VmHWM) the largest. Session checks: load + ${SESSION_CHECKS.join(" + ")}, against forEachLine + JSON.parse of each line. Causal: the check alone, the history loaded first, in a fresh process (JIT warm-up included).`,
    "",
    ...sessionTable(m),
    "",
    `Verdicts at 1M (anomaly counts): ${verdicts}. Checks alone (median): ${checksAlone}.`,
    "",
    ...causalTable(m),
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const { runs, write } = runsArgs(process.argv.slice(2));
  const loadStart = os.loadavg()[0]!;
  const text = section(await measure(runs), runs, loadStart);
  process.stdout.write(`${text}\n`);
  if (write) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child") {
    const run = await child(process.argv[3]!, process.argv[4]!, process.argv[5] ?? "cc");
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } else await main();
}
