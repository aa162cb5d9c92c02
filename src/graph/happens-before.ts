/**
 * The happens-before graph of a history, on the compact core: one node per op, and edges of
 * the kinds in edge-kinds.ts, each with its evidence (the two accesses that prove it, for
 * reads-from and version order). Session order is kept as chains (each op linked to the ops
 * of its session that completed last before it began), never as its transitive closure.
 * Version order comes from what the history proves (numeric versions, version vectors, list
 * positions; see observations.ts), or from a stated assumption. Iterative throughout.
 *
 * It also decomposes the ops into chains (totally ordered by session order) for vector
 * clocks (clocks.ts): a session whose ops never overlap is one chain; otherwise each of its
 * processes is; an indeterminate write is a chain of its own, since nothing follows it in
 * session order.
 */

import { Access } from "../history/accesses.js";
import { type AssumedOrder, type Assumption, assumedOrder } from "../history/assumed-order.js";
import { getOrInsert, Int32Column } from "../history/columns.js";
import type { History } from "../history/model.js";
import { type Observations, observationsOf, observedWrites } from "../history/observations.js";
import { eventOrder } from "../history/timeline.js";
import { isClientOp } from "../history/vocabulary.js";
import { GraphBuilder } from "./builder.js";
import { type Chains, decomposeChains } from "./chains.js";
import { EdgeKind } from "./edge-kinds.js";
import type { CompactGraph } from "./graph.js";
import { addVersionOrder } from "./version-order.js";

export interface HappensBeforeOptions {
  /** Version-order edges from versions, vectors and list positions (default true). */
  versionOrder?: boolean;
  /** Version-order edges for keys without versions, from this assumption. */
  assume?: Assumption;
  /** Real-time edges between ops of different sessions (default false: there can be many). */
  realTime?: boolean;
  /** The initial value of every key (default null). */
  initial?: unknown;
}

/** The two accesses that prove an edge: a write and the read that observed it, or two writes. */
export class Evidence {
  readonly from = new Int32Column(1024);
  readonly to = new Int32Column(1024);
  add(from: number, to: number): number {
    this.to.push(to);
    return this.from.push(from);
  }
}

export interface HappensBefore {
  readonly history: History;
  readonly observations: Observations;
  /** Forward and reverse adjacency; node = op id. */
  readonly graph: CompactGraph;
  /** By evidence id: the access at the edge's source and at its target. */
  readonly evidenceFrom: Int32Array;
  readonly evidenceTo: Int32Array;
  readonly chains: Chains;
  /** Per access: for a read, the write access it observed (or observations.ts's negative code); a write, itself. */
  readonly observed: Int32Array;
  readonly assumed?: AssumedOrder;
  /** Keys whose version vectors were too many to order pairwise (no version-order edges). */
  readonly unorderedVectorKeys: readonly number[];
}

export function buildHappensBefore(h: History, options: HappensBeforeOptions = {}): HappensBefore {
  const o = observationsOf(h, options.initial ?? null);
  const b = new GraphBuilder(h.size, h.size * 2 + 16);
  const evidence = new Evidence();
  addSessionOrder(h, b);
  const observed = addReadsFrom(o, b, evidence);
  let unorderedVectorKeys: number[] = [];
  if (options.versionOrder !== false) unorderedVectorKeys = addVersionOrder(o, b, evidence);
  const assumed = options.assume ? assumedOrder(h, o.acc, options.assume) : undefined;
  if (assumed) addAssumedOrder(h, o, assumed, b, evidence);
  if (options.realTime) addRealTime(h, b);
  const graph = b.freeze({ reverse: true });
  const hb: HappensBefore = {
    history: h,
    observations: o,
    graph,
    evidenceFrom: evidence.from.freeze(),
    evidenceTo: evidence.to.freeze(),
    chains: decomposeChains(h, o.acc),
    observed,
    unorderedVectorKeys,
  };
  return assumed ? { ...hb, assumed } : hb;
}

