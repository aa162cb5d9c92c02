/** The happens-before graph of a history: its edges, their evidence, its chains and clocks, and a 1M-op session without recursion. */
import { describe, expect, it } from "vitest";
import { causal } from "../src/checkers/causal.js";
import {
  buildHappensBefore,
  CAUSAL,
  ClockBudgetError,
  computeClocks,
  EdgeKind,
  edgeKindNames,
  type HappensBefore,
  inPast,
  topologicalOrder,
} from "../src/graph/index.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

/** Every edge as "from-kind->to" (op ids), sorted, with the evidence's accesses' ops for rf and vo. */
function edges(hb: HappensBefore, kind?: number): string[] {
  const { offsets, targets, kinds } = hb.graph.forward;
  const out: string[] = [];
  for (let v = 0; v < hb.graph.nodeCount; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      if (kind !== undefined && kinds[e] !== kind) continue;
      out.push(`${v}-${edgeKindNames[kinds[e]!]}->${targets[e]}`);
    }
  }
  return out.sort();
}

describe("buildHappensBefore", () => {
  it("links each session as a chain, and each read to the write it observed", () => {
    const hb = buildHappensBefore(hist("a w x 1; b r x 1; a w y 2; b r y 2; a r x 1"));
    expect(edges(hb, EdgeKind.sessionOrder)).toEqual([
      "0-session-order->2",
      "1-session-order->3",
      "2-session-order->4",
    ]);
    expect(edges(hb, EdgeKind.readsFrom)).toEqual([
      "0-reads-from->1",
      "0-reads-from->4",
      "2-reads-from->3",
    ]);
  });

  it("keeps the accesses that prove a reads-from edge as its evidence", () => {
    const hb = buildHappensBefore(hist("a w x 1; b r x 1"));
    const { evidence, kinds } = hb.graph.forward;
    const e = kinds.indexOf(EdgeKind.readsFrom);
    const acc = hb.observations.acc;
    expect(acc.op[hb.evidenceFrom[evidence[e]!]!]).toBe(0);
    expect(acc.op[hb.evidenceTo[evidence[e]!]!]).toBe(1);
  });

  it("orders a session that overlaps itself only where one op completed before the other began", () => {
    // s/1 and s/2 overlap; the third op follows both.
    const hb = buildHappensBefore(hist("(s/1 w x 1 | s/2 w y 2); s/1 r x 1"));
    expect(edges(hb, EdgeKind.sessionOrder)).toEqual(["0-session-order->2", "1-session-order->2"]);
    expect(hb.chains.overlapping.size).toBe(1);
    expect(hb.chains.count).toBe(2);
  });

  it("orders writes by numeric versions, groups of equal versions unordered inside", () => {
    const hb = buildHappensBefore(hist("a w x 1 #1; b w x 2 #2; c w x 3 #2; d w x 4 #3"));
    expect(edges(hb, EdgeKind.versionOrder)).toEqual([
      "0-version-order->1",
      "0-version-order->2",
      "1-version-order->3",
      "2-version-order->3",
    ]);
  });

  it("orders version vectors by their transitive reduction", () => {
    const hb = buildHappensBefore(
      hist('a w x 1 #{"p":1}; b w x 2 #{"q":1}; a w x 3 #{"p":2,"q":1}; b w x 4 #{"p":3,"q":1}'),
    );
    expect(edges(hb, EdgeKind.versionOrder)).toEqual([
      "0-version-order->2",
      "1-version-order->2",
      "2-version-order->3",
    ]);
  });

  it("orders list appends by the longest read, unseen appends after the seen ones", () => {
    const hb = buildHappensBefore(hist("a append x 1; b append x 2; c r x [1]; d append x 3"));
    expect(edges(hb, EdgeKind.versionOrder)).toEqual(["0-version-order->1", "0-version-order->3"]);
  });

  it("derives version order from an assumption only where the history gives none", () => {
    const h = hist("a w x 1; b w x 2; (a w x 3 | b w x 4); c w y 5 #1; c w y 6 #2");
    expect(edges(buildHappensBefore(h), EdgeKind.assumedOrder)).toEqual([]);
    expect(
      edges(buildHappensBefore(h, { assume: "linearizable-keys" }), EdgeKind.assumedOrder),
    ).toEqual(["0-assumed-order->1", "1-assumed-order->2", "1-assumed-order->3"]);
    expect(
      edges(buildHappensBefore(h, { assume: "sequential-keys" }), EdgeKind.assumedOrder),
    ).toEqual(["0-assumed-order->2", "1-assumed-order->3"]);
  });

  it("adds real time between sessions only when asked", () => {
    const h = hist("a w x 1; b w y 2; (c r x 1 | d r y 2)");
    expect(edges(buildHappensBefore(h), EdgeKind.realTime)).toEqual([]);
    expect(edges(buildHappensBefore(h, { realTime: true }), EdgeKind.realTime)).toEqual([
      "0-real-time->1",
      "1-real-time->2",
      "1-real-time->3",
    ]);
  });

  it("leaves failed ops and named processes out of every order", () => {
    const hb = buildHappensBefore(hist("a w x 1 !fail; a w x 2; a r x 2"));
    expect(edges(hb)).toEqual(["1-reads-from->2", "1-session-order->2"]);
    expect(hb.chains.chainOf[0]).toBe(-1);
  });
});

