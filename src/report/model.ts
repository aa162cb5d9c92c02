/** The report as data: what every renderer (text, json, later html and junit) starts from. */
import type { AnomalyBase, CheckResult, Verdict } from "../checkers/types.js";
import type { History } from "../history/model.js";

export interface FileReport {
  file: string;
  format: string;
  ops: number;
  events: number;
  verdict: Verdict;
  results: CheckResult<AnomalyBase>[];
  /** Kept for explainers; not serialised. */
  history: History;
}

export interface Report {
  verdict: Verdict;
  files: FileReport[];
}

/** invalid beats unknown beats valid. */
export function combineVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let out: Verdict = "valid";
  for (const v of verdicts) {
    if (v === "invalid") return "invalid";
    if (v === "unknown") out = "unknown";
  }
  return out;
}

export function buildReport(files: Omit<FileReport, "verdict">[]): Report {
  const withVerdicts = files.map((f) => ({
    ...f,
    verdict: combineVerdicts(f.results.map((r) => r.verdict)),
  }));
  return { verdict: combineVerdicts(withVerdicts.map((f) => f.verdict)), files: withVerdicts };
}

export { keyPhrase, showKey, showValue } from "../history/show.js";