/** Ops that take part in order: client ops that took effect or may have (ok, info). */
function ordered(h: History, id: number): boolean {
  return isClientOp(h, id) && h.status[id] !== 1;
}

/**
 * Session order as its transitive reduction: when an op begins, it follows the session's
 * frontier (the ops completed so far that no other completed op follows). A session that
 * never overlaps itself has a frontier of one op: its chain.
 */
function addSessionOrder(h: History, b: GraphBuilder): void {
  const frontier: number[][] = h.sessions.map(() => []);
  sweepFrontier(
    h,
    (id) => frontier[h.session[id]!]!,
    (u, v) => b.addEdge(u, v, EdgeKind.sessionOrder),
  );
}

/** Real time between sessions, the same way over one frontier of every session. */
function addRealTime(h: History, b: GraphBuilder): void {
  const all: number[] = [];
  sweepFrontier(
    h,
    () => all,
    (u, v) => {
      if (h.session[u] !== h.session[v]) b.addEdge(u, v, EdgeKind.realTime);
    },
  );
}

function sweepFrontier(
  h: History,
  frontierOf: (id: number) => number[],
  link: (u: number, v: number) => void,
): void {
  const order = eventOrder(h);
  for (let p = 0; p < order.length; p++) {
    const e = order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    if (!ordered(h, id)) continue;
    const m = frontierOf(id);
    if ((e & 1) === 0) {
      for (const u of m) link(u, id);
    } else if (h.status[id] === 0) {
      // Completed ops that this one follows leave the frontier; an info op never joins it.
      let k = 0;
      for (const u of m) if (h.cmpPos[u]! >= h.invPos[id]!) m[k++] = u;
      // Setting an array's length is slow: a sequential session replaces its one op in place.
      if (k === m.length - 1) m[k] = id;
      else {
        m.length = k;
        m.push(id);
      }
    }
  }
}

/** Reads-from edges; returns what each access observed (observations.ts, computed once and shared). */
function addReadsFrom(o: Observations, b: GraphBuilder, evidence: Evidence): Int32Array {
  const { acc } = o;
  const observed = observedWrites(o);
  for (let a = 0; a < acc.size; a++) {
    const w = observed[a]!;
    if (acc.kind[a] !== Access.read || w < 0) continue;
    b.addEdge(acc.op[w]!, acc.op[a]!, EdgeKind.readsFrom, evidence.add(w, a));
  }
  return observed;
}

/**
 * Assumed order, for keys whose writes carry no version order: linearizable-keys links each
 * write to the key's writes completed last before it began (a frontier per key, as for
 * session order); sequential-keys links each process's consecutive writes of a key.
 */
function addAssumedOrder(
  h: History,
  o: Observations,
  assumed: AssumedOrder,
  b: GraphBuilder,
  evidence: Evidence,
): void {
  const { acc } = o;
  const unversioned = (a: number) =>
    acc.kind[a] === Access.write && Number.isNaN(o.num[a]!) && !o.vec.has(a);
  const frontier = new Map<number, number[]>();
  const link = (u: number, v: number) => {
    if (acc.op[u] !== acc.op[v])
      b.addEdge(acc.op[u]!, acc.op[v]!, EdgeKind.assumedOrder, evidence.add(u, v));
  };
  const order = eventOrder(h);
  for (let p = 0; p < order.length; p++) {
    const e = order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) {
      if (!unversioned(a)) continue;
      const key =
        assumed.assumption === "linearizable-keys" ? acc.key[a]! : keyOfProcess(h, acc, a);
      const m = getOrInsert(frontier, key, () => []);
      if ((e & 1) === 0) {
        for (const u of m) link(u, a);
      } else if (h.status[id] === 0) {
        let k = 0;
        for (const u of m) if (!assumed.precedes(acc.op[u]!, id)) m[k++] = u;
        m.length = k;
        m.push(a);
      }
    }
  }
}

/** One frontier per (process, key) pair under sequential-keys. */
function keyOfProcess(h: History, acc: Observations["acc"], a: number): number {
  return h.process[acc.op[a]!]! * acc.keys.length + acc.key[a]!;
}
