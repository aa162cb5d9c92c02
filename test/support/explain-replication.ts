/** The explanation table's rows for the replication checkers: one small history per anomaly kind (and per cause). */
import type { AnyChecker } from "../../src/checkers/types.js";
import type { History } from "../../src/history/model.js";
import { fromEvents, op, replica } from "./events.js";

interface Case {
  name: string;
  checker: AnyChecker;
  history: History;
  options?: Record<string, unknown>;
}

const config = (n: number, w: number, r: number) => ({
  type: "ok",
  process: "cluster",
  f: "config",
  n,
  w,
  r,
});

/** n = 3: a write of 2 acknowledged by `acks`, then a read answered by `replies` that returns 1. */
function missed(acks: string[], replies: string[], more: Record<string, unknown> = {}) {
  return [
    ...op(0, "write", "x", { value: 1, version: 1, node: "n1", acks: ["n1", "n2", "n3"] }),
    ...op(0, "write", "x", { value: 2, version: 2, node: "n1", acks, ...more }),
    ...op(1, "read", "x", {
      value: 1,
      version: 1,
      node: replies[0],
      replies: replies.map((node, i) => ({
        node,
        value: i === 0 ? 1 : 2,
        version: i === 0 ? 1 : 2,
      })),
    }),
  ];
}

export function replicationCases(c: Record<string, AnyChecker>): Case[] {
  return [
    {
      name: "quorum-overlap: w + r <= n (figure 5-11)",
      checker: c.quorumOverlap!,
      history: fromEvents([config(3, 1, 1), ...missed(["n1"], ["n3"])]),
    },
    {
      name: "quorum-overlap: a stale pick (figure 5-10)",
      checker: c.quorumOverlap!,
      history: fromEvents([config(3, 2, 2), ...missed(["n1", "n2"], ["n3", "n2"])]),
    },
    {
      name: "quorum-overlap: a sloppy quorum",
      checker: c.quorumOverlap!,
      history: fromEvents([
        config(3, 2, 2),
        ...missed(["n1", "n4"], ["n2", "n3"], { home: ["n1", "n2", "n3"] }),
      ]),
    },
    {
      name: "read-repair: a stale replier never repaired (figure 5-10)",
      checker: c.readRepair!,
      history: fromEvents([
        replica("n3", "apply", "x", 1, 1),
        ...op(0, "write", "x", { value: 2, version: 2, node: "n1", acks: ["n1", "n2"] }),
        ...op(1, "read", "x", {
          value: 2,
          version: 2,
          replies: [
            { node: "n3", value: 1, version: 1 },
            { node: "n2", value: 2, version: 2 },
          ],
        }),
      ]),
    },
    {
      name: "durability: an acknowledgement before the apply (figure 5-2)",
      checker: c.durability!,
      history: fromEvents([
        replica("follower-1", "apply", "x", 1, 1),
        replica("leader", "apply", "x", 2, 2),
        ...op(0, "write", "x", {
          value: 2,
          version: 2,
          node: "leader",
          acks: ["leader", "follower-1"],
        }),
        replica("follower-1", "apply", "x", 2, 2),
      ]),
    },
    {
      name: "durability: a write lost on failover (figure 5-2)",
      checker: c.durability!,
      history: fromEvents([
        replica("follower-2", "apply", "x", 1, 1),
        ...op(0, "write", "x", { value: 2, version: 2, node: "leader" }),
        replica("leader", "apply", "x", 2, 2),
        { type: "info", process: "nemesis", f: "crash", node: "leader" },
        { type: "ok", process: "cluster", f: "promote", node: "follower-2" },
        ...op(1, "read", "x", { value: 1, version: 1, node: "follower-2" }),
      ]),
    },
    {
      name: "staleness: a read beyond the bound of versions behind (figure 5-1)",
      checker: c.staleness!,
      history: fromEvents([
        ...op(0, "write", "x", { value: 1, version: 1, node: "leader", time: 10 }),
        ...op(0, "write", "x", { value: 2, version: 2, node: "leader", time: 20 }),
        ...op(1, "read", "x", { value: 1, version: 1, node: "follower-2", time: 60 }, { time: 50 }),
      ]),
      options: { maxVersionsBehind: 0 },
    },
    {
      name: "staleness: a replica beyond the lag bound (figure 5-1)",
      checker: c.staleness!,
      history: fromEvents([
        ...op(0, "write", "x", { value: 1, version: 1, node: "leader", time: 10 }),
        replica("leader", "apply", "x", 1, 1, { time: 8 }),
        replica("follower-2", "apply", "x", 1, 1, { time: 900 }),
      ]),
      options: { maxLag: 500 },
    },
  ];
}
