/**
 * The report as data: what `causeway check --format json` writes and every renderer (text,
 * and later html and junit) reads. It is complete: `causeway report <report.json>` renders
 * the same text as the run that wrote it, so nothing here refers to a History.
 */
import type { ModelSummary } from "../checkers/lattice.js";
import type { CheckResult, Verdict } from "../checkers/types.js";
import type { Timeline } from "./timeline.js";

/** The version of the report's shape (schemas/report.schema.json). */
export const REPORT_VERSION = 2;

export type FileVerdict = Exclude<Verdict, "n/a">;

export interface FileReport {
  file: string;
  format: string;
  ops: number;
  events: number;
  /**
   * When the values looked like Jepsen independent [key value] tuples: whether they were split
   * into keys and values (`forced`, or detected), or kept because the ops carry `evidence` of
   * one register.
   */
  independentKeys?: { split: boolean; forced?: boolean; evidence?: "version" | "node" | "session" };
  verdict: FileVerdict;
  /** What the checkers' verdicts settle about consistency models, through the lattice. */
  models: ModelSummary;
  results: CheckResult[];
  /** Every op of the history, when asked for (the HTML report draws it). */
  timeline?: Timeline;
}

export interface Report {
  causeway: typeof REPORT_VERSION;
  verdict: FileVerdict;
  files: FileReport[];
}

/**
 * A file's verdict: invalid beats unknown beats valid. A checker that does not apply counts
 * only when it was asked for by name (then as unknown); when no checker applies at all,
 * nothing was checked and the verdict is unknown, never valid.
 */
export function fileVerdict(
  results: readonly CheckResult[],
  named: ReadonlySet<string>,
): FileVerdict {
  const counted = results.map((r) =>
    r.verdict === "n/a" ? (named.has(r.checker) ? "unknown" : undefined) : r.verdict,
  );
  if (counted.every((v) => v === undefined)) return "unknown";
  return combineVerdicts(counted.filter((v): v is FileVerdict => v !== undefined));
}

/** invalid beats unknown beats valid. */
export function combineVerdicts(verdicts: Iterable<FileVerdict>): FileVerdict {
  let out: FileVerdict = "valid";
  for (const v of verdicts) {
    if (v === "invalid") return "invalid";
    if (v === "unknown") out = "unknown";
  }
  return out;
}

/** The report of several files: the worst verdict wins. */
export function combineReports(reports: readonly Report[]): Report {
  const files = reports.flatMap((r) => r.files);
  return {
    causeway: REPORT_VERSION,
    verdict: combineVerdicts(files.map((f) => f.verdict)),
    files,
  };
}
