/**
 * GraphBuilder collects edges in growable typed arrays (13 bytes an edge) and freezes them
 * into CSR adjacency by a stable counting sort, so each node's edges keep the order they were
 * added in and a frozen graph is the same for the same input.
 */

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
  private sources: Int32Array;
  private targets: Int32Array;
  private kinds: Uint8Array;
  private evidence: Int32Array;
  private length = 0;

  /** A builder for a graph of nodes 0..nodeCount-1; edgeCapacity is only a first size. */
  constructor(nodeCount: number, edgeCapacity = 1024) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
      throw new RangeError(`node count ${String(nodeCount)} is not an integer in 0..2^31-1`);
    }
    this.nodeCount = nodeCount;
    const capacity = Math.max(16, Math.floor(edgeCapacity));
    this.sources = new Int32Array(capacity);
    this.targets = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.evidence = new Int32Array(capacity);
  }

  get edgeCount(): number {
    return this.length;
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
    if (this.length === this.sources.length) this.grow();
    const i = this.length++;
    this.sources[i] = from;
    this.targets[i] = to;
    this.kinds[i] = kind;
    this.evidence[i] = evidence ?? NO_EVIDENCE;
  }

  /** The CSR graph of the edges added so far; the builder stays usable. */
  freeze(options: FreezeOptions = {}): CompactGraph {
    const m = this.length;
    const src = this.sources.subarray(0, m);
    const dst = this.targets.subarray(0, m);
    const kinds = this.kinds.subarray(0, m);
    const evidence = this.evidence.subarray(0, m);
    const slots = new Int32Array(m);
    const forward = bucket(this.nodeCount, src, dst, kinds, evidence, slots);
    let reverse: ReverseAdjacency | undefined;
    if (options.reverse) {
      const rslots = new Int32Array(m);
      const adj = bucket(this.nodeCount, dst, src, kinds, evidence, rslots);
      // rslots maps insertion order to reverse slot; the edge id is the forward slot.
      const edgeIds = new Int32Array(m);
      for (let i = 0; i < m; i++) edgeIds[rslots[i]!] = slots[i]!;
      reverse = { ...adj, edgeIds };
    }
    return { nodeCount: this.nodeCount, edgeCount: m, forward, reverse };
  }

  private grow(): void {
    const n = this.sources.length * 2;
    this.sources = grown(this.sources, new Int32Array(n));
    this.targets = grown(this.targets, new Int32Array(n));
    this.kinds = grown(this.kinds, new Uint8Array(n));
    this.evidence = grown(this.evidence, new Int32Array(n));
  }
}

function grown<A extends Int32Array | Uint8Array>(old: A, next: A): A {
  next.set(old);
  return next;
}

/**
 * Stable counting sort of the edges by `by`: the CSR adjacency keyed on `by`, holding `other`.
 * slotOf[i] receives the slot given to the i-th edge added.
 */
function bucket(
  n: number,
  by: Int32Array,
  other: Int32Array,
  kinds: Uint8Array,
  evidence: Int32Array,
  slotOf: Int32Array,
): Adjacency {
  const m = by.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[by[i]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const outKinds = new Uint8Array(m);
  const outEvidence = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const slot = next[by[i]!]!++;
    slotOf[i] = slot;
    targets[slot] = other[i]!;
    outKinds[slot] = kinds[i]!;
    outEvidence[slot] = evidence[i]!;
  }
  return { offsets, targets, kinds: outKinds, evidence: outEvidence };
}
