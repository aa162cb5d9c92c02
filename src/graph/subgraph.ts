/**
 * Small subgraphs for explanations: the nodes of a path or cycle plus their neighbours up to
 * a cap, the edges among a set of nodes, and a @dagrejs/graphlib Graph of them (for drawing,
 * and for graphlib's own algorithms, which are fine at this size). Never for whole histories:
 * graphlib recurses, and a million nodes cost it seconds and gigabytes.
 */

import { Graph } from "@dagrejs/graphlib";
import {
  ALL_KINDS,
  assertNode,
  type CompactGraph,
  type EdgeInfo,
  type KindMask,
  NO_EVIDENCE,
} from "./graph.js";

export interface NeighbourhoodOptions {
  /** Hops out from the seeds (default 1). */
  radius?: number;
  /** Stop adding neighbours at this many nodes in all (default 50; the seeds always stay). */
  maxNodes?: number;
  kinds?: KindMask;
  /** Follow successors, predecessors or both (default: both when the reverse adjacency exists). */
  direction?: "forward" | "reverse" | "both";
}

export interface Neighbourhood {
  /** The seeds (first occurrences, in order), then the neighbours in breadth-first order. */
  readonly nodes: Int32Array;
  /** Whether maxNodes cut the neighbourhood short. */
  readonly truncated: boolean;
}

/** The seeds and the nodes within `radius` hops of them, up to `maxNodes`. */
export function neighbourhood(
  g: CompactGraph,
  seeds: ArrayLike<number>,
  options: NeighbourhoodOptions = {},
): Neighbourhood {
  const { radius = 1, maxNodes = 50, kinds = ALL_KINDS } = options;
  const direction = options.direction ?? (g.reverse ? "both" : "forward");
  const adjs = [
    ...(direction !== "reverse" ? [g.forward] : []),
    ...(direction !== "forward" ? [g.reverse ?? missingReverse()] : []),
  ];
  const found = new Set<number>();
  for (let i = 0; i < seeds.length; i++) {
    assertNode(g, seeds[i]!, "seed");
    found.add(seeds[i]!);
  }
  let frontier = [...found];
  for (let r = 0; r < radius && frontier.length > 0; r++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const { offsets, targets, kinds: edgeKinds } of adjs) {
        for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
          const w = targets[e]!;
          if (((kinds >>> edgeKinds[e]!) & 1) === 0 || found.has(w)) continue;
          if (found.size >= maxNodes) return { nodes: Int32Array.from(found), truncated: true };
          found.add(w);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return { nodes: Int32Array.from(found), truncated: false };
}

function missingReverse(): never {
  throw new Error("reverse adjacency not built: freeze the graph with { reverse: true }");
}

/** The edges (of the given kinds) with both ends among `nodes`, by source in `nodes` order. */
export function subgraphEdges(
  g: CompactGraph,
  nodes: ArrayLike<number>,
  kinds: KindMask = ALL_KINDS,
): EdgeInfo[] {
  const members = new Set<number>();
  for (let i = 0; i < nodes.length; i++) {
    assertNode(g, nodes[i]!);
    members.add(nodes[i]!);
  }
  const { offsets, targets, kinds: edgeKinds, evidence } = g.forward;
  const edges: EdgeInfo[] = [];
  for (const u of members) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const kind = edgeKinds[e]!;
      if (((kinds >>> kind) & 1) === 0 || !members.has(targets[e]!)) continue;
      const info: EdgeInfo = { id: e, from: u, to: targets[e]!, kind };
      if (evidence[e] !== NO_EVIDENCE) info.evidence = evidence[e]!;
      edges.push(info);
    }
  }
  return edges;
}

export interface GraphlibNodeLabel {
  node: number;
  label: string;
}

/** One graphlib edge per (from, to, kind): parallel edges of one kind merge into it. */
export interface GraphlibEdgeLabel {
  kind: number;
  name: string;
  /** The compact graph's edge ids, and the evidence ids of those that have one. */
  edges: number[];
  evidence: number[];
}

export interface GraphlibOptions {
  kinds?: KindMask;
  /** The edge name for a kind (default its number); distinct kinds need distinct names. */
  kindName?: (kind: number) => string;
  /** A node's label (default its id). */
  nodeLabel?: (node: number) => string;
}

/** A graphlib multigraph of the nodes and the edges among them; node names are the ids. */
export function toGraphlib(
  g: CompactGraph,
  nodes: ArrayLike<number>,
  options: GraphlibOptions = {},
): Graph<string, GraphlibNodeLabel, GraphlibEdgeLabel> {
  const { kindName = String, nodeLabel = String } = options;
  const out = new Graph<string, GraphlibNodeLabel, GraphlibEdgeLabel>({ multigraph: true });
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    out.setNode(String(v), { node: v, label: nodeLabel(v) });
  }
  for (const edge of subgraphEdges(g, nodes, options.kinds)) {
    const name = kindName(edge.kind);
    const from = String(edge.from);
    const to = String(edge.to);
    let label = out.edge(from, to, name);
    if (label === undefined) {
      label = { kind: edge.kind, name, edges: [], evidence: [] };
      out.setEdge(from, to, label, name);
    }
    label.edges.push(edge.id);
    if (edge.evidence !== undefined) label.evidence.push(edge.evidence);
  }
  return out;
}
