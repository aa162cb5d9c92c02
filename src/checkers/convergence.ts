/**
 * convergence: at the end of the history every replica of a key holds the same state of it,
 * the same value or the same siblings (DDIA 5.3, "Converging toward a consistent state";
 * 5.4, figure 5-12: replicas that each simply overwrite in arrival order diverge for good).
 * Replicas that are down at the end are left out; the end of the history is taken as
 * quiescent. Each diverged key lists each replica's state.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import { type Divergence, findDivergence } from "./replication/convergence.js";
import { explainDivergence } from "./replication/explain-convergence.js";
import { finalStates } from "./replication/final.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type ConvergenceAnomaly = Divergence;

export const convergence: Checker<ConvergenceAnomaly> = {
  id: "convergence",
  title: "Convergence",
  description:
    "At the end of the history every replica of a key that is up holds the same state of it (the same write, or the same siblings); diverged keys list each replica's state.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, sections 5.3 and 5.4, figure 5-12",
    "Shapiro, Preguica, Baquero and Zawirski, Conflict-free replicated data types, SSS 2011",
  ],
  requires: [
    "replica apply or repair events (process replica:<node>) with each key's value and version",
    "optionally `home` (a key's replicas), and crash/recover events (replicas down at the end are left out)",
  ],
  decides: "convergence",
  options: [],
  check: checkConvergence,
  explain: { divergence: explainDivergence },
  reasons: replicationReasons,
};

function checkConvergence(h: History, options: CheckOptions): CheckResult<ConvergenceAnomaly> {
  const view = replicationView(h);
  if (!hasReplicaEvents(view))
    return notApplicable("convergence", "convergence", { code: "no-replica-events" });
  const sink = new Findings<Divergence>(options);
  const keys = findDivergence(view, finalStates(h), sink);
  return finish("convergence", "convergence", h, sink, {
    stats: { ops: h.size, keysChecked: keys },
  });
}
