/** Scenarios of leaderless replication: DDIA figures 5-10 to 5-13. */
import type { ReplicationInput } from "../options.js";
import type { Preset } from "./types.js";

const keepSiblings = ["write-conflicts/write-conflict"];
/**
 * Leaderless replicas take writes straight from coordinators, repairs and anti-entropy, in
 * whatever order those arrive: nothing here promises causal delivery (figure 5-9's fix), so
 * the fixes of these figures leave its violations in place.
 */
const anyOrder = "causal-delivery/causal-order-violation";

/** Leaderless runs whose correct variant avoids conflicts: one writer per key, strict quorums, blocking read repair, anti-entropy. */
const strictQuorum: ReplicationInput & { mode: "leaderless" } = {
  mode: "leaderless",
  nodes: 3,
  n: 3,
  w: 2,
  r: 2,
  readRepair: "blocking",
  antiEntropy: 200,
  pick: "newest",
};

export const leaderlessPresets: readonly Preset[] = [
  {
    name: "fig-5-10",
    title:
      "n = 3, w = 2, r = 2; a replica misses writes while down, a read returns its stale answer and nobody repairs it",
    anomalies: ["read-repair/repair-missing", "quorum-overlap/quorum-miss"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 24,
      writeRate: 0.2,
      writers: "owner",
      routing: "any",
      replication: { ...strictQuorum, readRepair: "off", antiEntropy: 0, pick: "first" },
      faults: [{ kind: "crash", node: "n3", at: 40, recover: 120 }],
    },
    correct: { replication: strictQuorum },
    // One writer per key, but a write that timed out while n3 was down may still take effect
    // after its owner's next write: the two are concurrent (seed 59 has one).
    correctAllows: [anyOrder, "write-conflicts/write-conflict"],
  },
  {
    name: "fig-5-11",
    title:
      "w + r <= n: read and write quorums need not overlap, and a read misses the newest acknowledged write",
    anomalies: ["quorum-overlap/quorum-miss"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 6,
      writers: "owner",
      routing: "any",
      replication: {
        ...strictQuorum,
        w: 1,
        r: 1,
        readRepair: "off",
        antiEntropy: 0,
        replicaDelay: [1, 60],
      },
    },
    correct: { replication: strictQuorum },
    correctAllows: [anyOrder],
  },
  {
    name: "fig-5-11-sloppy",
    title:
      "a sloppy quorum takes writes on stand-in nodes during a partition; after it heals, reads miss them until handoff",
    anomalies: ["quorum-overlap/quorum-miss"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 6,
      writers: "owner",
      routing: "sticky",
      replication: {
        ...strictQuorum,
        nodes: 5,
        sloppy: true,
        handoffInterval: 400,
        readRepair: "off",
        antiEntropy: 0,
      },
      faults: [
        {
          kind: "partition",
          groups: [
            ["n1", "n4", "n5"],
            ["n2", "n3"],
          ],
          at: 60,
          heal: 160,
        },
      ],
    },
    correct: { replication: { ...strictQuorum, nodes: 5, sloppy: false } },
    correctAllows: [anyOrder],
  },
  {
    name: "fig-5-12",
    title:
      "two clients write one key concurrently to three Dynamo-style nodes; each node keeps whatever arrived last",
    anomalies: ["write-conflicts/write-conflict", "convergence/divergence"],
    correctAllows: [...keepSiblings, anyOrder],
    options: {
      ops: 200,
      sessions: 2,
      keys: 1,
      writeRate: 0.5,
      routing: "any",
      replication: {
        mode: "leaderless",
        nodes: 3,
        n: 3,
        w: 1,
        r: 1,
        conflicts: "overwrite",
        readRepair: "off",
        replicaDelay: [1, 80],
      },
    },
    correct: { replication: { ...strictQuorum, conflicts: "siblings" } },
  },
  {
    name: "fig-5-13",
    title:
      "two clients edit one shopping cart; the server lets a write replace siblings it never read, and a client merges by keeping one",
    anomalies: ["siblings/sibling-overwritten", "siblings/sibling-element-dropped"],
    correctAllows: keepSiblings,
    options: {
      ops: 100,
      sessions: 2,
      keys: 1,
      workload: "set",
      writeRate: 0.5,
      replication: {
        mode: "leaderless",
        nodes: 1,
        n: 1,
        w: 1,
        r: 1,
        conflicts: "siblings",
        overwrite: true,
        merge: "pick-one",
      },
    },
    correct: { replication: { mode: "leaderless", overwrite: false, merge: "union" } },
  },
];
