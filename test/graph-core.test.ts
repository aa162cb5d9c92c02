/**
 * The compact graph core on small hand-made graphs: the builder's CSR layout, edge lookup,
 * reachability, components, topological order, shortest paths and cycles, with exact node
 * ids, edge ids and orders.
 */
import { describe, expect, it } from "vitest";
import {
  componentNodes,
  distancesFrom,
  edgeInfo,
  GraphBuilder,
  isReachable,
  kindMask,
  pathEdges,
  reachableFrom,
  shortestCycleInComponent,
  shortestCycleThrough,
  shortestPath,
  stronglyConnectedComponents,
  topologicalOrder,
} from "../src/graph/index.js";
import { expectCycle, graphOf } from "./support/graph.js";

const SO = 0;
const RF = 1;
const WW = 2;

// Two cycles, {0,1,2} and {3,4}, joined by 2 -> 3; node 5 alone.
// Edge ids (forward CSR slots): 0: 0->1, 1: 1->2, 2: 2->0, 3: 2->3, 4: 3->4, 5: 4->3.
const g1 = graphOf(6, [
  [0, 1, SO, 10],
  [1, 2, SO, 11],
  [2, 3, SO],
  [2, 0, RF, 12],
  [3, 4, RF, 14],
  [4, 3, WW, 15],
]);

const path = (nodes: number[], edges: number[]) => ({
  nodes: Int32Array.from(nodes),
  edges: Int32Array.from(edges),
});

describe("GraphBuilder", () => {
  it("lays edges out by source, in the order they were added", () => {
    expect(g1.nodeCount).toBe(6);
    expect(g1.edgeCount).toBe(6);
    expect([...g1.forward.offsets]).toEqual([0, 1, 2, 4, 5, 6, 6]);
    expect([...g1.forward.targets]).toEqual([1, 2, 3, 0, 4, 3]);
    expect([...g1.forward.kinds]).toEqual([SO, SO, SO, RF, RF, WW]);
    expect([...g1.forward.evidence]).toEqual([10, 11, -1, 12, 14, 15]);
  });

  it("builds the reverse adjacency with each slot's forward edge id", () => {
    const r = g1.reverse!;
    expect([...r.offsets]).toEqual([0, 1, 2, 3, 5, 6, 6]);
    expect([...r.targets]).toEqual([2, 0, 1, 2, 4, 3]);
    expect([...r.edgeIds]).toEqual([3, 0, 1, 2, 5, 4]);
    expect([...r.kinds]).toEqual([RF, SO, SO, SO, WW, RF]);
  });

  it("spells out edges, with evidence only where given", () => {
    expect(edgeInfo(g1, 0)).toEqual({ id: 0, from: 0, to: 1, kind: SO, evidence: 10 });
    expect(edgeInfo(g1, 2)).toEqual({ id: 2, from: 2, to: 3, kind: SO });
    expect(edgeInfo(g1, 5)).toEqual({ id: 5, from: 4, to: 3, kind: WW, evidence: 15 });
    expect(() => edgeInfo(g1, 6)).toThrow(RangeError);
  });

  it("finds the source of an edge past nodes without edges", () => {
    const g = graphOf(5, [
      [3, 0],
      [0, 4],
      [3, 3],
    ]);
    expect([0, 1, 2].map((id) => edgeInfo(g, id).from)).toEqual([0, 3, 3]);
  });

  it("grows past its first capacity and stays usable after freezing", () => {
    const b = new GraphBuilder(1000, 1);
    for (let i = 0; i < 999; i++) b.addEdge(i, i + 1, i % 3);
    const first = b.freeze();
    b.addEdge(999, 0, 1, 7);
    const second = b.freeze();
    expect(first.edgeCount).toBe(999);
    expect(first.reverse).toBeUndefined();
    expect(second.edgeCount).toBe(1000);
    expect(edgeInfo(second, 999)).toEqual({ id: 999, from: 999, to: 0, kind: 1, evidence: 7 });
    expect(edgeInfo(second, 500)).toEqual({ id: 500, from: 500, to: 501, kind: 2 });
  });

  it("rejects node ids, kinds and evidence ids out of range, naming them", () => {
    const b = new GraphBuilder(3);
    expect(() => b.addEdge(0, 3, 0)).toThrow(/target 3 is not a node id in 0\.\.2/);
    expect(() => b.addEdge(-1, 0, 0)).toThrow(/source -1/);
    expect(() => b.addEdge(0.5, 0, 0)).toThrow(RangeError);
    expect(() => b.addEdge(0, 1, 32)).toThrow(/edge kind 32/);
    expect(() => b.addEdge(0, 1, 0, -2)).toThrow(/evidence id -2/);
    expect(() => new GraphBuilder(-1)).toThrow(RangeError);
    expect(b.edgeCount).toBe(0);
    expect(() => kindMask(40)).toThrow(/edge kind 40/);
  });
});

