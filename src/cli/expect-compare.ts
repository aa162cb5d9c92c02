/** Compares one file's results with its expectation (see src/cli/expect.ts for the format). */
import { plural } from "../checkers/phrases.js";
import type { CheckResult } from "../checkers/types.js";
import type { FileReport } from "../report/model.js";

export interface CheckerExpectation {
  verdict: string;
  anomalies?: { kind: string; violation?: string; lines?: number[] }[];
  undecided?: string[];
  notApplicable?: string;
  implied?: string;
}

export type FileExpectation = string | Record<string, string | CheckerExpectation>;

/** The differences, each as a phrase. */
export function compareFile(f: FileReport, want: FileExpectation): string[] {
  if (typeof want === "string") {
    return f.verdict === want ? [] : [`expected ${want}, got ${f.verdict}`];
  }
  const out: string[] = [];
  for (const [id, w] of Object.entries(want)) {
    const r = f.results.find((x) => x.checker === id);
    if (r === undefined) out.push(`${id}: expected ${verdictOf(w)}, but it did not run`);
    else out.push(...compareResult(r, typeof w === "string" ? { verdict: w } : w));
  }
  for (const r of f.results) {
    if (!(r.checker in want) && r.verdict === "invalid")
      out.push(
        `${r.checker}: invalid (${plural(r.anomalyCount, "anomaly", "anomalies")}), but no anomaly is expected`,
      );
  }
  return out;
}

/** The fields of an expected anomaly in one order, so that they compare as JSON. */
function canonical(a: NonNullable<CheckerExpectation["anomalies"]>[number]) {
  return {
    kind: a.kind,
    ...(a.violation !== undefined ? { violation: a.violation } : {}),
    ...(a.lines !== undefined ? { lines: a.lines } : {}),
  };
}

function verdictOf(w: string | CheckerExpectation): string {
  return typeof w === "string" ? w : w.verdict;
}

function compareResult(r: CheckResult, w: CheckerExpectation): string[] {
  const out: string[] = [];
  const differ = (what: string, expected: unknown, got: unknown) => {
    const e = JSON.stringify(expected);
    const g = JSON.stringify(got);
    if (e !== g) out.push(`${r.checker}: ${what} expected ${e}, got ${g}`);
  };
  differ("verdict", w.verdict, r.verdict);
  if (w.anomalies !== undefined) {
    const got = r.anomalies.map((a, i) => {
      const want = w.anomalies![i];
      const violation = (a as { violation?: unknown }).violation;
      return {
        kind: a.kind,
        ...(want?.violation !== undefined ? { violation } : {}),
        ...(want?.lines !== undefined ? { lines: a.ops.map((o) => o.line) } : {}),
      };
    });
    differ("anomalies", w.anomalies.map(canonical), got);
  }
  if (w.undecided !== undefined)
    differ(
      "undecided",
      w.undecided,
      r.undecided.map((u) => u.code),
    );
  if (w.notApplicable !== undefined) differ("n/a reason", w.notApplicable, r.notApplicable?.code);
  if (w.implied !== undefined) differ("implied by", w.implied, r.implied?.by);
  return out;
}
