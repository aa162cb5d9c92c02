/**
 * durability: an acknowledged write is durable (DDIA 5.1, figure 5-2). Every replica named in
 * a write's `acks` holds it when it is acknowledged (applied, or kept as a hint): a
 * synchronous follower that acknowledges on receipt and applies later breaks this
 * (ack-without-apply). After a `promote`, every acknowledged write the new leader never
 * applied, accepted by the leader that failed, is lost (lost-on-failover), and later reads
 * from the new leader show it gone.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import {
  type AckWithoutApply,
  checkAcks,
  type LostOnFailover,
  reportFailovers,
} from "./replication/durability.js";
import { explainAckWithoutApply, explainLostOnFailover } from "./replication/explain-durability.js";
import { failoversOf } from "./replication/failover.js";
import { replicationReasons } from "./replication/reasons.js";
import { anyExtra } from "./replication/replies.js";
import { finish, notApplicable } from "./replication/result.js";
import { Ev, hasReplicaEvents, replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type DurabilityAnomaly = AckWithoutApply | LostOnFailover;

export const durability: Checker<DurabilityAnomaly> = {
  id: "durability",
  title: "Durability of acknowledged writes",
  description:
    "Every replica that acknowledged a write holds it when it is acknowledged; no acknowledged write is lost when a follower is promoted.",
  references: ["Kleppmann, Designing Data-Intensive Applications, section 5.1 and figure 5-2"],
  requires: [
    "writes with `acks` (the replicas that acknowledged them) and versions, or `promote` events of the cluster",
    "replica apply events (process replica:<node>) with the key's version; `crash` events name the leader that failed",
  ],
  decides: "durability",
  options: [],
  check: checkDurability,
  explain: {
    "ack-without-apply": explainAckWithoutApply,
    "lost-on-failover": explainLostOnFailover,
  },
  reasons: replicationReasons,
};

function checkDurability(h: History, options: CheckOptions): CheckResult<DurabilityAnomaly> {
  const view = replicationView(h);
  const acks = anyExtra(view, "acks");
  if (!acks && view.counts[Ev.promote] === 0)
    return notApplicable("durability", "durability", { code: "no-acks-or-promotes" });
  if (!hasReplicaEvents(view))
    return notApplicable("durability", "durability", { code: "no-replica-events" });
  const writes = writeIndex(h);
  const sink = new Findings<DurabilityAnomaly>(options);
  const checked = acks ? checkAcks(view, writes, sink as Findings<AckWithoutApply>) : 0;
  reportFailovers(view, writes, failoversOf(h), sink as Findings<LostOnFailover>);
  return finish("durability", "durability", h, sink, {
    stats: { ops: h.size, writesChecked: checked, promotes: view.counts[Ev.promote]! },
  });
}
