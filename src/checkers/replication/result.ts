/** How the replication checkers turn what they found into a CheckResult. */
import type { History } from "../../history/model.js";
import type { Findings } from "../causal/findings.js";
import type { ModelId } from "../lattice.js";
import type { AnomalyBase, CheckResult, Measurements, Reason } from "../types.js";
import { verdictOf } from "../types.js";

export interface Finished {
  stats: Record<string, number>;
  notes?: Reason[];
  measurements?: Measurements;
}

export function finish<A extends AnomalyBase>(
  checker: string,
  model: ModelId,
  h: History,
  sink: Findings<A>,
  done: Finished,
): CheckResult<A> {
  const undecided = sink.undecided(h);
  const out: CheckResult<A> = {
    checker,
    model,
    verdict: verdictOf(sink.count, undecided),
    anomalies: sink.kept,
    anomalyCount: sink.count,
    undecided,
    stats: done.stats,
  };
  if (done.notes && done.notes.length > 0) out.notes = done.notes;
  if (done.measurements) out.measurements = done.measurements;
  return out;
}

/** The result of a checker that does not apply to the history, and why. */
export function notApplicable<A extends AnomalyBase>(
  checker: string,
  model: ModelId,
  reason: Reason,
  stats: Record<string, number> = {},
): CheckResult<A> {
  return {
    checker,
    model,
    verdict: "n/a",
    anomalies: [],
    anomalyCount: 0,
    undecided: [],
    notApplicable: reason,
    stats,
  };
}