describe("reachability", () => {
  it("marks what the sources reach, forward and backward", () => {
    expect([...reachableFrom(g1, [3])]).toEqual([0, 0, 0, 1, 1, 0]);
    expect([...reachableFrom(g1, [3], { direction: "reverse" })]).toEqual([1, 1, 1, 1, 1, 0]);
    expect([...reachableFrom(g1, [5, 4, 5])]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([...reachableFrom(g1, [0], { kinds: kindMask(SO) })]).toEqual([1, 1, 1, 1, 0, 0]);
    expect([...reachableFrom(g1, [])]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("answers one pair, restricted to kinds if asked", () => {
    expect(isReachable(g1, 0, 4)).toBe(true);
    expect(isReachable(g1, 4, 0)).toBe(false);
    expect(isReachable(g1, 5, 5)).toBe(true);
    expect(isReachable(g1, 0, 4, { kinds: kindMask(SO, WW) })).toBe(false);
    expect(isReachable(g1, 4, 0, { direction: "reverse" })).toBe(true);
  });

  it("needs the reverse adjacency to go backward", () => {
    const g = graphOf(2, [[0, 1]], false);
    expect(() => reachableFrom(g, [1], { direction: "reverse" })).toThrow(/reverse adjacency/);
  });
});

describe("strongly connected components", () => {
  it("numbers components in reverse topological order, nodes ascending", () => {
    const c = stronglyConnectedComponents(g1);
    expect(c.count).toBe(3);
    expect([...c.componentOf]).toEqual([1, 1, 1, 0, 0, 2]);
    expect([...c.offsets]).toEqual([0, 2, 5, 6]);
    expect([...c.nodes]).toEqual([3, 4, 0, 1, 2, 5]);
    expect([...componentNodes(c, 1)]).toEqual([0, 1, 2]);
  });

  it("follows only the kinds asked for", () => {
    const c = stronglyConnectedComponents(g1, { kinds: kindMask(SO, RF) });
    expect(c.count).toBe(4);
    expect([...c.componentOf]).toEqual([2, 2, 2, 1, 0, 3]);
  });

  it("keeps a node with a self-loop as its own component", () => {
    const c = stronglyConnectedComponents(
      graphOf(3, [
        [1, 1],
        [0, 1],
        [1, 2],
      ]),
    );
    expect([...c.componentOf]).toEqual([2, 1, 0]);
  });
});

describe("topological order", () => {
  it("orders a DAG, smaller ids first among ties", () => {
    const g = graphOf(6, [
      [5, 2],
      [4, 0],
      [2, 3],
      [3, 1],
      [4, 1],
      [5, 0],
    ]);
    const t = topologicalOrder(g);
    expect(t.acyclic).toBe(true);
    expect([...t.order]).toEqual([4, 5, 2, 0, 3, 1]);
  });

  it("on a cycle gives the placed nodes, the nodes left and one cycle among them", () => {
    const t = topologicalOrder(g1);
    if (t.acyclic) throw new Error("expected a cycle");
    expect([...t.order]).toEqual([5]);
    expect([...t.remaining]).toEqual([0, 1, 2, 3, 4]);
    // The depth-first search goes 0 -> 1 -> 2 -> 3 (2's first edge) and closes 3 -> 4 -> 3.
    expect(t.cycle).toEqual(path([3, 4, 3], [4, 5]));
    expectCycle(g1, t.cycle);
  });

  it("finds the cycle upstream when the first nodes left are only downstream of it", () => {
    // 1 <-> 2 -> 0 -> 3: nodes 0 and 3 are left over but on no cycle.
    const g = graphOf(4, [
      [1, 2],
      [2, 1],
      [2, 0],
      [0, 3],
    ]);
    const t = topologicalOrder(g);
    if (t.acyclic) throw new Error("expected a cycle");
    expect([...t.order]).toEqual([]);
    expect([...t.remaining]).toEqual([0, 1, 2, 3]);
    expect(t.cycle).toEqual(path([1, 2, 1], [1, 2]));
  });

  it("follows only the kinds asked for", () => {
    const t = topologicalOrder(g1, { kinds: kindMask(SO) });
    expect(t).toEqual({ acyclic: true, order: Int32Array.from([0, 4, 5, 1, 2, 3]) });
    const u = topologicalOrder(g1, { kinds: kindMask(RF, WW) });
    if (u.acyclic) throw new Error("expected a cycle");
    expect(u.cycle).toEqual(path([3, 4, 3], [4, 5]));
    expect([...u.order]).toEqual([1, 2, 5, 0]);
  });
});

describe("shortest paths", () => {
  it("returns the edges of a shortest path, to explain each step", () => {
    const p = shortestPath(g1, 0, 4)!;
    expect(p).toEqual(path([0, 1, 2, 3, 4], [0, 1, 2, 4]));
    expect(pathEdges(g1, p).map((e) => [e.kind, e.evidence])).toEqual([
      [SO, 10],
      [SO, 11],
      [SO, undefined],
      [RF, 14],
    ]);
    expect(shortestPath(g1, 1, 0)).toEqual(path([1, 2, 0], [1, 3]));
  });

  it("returns undefined when there is no path of the kinds asked for", () => {
    expect(shortestPath(g1, 4, 0)).toBeUndefined();
    expect(shortestPath(g1, 0, 4, { kinds: kindMask(SO, WW) })).toBeUndefined();
    expect(shortestPath(g1, 0, 5)).toBeUndefined();
  });

  it("gives the empty path from a node to itself", () => {
    expect(shortestPath(g1, 3, 3)).toEqual(path([3], []));
  });

  it("prefers fewer hops over the first edge added", () => {
    const g = graphOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3, RF],
    ]);
    expect(shortestPath(g, 0, 3)).toEqual(path([0, 3], [1]));
    expect(shortestPath(g, 0, 3, { kinds: kindMask(0) })).toEqual(path([0, 1, 2, 3], [0, 2, 3]));
  });

  it("measures hop distances from a node", () => {
    expect([...distancesFrom(g1, 1)]).toEqual([2, 0, 1, 2, 3, -1]);
    expect([...distancesFrom(g1, 1, { kinds: kindMask(SO) })]).toEqual([-1, 0, 1, 2, -1, -1]);
  });
});

describe("shortest cycles", () => {
  // Parallel edges 0 -> 1 of two kinds, a self-loop on 1, and 1 -> 0.
  const g2 = graphOf(2, [
    [0, 1, SO],
    [0, 1, RF],
    [1, 1, WW],
    [1, 0, SO],
  ]);

  it("through a node, a self-loop being the shortest", () => {
    expect(shortestCycleThrough(g2, 1)).toEqual(path([1, 1], [2]));
    expect(shortestCycleThrough(g2, 0)).toEqual(path([0, 1, 0], [0, 3]));
    expect(shortestCycleThrough(g2, 1, { kinds: kindMask(SO) })).toEqual(path([1, 0, 1], [3, 0]));
    expect(shortestCycleThrough(g2, 0, { kinds: kindMask(RF, WW) })).toBeUndefined();
    expect(shortestCycleThrough(g1, 3)).toEqual(path([3, 4, 3], [4, 5]));
    expect(shortestCycleThrough(g1, 5)).toBeUndefined();
  });

  it("within a component, trying as many starts as asked", () => {
    // 0 -> 1 -> 2 -> 3 -> 0 and 2 <-> 4: one component whose shortest cycle misses node 0.
    const g = graphOf(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
      [2, 4],
      [4, 2],
    ]);
    const c = stronglyConnectedComponents(g);
    expect(c.count).toBe(1);
    const one = shortestCycleInComponent(g, c, 0, { maxStarts: 1 })!;
    expect(one).toEqual(path([0, 1, 2, 3, 0], [0, 1, 2, 4]));
    const all = shortestCycleInComponent(g, c, 0, { maxStarts: Number.POSITIVE_INFINITY });
    expect(all).toEqual(path([2, 4, 2], [3, 5]));
    expect(() => shortestCycleInComponent(g, c, 1)).toThrow(RangeError);
    expect(() => shortestCycleInComponent(g, c, 0, { maxStarts: 0 })).toThrow(RangeError);
  });

  it("stays inside the component and is absent from a lone node", () => {
    const c = stronglyConnectedComponents(g1);
    expect(shortestCycleInComponent(g1, c, 1)).toEqual(path([0, 1, 2, 0], [0, 1, 3]));
    expect(shortestCycleInComponent(g1, c, 0)).toEqual(path([3, 4, 3], [4, 5]));
    expect(shortestCycleInComponent(g1, c, 2)).toBeUndefined();
  });
});
