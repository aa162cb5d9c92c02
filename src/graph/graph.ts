/**
 * The compact graph: a directed multigraph over dense node ids 0..n-1 whose edges carry a
 * kind (0..31, named by the caller: session order, reads-from, version order, real time) and
 * an optional evidence id (the caller's handle on why the edge exists). Adjacency is CSR in
 * typed arrays, forward and optionally reverse, so a 1M-node, 3M-edge graph is about 60 MB
 * and every algorithm over it is iterative. Built by GraphBuilder (builder.ts).
 */

/** Set of edge kinds as a 32-bit mask: bit k set means kind k is followed. */
export type KindMask = number;

/** Every kind. */
export const ALL_KINDS: KindMask = -1;

/** The largest kind a mask can hold. */
export const MAX_KIND = 31;

/** Stored in `evidence` for an edge added without an evidence id. */
export const NO_EVIDENCE = -1;

/**
 * CSR adjacency: node v's edges occupy slots offsets[v] .. offsets[v+1]-1, in the order they
 * were added. `targets` holds the other end (the source, in the reverse adjacency).
 */
export interface Adjacency {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly kinds: Uint8Array;
  readonly evidence: Int32Array;
}

/**
 * The reverse adjacency maps each slot to the edge's id (its forward slot), where its
 * evidence is: it keeps no copy of its own.
 */
export interface ReverseAdjacency extends Omit<Adjacency, "evidence"> {
  readonly edgeIds: Int32Array;
}

/** A frozen graph. An edge's id is its slot in the forward adjacency. */
export interface CompactGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly forward: Adjacency;
  /** Present when the builder was asked for it (`freeze({ reverse: true })`). */
  readonly reverse: ReverseAdjacency | undefined;
}

/** One edge, spelled out for explanations. */
export interface EdgeInfo {
  id: number;
  from: number;
  to: number;
  kind: number;
  /** Absent when the edge was added without one. */
  evidence?: number;
}

/**
 * A walk along edges: nodes.length === edges.length + 1, and edges[i] (an edge id) leads
 * from nodes[i] to nodes[i+1]. In a cycle the last node is the first again.
 */
export interface Path {
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
}

/** Which way a traversal follows edges; "reverse" needs the reverse adjacency. */
export type Direction = "forward" | "reverse";

/** The mask of the given kinds. */
export function kindMask(...kinds: number[]): KindMask {
  let mask = 0;
  for (const k of kinds) {
    assertKind(k);
    mask |= 1 << k;
  }
  return mask;
}

export function assertKind(kind: number): void {
  if (!Number.isInteger(kind) || kind < 0 || kind > MAX_KIND) {
    throw new RangeError(`edge kind ${String(kind)} is not an integer in 0..${MAX_KIND}`);
  }
}

export function assertNode(g: { readonly nodeCount: number }, v: number, what = "node"): void {
  if (!Number.isInteger(v) || v < 0 || v >= g.nodeCount) {
    throw new RangeError(`${what} ${String(v)} is not a node id in 0..${g.nodeCount - 1}`);
  }
}

/** The adjacency to follow in a direction; throws when the reverse one was not built. */
export function adjacencyOf(
  g: CompactGraph,
  direction: Direction = "forward",
): Omit<Adjacency, "evidence"> {
  if (direction === "forward") return g.forward;
  if (g.reverse === undefined) {
    throw new Error("reverse adjacency not built: freeze the graph with { reverse: true }");
  }
  return g.reverse;
}

/** The edge with this id, spelled out. */
export function edgeInfo(g: CompactGraph, id: number): EdgeInfo {
  if (!Number.isInteger(id) || id < 0 || id >= g.edgeCount) {
    throw new RangeError(`edge ${String(id)} is not an edge id in 0..${g.edgeCount - 1}`);
  }
  const { offsets, targets, kinds, evidence } = g.forward;
  // The source is the last node whose slots start at or before id.
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= id) lo = mid;
    else hi = mid - 1;
  }
  const info: EdgeInfo = { id, from: lo, to: targets[id]!, kind: kinds[id]! };
  if (evidence[id]! !== NO_EVIDENCE) info.evidence = evidence[id]!;
  return info;
}

/** The edges of a path, spelled out. */
export function pathEdges(g: CompactGraph, path: Path): EdgeInfo[] {
  return Array.from(path.edges, (id) => edgeInfo(g, id));
}