describe("vector clocks", () => {
  it("say which ops are in an op's causal past", () => {
    const hb = buildHappensBefore(hist("a w x 1; b w y 2; b r x 1; c r y 2; a r y 2"));
    const order = topologicalOrder(hb.graph, { kinds: CAUSAL });
    expect(order.acyclic).toBe(true);
    const keep = new Uint8Array(hb.graph.nodeCount).fill(1);
    const clocks = computeClocks(hb.graph, hb.chains, order.order, keep, CAUSAL);
    const past = (n: number) =>
      [0, 1, 2, 3, 4].filter((x) => x !== n && inPast(clocks, hb.chains, x, n));
    expect(past(2)).toEqual([0, 1]);
    expect(past(3)).toEqual([1]);
    expect(past(4)).toEqual([0, 1]);
    expect(past(0)).toEqual([]);
  });
});

describe("the clocks' memory budget", () => {
  it("is refused up front, with the entries it would need", () => {
    const hb = buildHappensBefore(hist("a w x 1; b w y 2; c r x 1; d r y 2"));
    const order = topologicalOrder(hb.graph, { kinds: CAUSAL }).order;
    const keep = new Uint8Array(hb.graph.nodeCount).fill(1);
    expect(() => computeClocks(hb.graph, hb.chains, order, keep, CAUSAL, 8)).toThrow(
      new ClockBudgetError(16),
    );
  });
});

describe("a 1M-op history in one session", () => {
  it("builds, orders and clocks without recursion", () => {
    const b = new HistoryBuilder("chain");
    const n = 1_000_000;
    let line = 0;
    for (let i = 0; i < n; i++) {
      const w = i % 2 === 0;
      const f = w ? "write" : "read";
      b.add({ type: "invoke", process: 0, f, key: "x", value: w ? i : null }, ++line);
      b.add({ type: "ok", process: 0, f, key: "x", value: w ? i : i - 1 }, ++line);
    }
    const hb = buildHappensBefore(b.finish());
    expect(hb.graph.edgeCount).toBe(n - 1 + n / 2);
    const order = topologicalOrder(hb.graph, { kinds: CAUSAL });
    expect(order.acyclic).toBe(true);
    const keep = new Uint8Array(n);
    keep[n - 1] = 1;
    const clocks = computeClocks(hb.graph, hb.chains, order.order, keep, CAUSAL);
    expect(clocks.rows[0]).toBe(n - 1);
    // The whole causal checker too, over the million-op chain.
    const stale = runChecker(causal, hb.history);
    expect([stale.verdict, stale.anomalyCount]).toEqual(["valid", 0]);
  });
});
