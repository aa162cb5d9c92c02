/**
 * Helpers for the graph tests: a compact graph from an edge list in one line, the same edges
 * as a @dagrejs/graphlib multigraph (the oracle), and checks that a path or cycle is real.
 */
import { Graph } from "@dagrejs/graphlib";
import { expect } from "vitest";
import {
  type CompactGraph,
  GraphBuilder,
  type KindMask,
  type Path,
} from "../../src/graph/index.js";

/** [from, to, kind = 0, evidence?] */
export type EdgeSpec = readonly [number, number, number?, number?];

export function graphOf(n: number, edges: readonly EdgeSpec[], reverse = true): CompactGraph {
  const b = new GraphBuilder(n);
  for (const [from, to, kind = 0, evidence] of edges) b.addEdge(from, to, kind, evidence);
  return b.freeze({ reverse });
}

/** The edges of the given kinds as a graphlib multigraph; each edge named by its position. */
export function oracleOf(n: number, edges: readonly EdgeSpec[], kinds: KindMask = -1): Graph {
  const g = new Graph({ multigraph: true });
  for (let v = 0; v < n; v++) g.setNode(String(v));
  edges.forEach(([from, to, kind = 0], i) => {
    if (((kinds >>> kind) & 1) === 1) g.setEdge(String(from), String(to), kind, String(i));
  });
  return g;
}

/**
 * Asserts that `path` is a walk along real edges of g, of the given kinds. The first bad step
 * is found in a plain loop and asserted once: an expect per step is slow on a 1M-edge path.
 */
export function expectWalk(g: CompactGraph, path: Path, kinds: KindMask = -1): void {
  const { offsets, targets, kinds: edgeKinds } = g.forward;
  expect(path.nodes.length).toBe(path.edges.length + 1);
  let bad = -1;
  for (let i = 0; i < path.edges.length && bad < 0; i++) {
    const e = path.edges[i]!;
    const from = path.nodes[i]!;
    const leaves = e >= offsets[from]! && e < offsets[from + 1]!;
    if (!leaves || targets[e] !== path.nodes[i + 1] || ((kinds >>> edgeKinds[e]!) & 1) === 0) {
      bad = i;
    }
  }
  expect(bad, `step ${bad}: edge ${path.edges[bad]} from ${path.nodes[bad]}`).toBe(-1);
}

/** Asserts that `path` is a cycle: a non-empty walk back to its start, no node twice. */
export function expectCycle(g: CompactGraph, path: Path, kinds: KindMask = -1): void {
  expectWalk(g, path, kinds);
  expect(path.edges.length).toBeGreaterThan(0);
  expect(path.nodes[path.nodes.length - 1]).toBe(path.nodes[0]);
  expect(new Set(path.nodes.subarray(0, -1)).size).toBe(path.edges.length);
}
