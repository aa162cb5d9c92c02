/**
 * Named scenarios, one per figure of DDIA chapter 5 (DESIGN.md section 1). Each preset's
 * default seed produces the anomalies its figure shows (`anomalies`, as checker/kind); its
 * correct variant changes only what the book says fixes the scenario (reads from the leader,
 * strict quorums with read repair, conflict avoidance, causal delivery, siblings) and
 * produces no ground-truth label at all, except `correctAllows`: conflicts that version
 * vectors detect and keep as siblings, which is the fix, not a fault.
 */
import type {
  MultiLeaderOptions,
  ReplicationInput,
  SimInput,
  SingleLeaderOptions,
} from "./options.js";

export interface Preset {
  name: string;
  title: string;
  anomalies: readonly string[];
  correctAllows?: readonly string[];
  options: SimInput;
  correct: SimInput;
}

const keepSiblings = ["write-conflicts/write-conflict"];

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

/** Multi-leader runs whose correct variant is conflict avoidance: each key written and read at its home leader, causal delivery. */
const homeLeaders = (extra: Partial<MultiLeaderOptions>): SimInput => ({
  routing: "leader",
  replication: { mode: "multi-leader", writeTo: "home", causalDelivery: true, ...extra },
});

const singleLeader = (extra: Partial<SingleLeaderOptions>): ReplicationInput => ({
  mode: "single-leader",
  ...extra,
});

export const presets: readonly Preset[] = [
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
  },
  {
    name: "fig-5-6",
    title:
      "one leader per datacenter, replicating to each other; concurrent writes at different leaders overwrite in arrival order",
    anomalies: ["write-conflicts/write-conflict", "convergence/divergence"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 4,
      routing: "sticky",
      replication: { mode: "multi-leader", datacenters: 3, conflicts: "overwrite" },
    },
    correct: homeLeaders({ conflicts: "lww" }),
  },
  {
    name: "fig-5-7",
    title:
      "two users change the same record at two leaders at once; last write wins silently drops one",
    anomalies: ["write-conflicts/write-conflict", "lost-writes/lost-write"],
    options: {
      ops: 200,
      sessions: 4,
      keys: 2,
      routing: "sticky",
      replication: { mode: "multi-leader", datacenters: 2, conflicts: "lww" },
      faults: [{ kind: "skew", node: "n2", offset: -300 }],
    },
    correct: homeLeaders({}),
  },
  {
    name: "fig-5-8-circular",
    title: "leaders in a ring; one fails and the ring stops carrying everyone's writes past it",
    anomalies: ["convergence/divergence"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 8,
      ...homeLeaders({ datacenters: 4, topology: "circular", causalDelivery: false }),
      faults: [{ kind: "crash", node: "n2", at: 100 }],
    },
    correct: {
      ...homeLeaders({ topology: "circular" }),
      faults: [{ kind: "crash", node: "n2", at: 100, recover: 200 }],
    },
  },
  {
    name: "fig-5-8-star",
    title: "leaders in a star around n1; the hub fails and nothing reaches the other leaves",
    anomalies: ["convergence/divergence"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 8,
      ...homeLeaders({ datacenters: 4, topology: "star", causalDelivery: false }),
      faults: [{ kind: "crash", node: "n1", at: 100 }],
    },
    correct: {
      ...homeLeaders({ topology: "star" }),
      faults: [{ kind: "crash", node: "n1", at: 100, recover: 200 }],
    },
  },
  {
    name: "fig-5-8-all-to-all",
    title: "every leader sends to every other; a message overtakes one it depends on",
    anomalies: ["causal-delivery/causal-order-violation"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 8,
      ...homeLeaders({ datacenters: 4, topology: "all-to-all", causalDelivery: false }),
    },
    correct: homeLeaders({ topology: "all-to-all" }),
  },
  {
    name: "fig-5-9",
    title:
      "an insert at one leader, an update of the row at another; a third receives the update first",
    anomalies: ["causal-delivery/causal-order-violation"],
    options: {
      ops: 300,
      sessions: 6,
      keys: 3,
      routing: "sticky",
      writeRate: 0.4,
      replication: {
        mode: "multi-leader",
        datacenters: 3,
        topology: "all-to-all",
        linkDelay: [10, 400],
      },
    },
    correct: homeLeaders({}),
  },
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
  },
  {
    name: "fig-5-12",
    title:
      "two clients write one key concurrently to three Dynamo-style nodes; each node keeps whatever arrived last",
    anomalies: ["write-conflicts/write-conflict", "convergence/divergence"],
    correctAllows: keepSiblings,
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

/** Aliases: the figure as a whole names the scenario its checker is about. */
const aliases: Record<string, string> = { "fig-5-8": "fig-5-8-all-to-all" };

export function findPreset(name: string): Preset | undefined {
  const target = aliases[name] ?? name;
  return presets.find((p) => p.name === target);
}

export const presetNames: readonly string[] = [
  ...presets.map((p) => p.name),
  ...Object.keys(aliases),
].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

/** A preset's options (its correct variant if asked), with the caller's options over them. */
export function presetInput(preset: Preset, correct: boolean, over: SimInput = {}): SimInput {
  const base = correct ? merge(preset.options, preset.correct) : preset.options;
  return merge(base, over);
}

function merge(a: SimInput, b: SimInput): SimInput {
  const out: SimInput = { ...a, ...b };
  if (a.replication || b.replication) {
    out.replication = { ...a.replication, ...b.replication } as ReplicationInput;
  }
  return out;
}
