/** Scenarios of single-leader replication: DDIA figures 5-1 to 5-5. */
import type { ReplicationInput, SingleLeaderOptions } from "../options.js";
import type { Preset } from "./types.js";

const singleLeader = (extra: Partial<SingleLeaderOptions>): ReplicationInput => ({
  mode: "single-leader",
  ...extra,
});

export const singleLeaderPresets: readonly Preset[] = [
  {
    name: "fig-5-1",
    title:
      "one leader streams its log to followers; reads from any replica are stale while followers lag",
    anomalies: ["staleness/stale-read"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 4,
      routing: "any",
      replication: singleLeader({ lag: [20, 300] }),
    },
    correct: { routing: "leader" },
  },
  {
    name: "fig-5-2",
    title:
      "a synchronous follower acknowledges before applying; the leader fails and a lagging asynchronous follower is promoted",
    anomalies: ["durability/ack-without-apply", "durability/lost-on-failover"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 4,
      routing: "leader",
      replication: singleLeader({
        syncFollowers: 1,
        syncAck: "receive",
        applyDelay: 40,
        lag: [50, 400],
        failover: "lagging",
      }),
      faults: [
        { kind: "lag", node: "n3", at: 60, until: 160, extra: 600 },
        { kind: "crash", node: "n1", at: 120, recover: 220 },
      ],
    },
    correct: {
      replication: singleLeader({ syncAck: "apply", applyDelay: 0, failover: "most-up-to-date" }),
    },
  },
  {
    name: "fig-5-3",
    title:
      "a user writes to the leader, then reads from a follower that has not applied the write yet",
    anomalies: ["read-your-writes/missed-own-write"],
    options: {
      ops: 300,
      sessions: 4,
      keys: 3,
      routing: "any",
      replication: singleLeader({ lag: [50, 400] }),
    },
    correct: { routing: "leader" },
  },
  {
    name: "fig-5-4",
    title: "a user reads from a fresh replica, then from a stale one: time goes backward",
    anomalies: ["monotonic-reads/non-monotonic-read"],
    options: {
      ops: 300,
      sessions: 4,
      keys: 3,
      routing: "any",
      replication: singleLeader({ lag: [0, 500] }),
    },
    correct: { routing: "leader" },
  },
  {
    name: "fig-5-5",
    title:
      "question and answer live in different partitions whose followers lag differently; an observer sees the answer first",
    anomalies: ["consistent-prefix/prefix-violation"],
    options: {
      ops: 400,
      sessions: 6,
      keys: 2,
      routing: "any",
      replication: singleLeader({ partitions: 2, lag: [0, 500] }),
    },
    correct: { routing: "leader" },
    // Reading from the leaders fixes what readers see; the partitions' followers still apply
    // each log on its own, so a follower may hold an answer before its question.
    correctAllows: ["causal-delivery/causal-order-violation"],
  },
];
