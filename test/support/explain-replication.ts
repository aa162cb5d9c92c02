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

/** Two leaders take a write of x each; `then` says what each replica ends with. */
function twoLeaders(a: number, b: number, then: Record<string, unknown>[]) {
  return [
    ...op(0, "write", "x", { value: "A", version: a, node: "dc1" }),
    replica("dc1", "apply", "x", "A", a),
    ...op(1, "write", "x", { value: "B", version: b, node: "dc2" }),
    replica("dc2", "apply", "x", "B", b),
    ...then,
  ];
}

const cart = (p: number, s: string, f: "read" | "write", value: unknown, version: object) =>
  op(p, f, "cart", { value, version, node: "server" }, { session: s });

export function replicationCases(c: Record<string, AnyChecker>): Case[] {
  return [
    ...replicationCases2(c),
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

function replicationCases2(c: Record<string, AnyChecker>): Case[] {
  return [
    {
      name: "write-conflicts: two leaders, last write wins (figure 5-7)",
      checker: c.writeConflicts!,
      history: fromEvents(twoLeaders(101, 102, [replica("dc1", "apply", "x", "B", 102)])),
    },
    {
      name: "write-conflicts: siblings by version vectors (figure 5-13)",
      checker: c.writeConflicts!,
      history: fromEvents([
        ...op(0, "write", "x", { value: "A", version: { a: 1 }, node: "n1" }),
        ...op(1, "write", "x", { value: "B", version: { b: 1 }, node: "n1" }),
      ]),
    },
    {
      name: "lost-writes: last write wins drops a concurrent write (figure 5-7)",
      checker: c.lostWrites!,
      history: fromEvents(twoLeaders(101, 102, [replica("dc1", "apply", "x", "B", 102)])),
    },
    {
      name: "lost-writes: a skewed clock makes the later write lose",
      checker: c.lostWrites!,
      history: fromEvents([
        ...op(0, "write", "x", { value: "A", version: 200, node: "dc1" }),
        replica("dc1", "apply", "x", "A", 200),
        replica("dc2", "apply", "x", "A", 200),
        ...op(1, "write", "x", { value: "B", version: 150, node: "dc2" }),
      ]),
    },
    {
      name: "lost-writes: the replicas keep an older write that arrived last (figure 5-12)",
      checker: c.lostWrites!,
      history: fromEvents([
        ...op(0, "write", "x", { value: "A", version: 100, node: "dc1" }),
        replica("dc1", "apply", "x", "A", 100),
        replica("dc2", "apply", "x", "A", 100),
        ...op(1, "write", "x", { value: "B", version: 150, node: "dc2" }),
        replica("dc2", "apply", "x", "B", 150),
        replica("dc2", "apply", "x", "A", 100),
      ]),
    },
    {
      name: "lost-writes: never applied, only hinted",
      checker: c.lostWrites!,
      history: fromEvents([
        ...op(0, "write", "x", { value: "A", version: 100, node: "n1", acks: ["n4"] }),
        replica("n4", "hint", "x", "A", 100, { for: "n1" }),
      ]),
    },
    {
      name: "convergence: replicas that overwrite in arrival order (figure 5-12)",
      checker: c.convergence!,
      history: fromEvents(
        twoLeaders(101, 102, [
          replica("dc1", "apply", "x", "B", 102),
          replica("dc2", "apply", "x", "A", 101),
        ]),
      ),
    },
    {
      name: "causal-delivery: an update before its insert (figure 5-9)",
      checker: c.causalDelivery!,
      history: fromEvents([
        ...op(0, "write", "row", { value: "insert", version: 101, node: "l1" }),
        replica("l1", "apply", "row", "insert", 101),
        replica("l3", "apply", "row", "insert", 101),
        ...op(1, "read", "row", { value: "insert", version: 101, node: "l3" }),
        ...op(1, "write", "row", { value: "update", version: 203, node: "l3" }),
        replica("l3", "apply", "row", "update", 203),
        replica("l2", "apply", "row", "update", 203),
      ]),
    },
    {
      name: "siblings: a blind write replaces a sibling it never read (figure 5-13)",
      checker: c.siblings!,
      history: fromEvents([
        ...cart(0, "c1", "write", ["milk"], { c1: 1 }),
        ...cart(1, "c2", "write", ["eggs"], { c2: 1 }),
        ...cart(2, "c3", "write", ["ham"], { c1: 1, c2: 1, c3: 1 }),
      ]),
    },
    {
      name: "siblings: a merge that keeps one sibling (figure 5-13)",
      checker: c.siblings!,
      history: fromEvents([
        ...cart(0, "c1", "write", ["milk"], { c1: 1 }),
        ...cart(1, "c2", "write", ["eggs"], { c2: 1 }),
        ...cart(0, "c1", "read", [["milk"], ["eggs"]], { c1: 1, c2: 1 }),
        ...cart(0, "c1", "write", ["milk", "flour"], { c1: 2, c2: 1 }),
      ]),
    },
  ];
}
