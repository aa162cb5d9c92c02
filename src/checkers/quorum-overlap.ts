/**
 * quorum-overlap: a read that began after a write was acknowledged returns it or something
 * newer, as overlapping quorums promise (DDIA 5.4, figure 5-11: with n replicas, writes
 * acknowledged by w and reads answered by r, w + r > n makes every read quorum meet every
 * write quorum; Gifford 1979). Each miss is classified by the quorums the history records:
 * the configuration allows it (w + r <= n), a sloppy quorum put the write or the read on
 * stand-ins outside the key's home replicas, or the quorums met and the coordinator still
 * returned an older reply (a stale pick).
 */
import { explainQuorumMiss } from "./replication/explain-quorum.js";
import { checkQuorums, type QuorumMiss } from "./replication/quorum.js";
import { replicationReasons } from "./replication/reasons.js";
import type { Checker } from "./types.js";

export type QuorumOverlapAnomaly = QuorumMiss;

export const quorumOverlap: Checker<QuorumOverlapAnomaly> = {
  id: "quorum-overlap",
  title: "Quorum overlap",
  description:
    "A read that began after a write was acknowledged must return it or something newer; each miss is put down to the configuration (w + r <= n), a sloppy quorum, or a stale pick.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, section 5.4, figures 5-10 and 5-11",
    "Gifford, Weighted voting for replicated data, SOSP 1979",
    "DeCandia et al., Dynamo: Amazon's highly available key-value store, SOSP 2007",
  ],
  requires: [
    "reads with `replies` (node, value, version of each replica that answered)",
    "writes with `acks` (the replicas that acknowledged them) and versions",
    "optionally n, w, r (on ops or a config event) and `home` (a key's home replicas)",
  ],
  decides: "quorum-overlap",
  options: [],
  check: checkQuorums,
  explain: { "quorum-miss": explainQuorumMiss },
  reasons: replicationReasons,
};
