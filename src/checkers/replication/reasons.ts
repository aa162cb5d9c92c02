/** What the replication checkers' undecided, not-applicable and note codes mean, from their parameters. */
import { plural } from "../phrases.js";

type Params = Record<string, unknown>;

export const replicationReasons: Readonly<Record<string, (p: Params) => string>> = {
  "no-replies": () => "no read records the replies it gathered (`replies`)",
  "no-acks": () => "no write records the replicas that acknowledged it (`acks`)",
  "no-replica-events": () =>
    "no replica events (apply or repair by processes replica:<node>), so what each replica held is unknown",
  "no-client-writes": () => "the history has no client writes to check",
  "no-client-reads": () => "the history has no client reads to check",
  "no-acks-or-promotes": () => "no write records `acks`, and no node is promoted",
  "no-versions": () => "the writes carry no versions (numbers or version vectors)",
  "no-sibling-data": () => "no write carries a version vector or a set value (a list of elements)",
  "read-without-version": () =>
    "the read carries no version and its value does not identify one write, so how far behind it is cannot be told",
  "write-without-version": () =>
    "a write of the key carries no version and no replica event shows one for its value, so what reads include of it cannot be told",
  "write-without-acks": () =>
    "the write the read missed records no acknowledging replicas, so which quorum missed it cannot be told",
  "reply-without-version": () =>
    "a reply carries no version that can be compared, so whether the replier was stale cannot be told",
  "unrecorded-replica": (p) =>
    `the write's acks name ${plural(Number(p.nodes), "replica")} that records no replica event at all, so what it held is unknown`,
  "unrecorded-replier": () =>
    "a replica answered the read with a stale version but records no replica event at all, so whether it was repaired is unknown",
  "unrecorded-home": () =>
    "a home replica of the key records no replica event at all, so whether it holds what the others hold is unknown",
  "unrecorded-promotion": () =>
    "a node was promoted after the write, but it records no replica event at all (or the promotion names no node), so whether the new leader held the write is unknown",
  "unrecorded-apply": () =>
    "no replica event shows the write, yet the node that accepted it held an older state: its events are incomplete, so whether the write survived is unknown",
  "write-without-node": () =>
    "the write records no node that accepted it and no replica event shows it, so its place in happens-before is unknown",
  "too-many-vector-writes": (p) =>
    `${plural(Number(p.keys), "key")} have more writes with version vectors than can be compared pairwise (${p.max})`,
  "unmeasured-lag": () =>
    "no replica event carries a time, so replication lag is not measured (the maximum-lag bound cannot be checked)",
  "budget-exhausted": (p) =>
    `the check ran out of its time budget (${p.seconds} s; raise the time-limit option)`,
  "measured-only": () =>
    "no bound was set (max-lag, max-versions-behind), so staleness is measured and nothing is judged",
};
