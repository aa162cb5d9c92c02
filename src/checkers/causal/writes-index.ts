/**
 * The writes of each key, by chain: with vector clocks over the same chains, the writes of a
 * key in an op's causal past are, per chain, a prefix, so "the latest write of x in the past
 * of n" is one binary search per chain that writes x. Causal order puts a chain's writes of
 * x in chain order, so the latest one per chain is the strongest requirement it makes.
 */

import type { Chains } from "../../graph/chains.js";
import { Access } from "../../history/accesses.js";
import type { Observations } from "../../history/observations.js";

export interface ChainWrites {
  readonly chain: number;
  /** Positions in the chain of the ops writing the key, ascending, and the write accesses. */
  readonly pos: Int32Array;
  readonly acc: Int32Array;
  /**
   * When every write of the key carries a number (a version, a list position): at k, the
   * write with the greatest one among the first k + 1, so that a requirement need take in
   * only that one.
   */
  readonly maxAt: Int32Array | undefined;
}

export type WritesIndex = ReadonlyMap<number, readonly ChainWrites[]>;

export function indexWrites(o: Observations, chains: Chains): WritesIndex {
  const lists = new Map<number, Map<number, { pos: number[]; acc: number[] }>>();
  const { acc } = o;
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] !== Access.write) continue;
    const op = acc.op[a]!;
    const c = chains.chainOf[op]!;
    if (c < 0) continue;
    let byChain = lists.get(acc.key[a]!);
    if (byChain === undefined) {
      byChain = new Map();
      lists.set(acc.key[a]!, byChain);
    }
    let l = byChain.get(c);
    if (l === undefined) {
      l = { pos: [], acc: [] };
      byChain.set(c, l);
    }
    // A transaction that writes a key twice: its last write is the one others can see.
    if (l.pos[l.pos.length - 1] === chains.posOf[op]) l.acc[l.acc.length - 1] = a;
    else {
      l.pos.push(chains.posOf[op]!);
      l.acc.push(a);
    }
  }
  const index = new Map<number, ChainWrites[]>();
  for (const [key, byChain] of lists) {
    const numbered = [...byChain.values()].every((l) =>
      l.acc.every((a) => !Number.isNaN(o.num[a]!)),
    );
    index.set(
      key,
      [...byChain].map(([chain, l]) => {
        const acc = Int32Array.from(l.acc);
        // One shape for every entry (maxAt always present): the hot loops stay monomorphic.
        return {
          chain,
          pos: Int32Array.from(l.pos),
          acc,
          maxAt: numbered ? prefixMax(o, acc) : undefined,
        };
      }),
    );
  }
  return index;
}

function prefixMax(o: Observations, acc: Int32Array): Int32Array {
  const out = new Int32Array(acc.length);
  let best = -1;
  for (let k = 0; k < acc.length; k++) {
    if (best < 0 || o.num[acc[k]!]! > o.num[best]!) best = acc[k]!;
    out[k] = best;
  }
  return out;
}

/** The write access with the greatest position <= upTo, or -1. */
export function latestUpTo(w: ChainWrites, upTo: number): number {
  let lo = 0;
  let hi = w.pos.length - 1;
  if (hi < 0 || w.pos[0]! > upTo) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (w.pos[mid]! <= upTo) lo = mid;
    else hi = mid - 1;
  }
  return w.acc[lo]!;
}
