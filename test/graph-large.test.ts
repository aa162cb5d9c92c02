/**
 * The compact core at the size of a 1M-op history: a chain of 1M nodes (one session), the
 * same chain closed into one 1M-node cycle, and 1M nodes with 3M random edges (cyclic, and
 * acyclic by construction). Every algorithm must run without overflowing the stack, and its
 * answer is checked against invariants over every edge. No timing assertions.
 */
import { describe, expect, it } from "vitest";
import {
  type CompactGraph,
  distancesFrom,
  GraphBuilder,
  isReachable,
  kindMask,
  neighbourhood,
  reachableFrom,
  shortestCycleInComponent,
  shortestCycleThrough,
  shortestPath,
  stronglyConnectedComponents,
  topologicalOrder,
} from "../src/graph/index.js";
import { expectCycle, expectWalk } from "./support/graph.js";

const N = 1_000_000;

function chain(closed: boolean): CompactGraph {
  const b = new GraphBuilder(N, N + 1);
  for (let v = 0; v + 1 < N; v++) b.addEdge(v, v + 1, 0, v);
  if (closed) b.addEdge(N - 1, 0, 1);
  return b.freeze({ reverse: true });
}

/** 3M random edges of kinds 0..3 (xorshift32, seeded); `dag` orients each from low to high. */
function randomGraph(seed: number, dag: boolean): CompactGraph {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % N;
  };
  const b = new GraphBuilder(N, 3 * N);
  for (let i = 0; i < 3 * N; i++) {
    const u = next();
    const v = next();
    if (dag && u === v) continue;
    b.addEdge(dag ? Math.min(u, v) : u, dag ? Math.max(u, v) : v, i & 3);
  }
  return b.freeze({ reverse: true });
}

/** Counts edges u -> v that break `ok(u, v)`, over the whole graph. */
function countEdges(g: CompactGraph, ok: (u: number, v: number) => boolean): number {
  const { offsets, targets } = g.forward;
  let bad = 0;
  for (let u = 0; u < g.nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (!ok(u, targets[e]!)) bad++;
  }
  return bad;
}

const count = (marks: Uint8Array) => marks.reduce((a, m) => a + m, 0);

describe("a chain of 1M nodes", () => {
  it("runs every algorithm", () => {
    const g = chain(false);
    const c = stronglyConnectedComponents(g);
    expect(c.count).toBe(N);
    expect(countEdges(g, (u, v) => c.componentOf[u]! === c.componentOf[v]! + 1)).toBe(0);
    const t = topologicalOrder(g);
    expect(t.acyclic).toBe(true);
    expect(t.order.every((v, i) => v === i)).toBe(true);
    expect(count(reachableFrom(g, [0]))).toBe(N);
    expect(count(reachableFrom(g, [N - 1], { direction: "reverse" }))).toBe(N);
    expect(isReachable(g, 0, N - 1)).toBe(true);
    expect(isReachable(g, N - 1, 0)).toBe(false);
    const p = shortestPath(g, 0, N - 1)!;
    expect(p.edges.length).toBe(N - 1);
    expectWalk(g, p);
    expect(distancesFrom(g, 0)[N - 1]).toBe(N - 1);
    expect(shortestCycleThrough(g, N >> 1)).toBeUndefined();
  });

  it("closed into one cycle of 1M nodes", () => {
    const g = chain(true);
    const c = stronglyConnectedComponents(g);
    expect(c.count).toBe(1);
    const t = topologicalOrder(g);
    if (t.acyclic) throw new Error("expected a cycle");
    expect([t.order.length, t.remaining.length, t.cycle.edges.length]).toEqual([0, N, N]);
    expectCycle(g, t.cycle);
    const through = shortestCycleThrough(g, 12345)!;
    expect(through.edges.length).toBe(N);
    expectCycle(g, through);
    const inComponent = shortestCycleInComponent(g, c, 0, { maxStarts: 1 })!;
    expect([inComponent.nodes[0], inComponent.edges.length]).toEqual([0, N]);
    expect(isReachable(g, N - 1, 0)).toBe(true);
    expect(shortestPath(g, 0, N - 1, { kinds: kindMask(1) })).toBeUndefined();
    expect(shortestPath(g, N - 1, 0)!.edges.length).toBe(1);
  });
});

describe("1M nodes and 3M random edges", () => {
  it("runs every algorithm on a cyclic graph", () => {
    const g = randomGraph(0x9e3779b9, false);
    const c = stronglyConnectedComponents(g);
    expect(countEdges(g, (u, v) => c.componentOf[u]! >= c.componentOf[v]!)).toBe(0);
    const t = topologicalOrder(g);
    if (t.acyclic) throw new Error("expected a cycle");
    expect(t.order.length + t.remaining.length).toBe(N);
    const position = new Int32Array(N).fill(-1);
    t.order.forEach((v, i) => {
      position[v] = i;
    });
    expect(countEdges(g, (u, v) => position[v] === -1 || position[u]! < position[v]!)).toBe(0);
    expectCycle(g, t.cycle);
    const reach = reachableFrom(g, [0]);
    const dist = distancesFrom(g, 0);
    expect(dist.every((d, v) => d >= 0 === (reach[v] === 1))).toBe(true);
    const far = dist.indexOf(Math.max(...dist.subarray(0, 1000)));
    const p = shortestPath(g, 0, far)!;
    expectWalk(g, p);
    expect(p.edges.length).toBe(dist[far]);
    expect(isReachable(g, 0, far)).toBe(true);
    expectShortestCycle(g, t.cycle.nodes[0]!);
    const big = c.componentOf[t.cycle.nodes[0]!]!;
    expectCycle(g, shortestCycleInComponent(g, c, big, { maxStarts: 2 })!);
    const around = neighbourhood(g, t.cycle.nodes, { radius: 2, maxNodes: 50 });
    expect(around.nodes.length).toBe(Math.max(50, t.cycle.edges.length));
  });

  it("runs every algorithm on an acyclic graph", () => {
    const g = randomGraph(12345, true);
    expect(g.edgeCount).toBeGreaterThan(2_999_000);
    const c = stronglyConnectedComponents(g);
    expect(c.count).toBe(N);
    const t = topologicalOrder(g);
    expect(t.acyclic).toBe(true);
    const position = new Int32Array(N);
    t.order.forEach((v, i) => {
      position[v] = i;
    });
    expect(countEdges(g, (u, v) => position[u]! < position[v]!)).toBe(0);
    const low = t.order[0]!;
    const reach = reachableFrom(g, [low]);
    expect(count(reach)).toBeGreaterThan(1);
    expect(shortestCycleThrough(g, low)).toBeUndefined();
  });
});

/** The shortest cycle through v is one edge longer than the nearest path to a predecessor. */
function expectShortestCycle(g: CompactGraph, v: number): void {
  const cycle = shortestCycleThrough(g, v)!;
  expectCycle(g, cycle);
  const dist = distancesFrom(g, v);
  const r = g.reverse!;
  let best = Number.POSITIVE_INFINITY;
  for (let e = r.offsets[v]!; e < r.offsets[v + 1]!; e++) {
    const d = dist[r.targets[e]!]!;
    if (d >= 0) best = Math.min(best, d + 1);
  }
  expect(cycle.edges.length).toBe(best);
}
