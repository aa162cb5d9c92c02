/**
 * Topological order by Kahn's algorithm. On a cycle it still orders every node it can, and
 * reports the nodes left (each on a cycle or downstream of one) and one cycle among them,
 * found by an iterative depth-first search; shortestCycleThrough gives a shorter one.
 */

import { ALL_KINDS, type CompactGraph, type KindMask, type Path } from "./graph.js";

export type TopologicalOrder =
  | { readonly acyclic: true; readonly order: Int32Array }
  | {
      readonly acyclic: false;
      /** The nodes Kahn could place, in order. */
      readonly order: Int32Array;
      /** The nodes left, ascending: each is on a cycle or reachable from one. */
      readonly remaining: Int32Array;
      /** One cycle among the remaining nodes. */
      readonly cycle: Path;
    };

export interface TopologicalOptions {
  /** Follow only edges of these kinds (default: all). */
  kinds?: KindMask;
}

/**
 * Every edge u -> v (of the given kinds) puts u before v. Ties go to the smaller id first
 * reaching in-degree zero (a FIFO queue seeded in id order), so the order is deterministic.
 */
export function topologicalOrder(
  g: CompactGraph,
  options: TopologicalOptions = {},
): TopologicalOrder {
  const kinds = options.kinds ?? ALL_KINDS;
  const { offsets, targets, kinds: edgeKinds } = g.forward;
  const n = g.nodeCount;
  const indegree = new Int32Array(n);
  for (let e = 0; e < g.edgeCount; e++) {
    if (((kinds >>> edgeKinds[e]!) & 1) === 1) indegree[targets[e]!]!++;
  }
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const u = order[head]!;
    const end = offsets[u + 1]!;
    for (let e = offsets[u]!; e < end; e++) {
      if (((kinds >>> edgeKinds[e]!) & 1) === 0) continue;
      const w = targets[e]!;
      if (--indegree[w]! === 0) order[tail++] = w;
    }
  }
  if (tail === n) return { acyclic: true, order };
  const placed = new Uint8Array(n);
  for (let i = 0; i < tail; i++) placed[order[i]!] = 1;
  const remaining = new Int32Array(n - tail);
  for (let v = 0, j = 0; v < n; v++) if (placed[v] === 0) remaining[j++] = v;
  const cycle = cycleAmong(g, kinds, placed, remaining);
  return { acyclic: false, order: order.slice(0, tail), remaining, cycle };
}

/**
 * A cycle among the unplaced nodes: every one of them has an unplaced predecessor, so a
 * depth-first search over them meets a node still on its stack. 0 white, 1 on stack, 2 done.
 */
function cycleAmong(
  g: CompactGraph,
  kinds: KindMask,
  placed: Uint8Array,
  remaining: Int32Array,
): Path {
  const { offsets, targets, kinds: edgeKinds } = g.forward;
  const color = placed; // placed nodes count as done: reuse the array
  for (let i = 0; i < placed.length; i++) color[i] = placed[i] === 1 ? 2 : 0;
  const callNode = new Int32Array(remaining.length);
  const callEdge = new Int32Array(remaining.length);
  for (const root of remaining) {
    if (color[root] !== 0) continue;
    let csp = 0;
    color[root] = 1;
    callNode[csp] = root;
    callEdge[csp++] = offsets[root]!;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e === offsets[v + 1]) {
        color[v] = 2;
        csp--;
        continue;
      }
      callEdge[csp - 1] = e + 1;
      if (((kinds >>> edgeKinds[e]!) & 1) === 0) continue;
      const w = targets[e]!;
      if (color[w] === 1) return cycleOnStack(callNode, callEdge, csp, w, e);
      if (color[w] === 0) {
        color[w] = 1;
        callNode[csp] = w;
        callEdge[csp++] = offsets[w]!;
      }
    }
  }
  throw new Error("topologicalOrder: nodes left over but no cycle among them (a bug)");
}

/** The cycle w -> ... -> top of stack -> w, closed by edge `closing`. */
function cycleOnStack(
  callNode: Int32Array,
  callEdge: Int32Array,
  csp: number,
  w: number,
  closing: number,
): Path {
  let start = csp - 1;
  while (callNode[start] !== w) start--;
  const hops = csp - start;
  const nodes = new Int32Array(hops + 1);
  const edges = new Int32Array(hops);
  for (let i = 0; i < hops; i++) {
    nodes[i] = callNode[start + i]!;
    // Each frame's cursor is one past the edge it followed to the next frame.
    edges[i] = i === hops - 1 ? closing : callEdge[start + i]! - 1;
  }
  nodes[hops] = w;
  return { nodes, edges };
}
