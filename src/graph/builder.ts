/**
 * GraphBuilder collects edges in chunked columns (13 bytes an edge, no doubling: a 20M-edge
 * graph must not reserve room for 40M) and freezes them into CSR adjacency by a stable
 * counting sort, so each node's edges keep the order they were added in and a frozen graph is
 * the same for the same input.
 */

import { Int32Column, Uint8Column } from "../history/columns.js";
import {
  type Adjacency,
  assertKind,
  assertNode,
  type CompactGraph,
  NO_EVIDENCE,
  type ReverseAdjacency,
} from "./graph.js";

export interface FreezeOptions {
  /** Also build the reverse adjacency (predecessors), for backward traversals. */
  reverse?: boolean;
}

export class GraphBuilder {
  readonly nodeCount: number;
  private readonly sources: Int32Column;
  private readonly targets: Int32Column;
  private readonly kinds: Uint8Column;
  private readonly evidence: Int32Column;

  /** A builder for a graph of nodes 0..nodeCount-1; edgeCapacity is only a first size. */
  constructor(nodeCount: number, edgeCapacity = 1024) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
      throw new RangeError(`node count ${String(nodeCount)} is not an integer in 0..2^31-1`);
    }
    this.nodeCount = nodeCount;
    const capacity = Math.max(16, Math.floor(edgeCapacity));
    this.sources = new Int32Column(capacity);
    this.targets = new Int32Column(capacity);
    this.kinds = new Uint8Column(capacity);
    this.evidence = new Int32Column(capacity);
  }

  get edgeCount(): number {
    return this.sources.length;
  }

  /** Adds an edge from -> to of a kind (0..31), with an optional evidence id (0..2^31-1). */
  addEdge(from: number, to: number, kind: number, evidence?: number): void {
    assertNode(this, from, "source");
    assertNode(this, to, "target");
    assertKind(kind);
    if (
      evidence !== undefined &&
      (!Number.isInteger(evidence) || evidence < 0 || evidence > 0x7fffffff)
    ) {
      throw new RangeError(`evidence id ${String(evidence)} is not an integer in 0..2^31-1`);
    }
    this.sources.push(from);
    this.targets.push(to);
    this.kinds.push(kind);
    this.evidence.push(evidence ?? NO_EVIDENCE);
  }

  /** The CSR graph of the edges added so far; the builder stays usable. */
  freeze(options: FreezeOptions = {}): CompactGraph {
    const m = this.edgeCount;
    const edges: Edges = {
      src: this.sources,
      dst: this.targets,
      kinds: this.kinds,
      evidence: this.evidence,
    };
    // The forward slot of each edge, in the order added: an edge's id.
    const slots = new Int32Array(m);
    const forward = bucket(this.nodeCount, edges, "src", (i, slot) => {
      slots[i] = slot;
    });
    let reverse: ReverseAdjacency | undefined;
    if (options.reverse) {
      const edgeIds = new Int32Array(m);
      // Its evidence is the forward slot's (edgeIds): a copy cost 4 bytes an edge.
      const adj = bucket(
        this.nodeCount,
        edges,
        "dst",
        (i, slot) => {
          edgeIds[slot] = slots[i]!;
        },
        false,
      );
      reverse = { ...adj, edgeIds };
    }
    return { nodeCount: this.nodeCount, edgeCount: m, forward, reverse };
  }
}

interface Edges {
  src: Int32Column;
  dst: Int32Column;
  kinds: Uint8Column;
  evidence: Int32Column;
}

/**
 * Stable counting sort of the edges by their `by` end: the CSR adjacency keyed on it, holding
 * the other end; `placed(i, slot)` is told the slot given to the i-th edge added.
 */
function bucket(
  n: number,
  edges: Edges,
  by: "src" | "dst",
  placed: (i: number, slot: number) => void,
): Adjacency;
function bucket(
  n: number,
  edges: Edges,
  by: "src" | "dst",
  placed: (i: number, slot: number) => void,
  withEvidence: false,
): Omit<Adjacency, "evidence">;
function bucket(
  n: number,
  edges: Edges,
  by: "src" | "dst",
  placed: (i: number, slot: number) => void,
  withEvidence = true,
): Adjacency | Omit<Adjacency, "evidence"> {
  const keyOf = edges[by];
  const otherOf = by === "src" ? edges.dst : edges.src;
  const m = keyOf.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[keyOf.get(i) + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const outKinds = new Uint8Array(m);
  const outEvidence = withEvidence ? new Int32Array(m) : undefined;
  for (let i = 0; i < m; i++) {
    const slot = next[keyOf.get(i)]!++;
    placed(i, slot);
    targets[slot] = otherOf.get(i);
    outKinds[slot] = edges.kinds.get(i);
    if (outEvidence !== undefined) outEvidence[slot] = edges.evidence.get(i);
  }
  const adjacency = { offsets, targets, kinds: outKinds };
  return outEvidence === undefined ? adjacency : { ...adjacency, evidence: outEvidence };
}
