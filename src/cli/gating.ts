/**
 * --fail-on: which findings fail the run. A list of checker ids and anomaly kinds: a listed
 * checker fails the run when it is invalid (status 1) or undecided (status 2); a listed kind
 * fails it when any checker reports an anomaly of that kind (status 1). Everything else is
 * only reported. `all` (the default) counts every checker; `none` counts nothing. Validated
 * against the registry before any file is read.
 */
import { checkers } from "../checkers/registry.js";
import type { CheckResult } from "../checkers/types.js";
import { UsageError } from "../errors.js";
import {
  combineVerdicts,
  type FileReport,
  type FileVerdict,
  type Report,
} from "../report/model.js";

export interface FailOn {
  checkers: ReadonlySet<string>;
  kinds: ReadonlySet<string>;
  all: boolean;
}

/** Every anomaly kind some checker returns. */
export function anomalyKinds(): Set<string> {
  return new Set(checkers.flatMap((c) => Object.keys(c.explain)));
}

export function parseFailOn(text: string): FailOn {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (items.length === 0) throw new UsageError("--fail-on: name checkers or anomaly kinds");
  const ids = new Set(checkers.map((c) => c.id));
  const kinds = anomalyKinds();
  const out = { checkers: new Set<string>(), kinds: new Set<string>(), all: false };
  for (const item of items) {
    if (item === "all") out.all = true;
    else if (item === "none") continue;
    else if (ids.has(item)) out.checkers.add(item);
    else if (kinds.has(item)) out.kinds.add(item);
    else {
      throw new UsageError(
        `--fail-on: "${item}" is neither a checker nor an anomaly kind; checkers: ${[...ids].join(", ")}; kinds: ${[...kinds].join(", ")}; or all, none`,
      );
    }
  }
  return out;
}

/** Whether a result can fail the run: its checker is listed, or it found an anomaly of a listed kind. */
export function counts(failOn: FailOn | undefined, r: CheckResult): boolean {
  if (failOn === undefined || failOn.all) return true;
  return failOn.checkers.has(r.checker) || r.anomalies.some((a) => failOn.kinds.has(a.kind));
}

/** The run's verdict from the results that count; a counted checker that does not apply is unknown only when it alone was counted. */
export function gatedVerdict(report: Report, failOn: FailOn | undefined): FileVerdict {
  if (failOn === undefined || failOn.all) return report.verdict;
  return combineVerdicts(report.files.map((f) => gatedFileVerdict(f, failOn)));
}

function gatedFileVerdict(f: FileReport, failOn: FailOn): FileVerdict {
  const verdicts: FileVerdict[] = [];
  let applied = false;
  for (const r of f.results) {
    if (r.anomalies.some((a) => failOn.kinds.has(a.kind))) verdicts.push("invalid");
    if (!failOn.checkers.has(r.checker)) continue;
    if (r.verdict === "n/a") continue;
    applied = true;
    verdicts.push(r.verdict);
  }
  const listed = f.results.some((r) => failOn.checkers.has(r.checker));
  // Counted checkers that all do not apply decided nothing: that is not "valid".
  if (listed && !applied) verdicts.push("unknown");
  return combineVerdicts(verdicts);
}
