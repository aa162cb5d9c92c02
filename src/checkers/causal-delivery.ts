/**
 * causal-delivery: each replica applies writes in an order consistent with happens-before
 * (DDIA 5.3, "Multi-leader replication topologies": figure 5-9, an update that reaches a
 * leader before the insert it depends on; figure 5-8, messages that overtake each other in an
 * all-to-all topology). Happens-before is Lamport's as the history records it (what each
 * accepting node had applied, what each client had seen); a replica applying a write must
 * already hold, for every write before it, that write or something at least as new of its key.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import { type CausalOrderViolation, checkDelivery } from "./replication/delivery.js";
import { explainCausalOrderViolation } from "./replication/explain-delivery.js";
import { failoversOf } from "./replication/failover.js";
import { knowledgeOf } from "./replication/knowledge.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type CausalDeliveryAnomaly = CausalOrderViolation;

export const causalDelivery: Checker<CausalDeliveryAnomaly> = {
  id: "causal-delivery",
  title: "Causal delivery",
  description:
    "Each replica applies writes in an order consistent with happens-before: never a write before one it depends on.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, section 5.3, figures 5-8 and 5-9",
    "Lamport, Time, clocks, and the ordering of events in a distributed system, CACM 1978",
    "Birman, Schiper and Stephenson, Lightweight causal and atomic group multicast, TOCS 1991",
  ],
  requires: [
    "replica apply events (process replica:<node>) with each key's version",
    "client writes with versions and `node` (the node that accepted them)",
  ],
  decides: "causal-delivery",
  options: [],
  check: checkCausalDelivery,
  explain: { "causal-order-violation": explainCausalOrderViolation },
  reasons: replicationReasons,
};

function checkCausalDelivery(
  h: History,
  options: CheckOptions,
): CheckResult<CausalDeliveryAnomaly> {
  const view = replicationView(h);
  if (!hasReplicaEvents(view))
    return notApplicable("causal-delivery", "causal-delivery", { code: "no-replica-events" });
  const writes = writeIndex(h);
  if (writes.ids.length === 0)
    return notApplicable("causal-delivery", "causal-delivery", { code: "no-client-writes" });
  const sink = new Findings<CausalOrderViolation>(options);
  const applies = checkDelivery(view, writes, knowledgeOf(h), failoversOf(h), sink);
  return finish("causal-delivery", "causal-delivery", h, sink, {
    stats: { ops: h.size, appliesChecked: applies },
  });
}
