/**
 * Breadth-first search on the compact graph, on an explicit queue: distances from a node,
 * and the shortest path between two nodes as edge ids, so a caller can explain each step by
 * the edge's kind and evidence. Optionally restricted to a set of edge kinds, and (for the
 * cycle search in cycle.ts) to the nodes of one region such as a strongly connected component.
 */

import { ALL_KINDS, assertNode, type CompactGraph, type KindMask, type Path } from "./graph.js";

export interface PathOptions {
  /** Follow only edges of these kinds (default: all). */
  kinds?: KindMask;
}

/** Nodes a search may enter: those v with regionOf[v] === region. */
export interface Region {
  readonly regionOf: Int32Array;
  readonly region: number;
}

/** What one search leaves behind: the BFS tree, and the edge that reached the target. */
export interface SearchResult {
  /** Predecessor in the BFS tree (-1: not reached; the source is its own). */
  readonly parent: Int32Array;
  /** Edge id that reached each node (-1 for the source and unreached nodes). */
  readonly via: Int32Array;
  /** Hops from the source (-1: not reached). */
  readonly distance: Int32Array;
  /** The edge into the target that ended the search, or -1. */
  readonly hitEdge: number;
  /** That edge's tail. */
  readonly hitFrom: number;
}

/**
 * BFS from source along forward edges of the given kinds, within a region if given. It stops
 * at the first edge it scans into `target` (-1: never), which is on a shortest walk there of
 * at least one edge: for target === source that is a shortest cycle through the source.
 */
export function search(
  g: CompactGraph,
  source: number,
  target: number,
  kinds: KindMask,
  region?: Region,
): SearchResult {
  const { offsets, targets, kinds: edgeKinds } = g.forward;
  const n = g.nodeCount;
  const parent = new Int32Array(n).fill(-1);
  const via = new Int32Array(n).fill(-1);
  const distance = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const regionOf = region?.regionOf;
  const regionId = region?.region ?? 0;
  let head = 0;
  let tail = 0;
  parent[source] = source;
  distance[source] = 0;
  queue[tail++] = source;
  while (head < tail) {
    const u = queue[head++]!;
    const end = offsets[u + 1]!;
    for (let e = offsets[u]!; e < end; e++) {
      if (((kinds >>> edgeKinds[e]!) & 1) === 0) continue;
      const w = targets[e]!;
      if (regionOf !== undefined && regionOf[w] !== regionId) continue;
      if (w === target) return { parent, via, distance, hitEdge: e, hitFrom: u };
      if (parent[w] !== -1) continue;
      parent[w] = u;
      via[w] = e;
      distance[w] = distance[u]! + 1;
      queue[tail++] = w;
    }
  }
  return { parent, via, distance, hitEdge: -1, hitFrom: -1 };
}

/** The path from the search's source to its target, through the edge that hit it. */
export function pathTo(result: SearchResult, target: number): Path {
  const { parent, via, distance, hitEdge, hitFrom } = result;
  const hops = distance[hitFrom]! + 1;
  const nodes = new Int32Array(hops + 1);
  const edges = new Int32Array(hops);
  nodes[hops] = target;
  edges[hops - 1] = hitEdge;
  let v = hitFrom;
  for (let i = hops - 1; i > 0; i--) {
    nodes[i] = v;
    edges[i - 1] = via[v]!;
    v = parent[v]!;
  }
  nodes[0] = v;
  return { nodes, edges };
}

/** Hops along forward edges from source to every node (-1 where unreachable). */
export function distancesFrom(
  g: CompactGraph,
  source: number,
  options: PathOptions = {},
): Int32Array {
  assertNode(g, source, "source");
  return search(g, source, -1, options.kinds ?? ALL_KINDS).distance;
}

/**
 * A shortest path from `from` to `to` (fewest edges; among those, the first BFS finds, so the
 * result is deterministic), or undefined when there is none. from === to gives the empty
 * path [from]; for a cycle through a node use shortestCycleThrough.
 */
export function shortestPath(
  g: CompactGraph,
  from: number,
  to: number,
  options: PathOptions = {},
): Path | undefined {
  assertNode(g, from, "source");
  assertNode(g, to, "target");
  if (from === to) return { nodes: Int32Array.of(from), edges: new Int32Array(0) };
  const result = search(g, from, to, options.kinds ?? ALL_KINDS);
  return result.hitEdge < 0 ? undefined : pathTo(result, to);
}
