/**
 * Proofs from graph paths: the shortest path between two ops (by breadth-first search, one
 * kind mask after another, so that a proof rests on an assumption only when no other exists),
 * and each of its edges as a Link with the fields its evidence names.
 */

import { GraphBuilder } from "../../graph/builder.js";
import { EdgeKind, edgeKindNames } from "../../graph/edge-kinds.js";
import { type CompactGraph, edgeInfo, type KindMask, type Path } from "../../graph/graph.js";
import { shortestPath } from "../../graph/path.js";
import type { Assumption } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import type { Observations } from "../../history/observations.js";
import { access } from "../session/result.js";
import type { Link } from "./anomalies.js";

/** A graph whose edges' evidence ids index two access tables, as HappensBefore's do. */
export interface ProofGraph {
  readonly graph: CompactGraph;
  readonly evidenceFrom: ArrayLike<number>;
  readonly evidenceTo: ArrayLike<number>;
}

/** The first path found from `from` to `to` trying each mask in turn. */
export function proofPath(
  g: ProofGraph,
  from: number,
  to: number,
  masks: readonly KindMask[],
): Path | undefined {
  for (const kinds of masks) {
    const path = shortestPath(g.graph, from, to, { kinds });
    if (path !== undefined) return path;
  }
  return undefined;
}

export function pathLinks(
  g: ProofGraph,
  h: History,
  o: Observations,
  path: Path,
  assumption: Assumption | undefined,
): Link[] {
  return Array.from(path.edges, (e) => linkOf(g, h, o, e, assumption));
}

/** Edge `id` as a link: its ops, its relation, and what its evidence proves. */
export function linkOf(
  g: ProofGraph,
  h: History,
  o: Observations,
  id: number,
  assumption: Assumption | undefined,
): Link {
  const edge = edgeInfo(g.graph, id);
  const link: Link = { from: edge.from, to: edge.to, relation: edgeKindNames[edge.kind]! };
  if (edge.evidence === undefined) return link;
  const a = g.evidenceFrom[edge.evidence]!;
  const b = g.evidenceTo[edge.evidence]!;
  switch (edge.kind) {
    case EdgeKind.readsFrom:
      return { ...link, key: o.acc.keys[o.acc.key[b]!], value: o.acc.value[b] ?? null };
    case EdgeKind.versionOrder:
      return { ...link, ...versionsOf(h, o, a, b) };
    case EdgeKind.assumedOrder:
      return assumption === undefined ? link : { ...link, assumption };
    case EdgeKind.conflict:
    case EdgeKind.viewOrder:
      return { ...link, key: o.acc.keys[o.acc.key[a]!], via: o.acc.op[a]! };
    default:
      return link;
  }
}

function versionsOf(h: History, o: Observations, a: number, b: number): Partial<Link> {
  const key = o.acc.key[a]!;
  if (o.acc.lists.has(key)) {
    const position = (x: number) => (Number.isFinite(o.num[x]!) ? o.num[x]! : null);
    return { key: o.acc.keys[key], positions: [position(a), position(b)] };
  }
  return {
    key: o.acc.keys[key],
    versions: [access(h, o, a).version ?? null, access(h, o, b).version ?? null],
  };
}

/** The assumption a proof rests on, if any link does. */
export function assumptionIn(...proofs: readonly Link[][]): Assumption | undefined {
  for (const links of proofs) for (const l of links) if (l.assumption) return l.assumption;
  return undefined;
}

/** The ops a proof cites, in order of appearance: its ends, and for derived links the path to the read that forces them. */
export function linkOps(links: readonly Link[]): number[] {
  return links.flatMap((l) =>
    l.via === undefined ? [l.from, l.to] : [l.from, ...linkOps(l.viaPath ?? []), l.via, l.to],
  );
}

/** An edge derived by a check (a conflict, a view order): its ends and the read that forces it. */
export interface DerivedEdge {
  from: number;
  to: number;
  kind: number;
  /** The read access that forces it. */
  via: number;
}

/**
 * The edges of `g` of the given kinds (with both ends kept, when `keep` is given) and the
 * derived edges, as one proof graph whose evidence tables extend g's.
 */
export function withDerived(
  g: ProofGraph,
  kinds: KindMask,
  derived: readonly DerivedEdge[],
  keep?: Uint8Array,
): ProofGraph {
  const { offsets, targets, kinds: edgeKinds, evidence } = g.graph.forward;
  const b = new GraphBuilder(g.graph.nodeCount, g.graph.edgeCount + derived.length + 16);
  const from = Array.from(g.evidenceFrom);
  const to = Array.from(g.evidenceTo);
  for (let u = 0; u < g.graph.nodeCount; u++) {
    if (keep !== undefined && keep[u] === 0) continue;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = targets[e]!;
      if (((kinds >>> edgeKinds[e]!) & 1) === 0 || (keep !== undefined && keep[v] === 0)) continue;
      b.addEdge(u, v, edgeKinds[e]!, evidence[e]! < 0 ? undefined : evidence[e]!);
    }
  }
  for (const d of derived) {
    b.addEdge(d.from, d.to, d.kind, from.length);
    from.push(d.via);
    to.push(-1);
  }
  return { graph: b.freeze({ reverse: true }), evidenceFrom: from, evidenceTo: to };
}
