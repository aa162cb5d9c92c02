/**
 * lost-writes: an acknowledged write that a concurrent (or mis-ordered) write replaced, so
 * that no replica's final state reflects it (DDIA 5.3, figure 5-7; 5.4, figure 5-12): no
 * replica ends holding it or a write that happens after it. A write overwritten by a write
 * that happens after it is not lost. Each lost write says which write the replicas kept and
 * by which rule: last write wins on concurrent writes, a skewed clock, arrival order, a
 * sibling overwritten, or never applied at all.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import { explainLostWrite } from "./replication/explain-lost.js";
import { failoversOf } from "./replication/failover.js";
import { finalStates } from "./replication/final.js";
import { knowledgeOf } from "./replication/knowledge.js";
import { findLostWrites, type LostWrite } from "./replication/lost.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type LostWritesAnomaly = LostWrite;

export const lostWrites: Checker<LostWritesAnomaly> = {
  id: "lost-writes",
  title: "Lost writes",
  description:
    "An acknowledged write that no replica's final state reflects (holds it, or a write that happened after it): dropped by last write wins, a skewed clock, arrival order or an overwritten sibling.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, sections 5.3 and 5.4, figures 5-7 and 5-12",
  ],
  requires: [
    "client writes with versions (numbers with `node`, or version vectors)",
    "replica apply events (process replica:<node>): each replica's final state",
  ],
  decides: "lost-writes",
  options: [],
  check: checkLostWrites,
  explain: { "lost-write": explainLostWrite },
  reasons: replicationReasons,
};

function checkLostWrites(h: History, options: CheckOptions): CheckResult<LostWritesAnomaly> {
  const view = replicationView(h);
  const writes = writeIndex(h);
  if (writes.ids.length === 0)
    return notApplicable("lost-writes", "lost-writes", { code: "no-client-writes" });
  if (!hasReplicaEvents(view))
    return notApplicable("lost-writes", "lost-writes", { code: "no-replica-events" });
  const sink = new Findings<LostWrite>(options);
  const k = knowledgeOf(h);
  const checked = findLostWrites(h, writes, k, failoversOf(h), finalStates(h), sink);
  return finish("lost-writes", "lost-writes", h, sink, {
    stats: { ops: h.size, writesChecked: checked },
  });
}
