/**
 * Vector clocks over a chain decomposition (chains.ts): for an op n, entry c of its clock is
 * the position of the last op of chain c in n's strict past (the ops that reach n along
 * edges of the given kinds), so "x reaches n" is one comparison: clock(n)[chain(x)] >=
 * pos(x). Computed in one pass over a topological order, each op's clock the join of its
 * predecessors' (the chain's previous op, whose clock is the chain's running one, and the
 * sources of edges from other chains). Only the clocks of the ops asked for are kept, as rows
 * of one Int32Array; the cost is O((ops + edges) * chains) time. Plume (2024) and the
 * session-indexed clocks of Bouajjani et al. (2017) check causal consistency the same way.
 */
import type { Chains } from "./chains.js";
import type { CompactGraph, KindMask } from "./graph.js";

export interface Clocks {
  readonly width: number;
  /** Row of each op whose clock was kept, -1 for the others. */
  readonly rowOf: Int32Array;
  /** Row r is rows[r * width .. (r + 1) * width - 1]: the op's strict past. */
  readonly rows: Int32Array;
}

/** Thrown by computeClocks when the rows would exceed the given number of entries. */
export class ClockBudgetError extends Error {
  constructor(readonly entries: number) {
    super(`vector clocks would need ${entries} entries`);
  }
}

/**
 * Clocks of the ops with keep[op] = 1, along edges of `kinds`, visiting `order` (a
 * topological order of those edges; ops missing from it get no clock). Every source of an
 * edge from another chain must be kept too (its clock is needed).
 */
export function computeClocks(
  g: CompactGraph,
  chains: Chains,
  order: Int32Array,
  keep: Uint8Array,
  kinds: KindMask,
  maxEntries = 1 << 26,
): Clocks {
  const width = chains.count;
  const rowOf = new Int32Array(g.nodeCount).fill(-1);
  let count = 0;
  for (let v = 0; v < g.nodeCount; v++) if (keep[v] === 1) rowOf[v] = count++;
  if (count * width > maxEntries) throw new ClockBudgetError(count * width);
  const clocks: Clocks = { width, rowOf, rows: new Int32Array(count * width) };
  // Running clocks of the chains begun and not yet ended, allocated as they start.
  const running: (Int32Array | undefined)[] = new Array(width);
  let live = 0;
  const { chainOf, posOf } = chains;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const c = chainOf[n]!;
    if (c < 0 && rowOf[n]! < 0) continue;
    let vc = c >= 0 ? running[c] : undefined;
    if (vc === undefined) {
      if ((count + ++live) * width > maxEntries) throw new ClockBudgetError((count + live) * width);
      vc = new Int32Array(width);
    }
    joinPredecessors(g, chains, clocks, kinds, n, vc);
    if (rowOf[n]! >= 0) clocks.rows.set(vc, rowOf[n]! * width);
    if (c < 0) {
      live--;
      continue;
    }
    vc[c] = posOf[n]!;
    const ended = posOf[n] === chains.members[c]!.length;
    running[c] = ended ? undefined : vc;
    if (ended) live--;
  }
  return clocks;
}

/** Joins into vc the clocks of n's predecessors in other chains (each with itself). */
function joinPredecessors(
  g: CompactGraph,
  chains: Chains,
  clocks: Clocks,
  kinds: KindMask,
  n: number,
  vc: Int32Array,
): void {
  const { offsets, targets, kinds: edgeKinds } = g.reverse!;
  const { chainOf, posOf } = chains;
  const { rowOf, rows, width } = clocks;
  const c = chainOf[n]!;
  for (let e = offsets[n]!; e < offsets[n + 1]!; e++) {
    if (((kinds >>> edgeKinds[e]!) & 1) === 0) continue;
    const u = targets[e]!;
    const cu = chainOf[u]!;
    if (cu === c) continue; // the chain's running clock already covers its earlier ops
    const r = rowOf[u]!;
    if (r < 0) throw new Error(`computeClocks: source ${u} of an edge into ${n} has no clock`);
    joinInto(vc, rows, r * width, width);
    if (cu >= 0 && vc[cu]! < posOf[u]!) vc[cu] = posOf[u]!;
  }
}

function joinInto(vc: Int32Array, rows: Int32Array, start: number, width: number): void {
  for (let k = 0; k < width; k++) {
    const x = rows[start + k]!;
    if (x > vc[k]!) vc[k] = x;
  }
}

/** Whether op x is in the strict past of op n (n's clock must be kept; x must be in a chain). */
export function inPast(clocks: Clocks, chains: Chains, x: number, n: number): boolean {
  const c = chains.chainOf[x]!;
  if (c < 0) return false;
  return clocks.rows[clocks.rowOf[n]! * clocks.width + c]! >= chains.posOf[x]!;
}
