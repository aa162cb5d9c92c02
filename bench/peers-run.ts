/**
 * Whole-process runs for the Porcupine race: one command's wall time (the parent's clock
 * around spawn and exit) and peak RSS (GNU time's %M; without /usr/bin/time, Causeway's VmHWM
 * from an exit hook, and none for Porcupine), alternated in pairs so that load on the machine
 * hits both tools alike, and summarised as medians.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./results.js";

export const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = existsSync(GNU_TIME);

export interface Command {
  argv: string[];
  /** Under Node: without GNU time, peak RSS comes from dist/bench/rss-exit.js. */
  node?: boolean;
}

export interface Run {
  ms: number;
  rssMb: number | undefined;
  status: number | null;
  stdout: string;
  stderr: string;
}

let scratch: string | undefined;

/** A folder for GNU time's output, made on first use and removed at exit. */
function scratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "causeway-peers-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return scratch;
}

/** Runs a command once; a status above 2 (neither valid, invalid nor unknown) throws. */
export function runOnce(cmd: Command, rssHook: string): Run {
  const rssFile = join(scratchDir(), "rss");
  rmSync(rssFile, { force: true });
  let argv = cmd.argv;
  let env = process.env;
  if (hasGnuTime) argv = [GNU_TIME, "-f", "%M", "-o", rssFile, ...argv];
  else if (cmd.node) {
    argv = [argv[0]!, rssHook, ...argv.slice(1)];
    env = { ...process.env, CAUSEWAY_RSS_OUT: rssFile };
  }
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", env, maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status === null || r.status > 2) {
    throw new Error(`${cmd.argv.join(" ")}: status ${r.status} ${r.signal ?? ""}\n${r.stderr}`);
  }
  const rss = existsSync(rssFile) ? /(\d+)\s*$/.exec(readFileSync(rssFile, "utf8")) : null;
  const rssMb = rss ? Number(rss[1]) / 1024 : undefined;
  return { ms, rssMb, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { median };

export interface Side {
  runs: Run[];
  medianMs: number;
  peakRssMb: number | undefined;
  /** The last run, for its output and status. */
  last: Run;
}

function side(runs: Run[]): Side {
  const rss = runs.map((r) => r.rssMb).filter((x) => x !== undefined);
  return {
    runs,
    medianMs: median(runs.map((r) => r.ms)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    last: runs[runs.length - 1]!,
  };
}

/**
 * Runs every command `runs` times, round by round; the order within a round reverses every
 * other round (ABBA), so that a drift in load does not favour whoever runs first.
 */
export function alternate(cmds: (Command | undefined)[], runs: number, rssHook: string) {
  const all: Run[][] = cmds.map(() => []);
  for (let i = 0; i < runs; i++) {
    const order = cmds.map((_, j) => j);
    if (i % 2 === 1) order.reverse();
    for (const j of order) {
      const cmd = cmds[j];
      if (cmd) all[j]!.push(runOnce(cmd, rssHook));
    }
  }
  return all.map((rs) => (rs.length > 0 ? side(rs) : undefined));
}

/** The median of the per-round ratios a / b: each round's pair ran under the same load. */
export function pairedRatio(a: Side, b: Side): number {
  return median(a.runs.map((r, i) => r.ms / b.runs[i]!.ms));
}

export type Verdict = "valid" | "invalid" | "unknown";

/** Exit status 0, 1, 2 as a verdict, for both tools. */
export function statusVerdict(status: number | null): Verdict | undefined {
  return status === 0 ? "valid" : status === 1 ? "invalid" : status === 2 ? "unknown" : undefined;
}

/** Per-file verdicts from Causeway's text report: "FILE: INVALID  (...)". */
export function causewayFileVerdicts(stdout: string): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const m of stdout.matchAll(/^(\S.*): (valid|INVALID|unknown) {2}\(/gm)) {
    out.set(m[1]!, m[2]!.toLowerCase() as Verdict);
  }
  return out;
}

/** Per-file verdicts from Porcupine's harness: "FILE<TAB>Ok|Illegal|Unknown<TAB>...". */
export function porcupineFileVerdicts(stdout: string): Map<string, Verdict> {
  const names: Record<string, Verdict> = { Ok: "valid", Illegal: "invalid", Unknown: "unknown" };
  const out = new Map<string, Verdict>();
  for (const m of stdout.matchAll(/^(\S[^\t]*)\t(Ok|Illegal|Unknown)\t/gm)) {
    out.set(m[1]!, names[m[2]!]!);
  }
  return out;
}
