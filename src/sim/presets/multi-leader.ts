/** Scenarios of multi-leader replication: DDIA figures 5-6 to 5-9. */
import type { MultiLeaderOptions, SimInput } from "../options.js";
import type { Preset } from "./types.js";

/** Multi-leader runs whose correct variant is conflict avoidance: each key written and read at its home leader, causal delivery. */
const homeLeaders = (extra: Partial<MultiLeaderOptions>): SimInput => ({
  routing: "leader",
  replication: { mode: "multi-leader", writeTo: "home", causalDelivery: true, ...extra },
});

export const multiLeaderPresets: readonly Preset[] = [
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
];
