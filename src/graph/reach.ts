/**
 * Reachability on the compact graph, breadth-first on an explicit queue: everything reachable
 * from a set of nodes (forward, or backward through the reverse adjacency), and whether one
 * node reaches another, stopping as soon as it does.
 */

import {
  type Adjacency,
  ALL_KINDS,
  adjacencyOf,
  assertNode,
  type CompactGraph,
  type Direction,
  type KindMask,
} from "./graph.js";

export interface ReachOptions {
  /** Follow only edges of these kinds (default: all). */
  kinds?: KindMask;
  /** "reverse" finds the nodes that reach the sources instead (needs the reverse adjacency). */
  direction?: Direction;
}

/** Marks (1) every node reachable from the sources, the sources included. */
export function reachableFrom(
  g: CompactGraph,
  sources: ArrayLike<number>,
  options: ReachOptions = {},
): Uint8Array {
  const seen = new Uint8Array(g.nodeCount);
  const queue = new Int32Array(g.nodeCount);
  let tail = 0;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    assertNode(g, s, "source");
    if (seen[s] === 0) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  const adj = adjacencyOf(g, options.direction);
  walk(adj, options.kinds ?? ALL_KINDS, seen, queue, tail, -1);
  return seen;
}

/** Whether a path leads from `from` to `to` (true when from === to: the empty path). */
export function isReachable(
  g: CompactGraph,
  from: number,
  to: number,
  options: ReachOptions = {},
): boolean {
  assertNode(g, from, "source");
  assertNode(g, to, "target");
  if (from === to) return true;
  const seen = new Uint8Array(g.nodeCount);
  const queue = new Int32Array(g.nodeCount);
  seen[from] = 1;
  queue[0] = from;
  return walk(adjacencyOf(g, options.direction), options.kinds ?? ALL_KINDS, seen, queue, 1, to);
}

/** BFS from the queued nodes, marking `seen`; true as soon as `stop` is marked. */
function walk(
  adj: Omit<Adjacency, "evidence">,
  kinds: KindMask,
  seen: Uint8Array,
  queue: Int32Array,
  tail: number,
  stop: number,
): boolean {
  const { offsets, targets, kinds: edgeKinds } = adj;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    const end = offsets[u + 1]!;
    for (let e = offsets[u]!; e < end; e++) {
      if (((kinds >>> edgeKinds[e]!) & 1) === 0) continue;
      const w = targets[e]!;
      if (seen[w] === 1) continue;
      if (w === stop) return true;
      seen[w] = 1;
      queue[tail++] = w;
    }
  }
  return false;
}
