/**
 * For each read, the writes of its key acknowledged before it began, as quorum-overlap and
 * staleness need them: how many its result does not include (how many versions behind it
 * is: k-staleness, Bailis et al. 2012), and the newest of them. One sweep in history order:
 * a write joins its key's set when its `ok` is recorded, a read looks at the set when its
 * invocation is. With numeric versions (numbers, list positions) each key keeps a Fenwick
 * tree over its writes' versions, so a read's count is a prefix sum: O(n log n) in all. With
 * version vectors inclusion is a partial order: a read keeps how many writes were
 * acknowledged before it, and `behindByVectors` scans them when asked (under the caller's
 * time budget).
 */
import { Access } from "../../history/accesses.js";
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { compareVectors, type Observations } from "../../history/observations.js";

export interface AckedReads {
  /** Per read access: writes acknowledged before it that its result does not include; -1 if unknown (see `unknown`). */
  readonly behind: Int32Array;
  /** Per read access: the newest write access acknowledged before it (highest version; the last acknowledged, for vectors), -1 if none. */
  readonly newest: Int32Array;
  /** Per read access: why its count is unknown (0: it is known; see `unknownCodes`). */
  readonly unknown: Uint8Array;
  /** Per read access on a vector key: how many of its key's acknowledged writes came before it. */
  readonly ackedBefore: Int32Array;
  /** Per key, its acknowledged write accesses in acknowledgement order (vector keys only). */
  readonly vectorAcks: ReadonlyMap<number, readonly number[]>;
}

/** 1: the read's version is unknown; 2: a write's version is unknown; 3: vectors (count with behindByVectors). */
export const unknownCodes = [
  "",
  "read-without-version",
  "write-without-version",
  "vectors",
] as const;

const cache = new WeakMap<Observations, AckedReads>();

export function ackedReads(h: History, o: Observations, order: Int32Array): AckedReads {
  return getOrInsert(cache, o, () => sweep(h, o, order));
}

class Fenwick {
  private readonly t: Int32Array;
  constructor(readonly size: number) {
    this.t = new Int32Array(size + 1);
  }
  add(i: number): void {
    for (let x = i + 1; x <= this.size; x += x & -x) this.t[x] = this.t[x]! + 1;
  }
  /** How many added at ranks <= i. */
  prefix(i: number): number {
    let s = 0;
    for (let x = i + 1; x > 0; x -= x & -x) s += this.t[x]!;
    return s;
  }
}

interface KeyVersions {
  sorted: Float64Array;
  tree: Fenwick;
  total: number;
  newest: number;
}

function sweep(h: History, o: Observations, order: Int32Array): AckedReads {
  const { acc } = o;
  const behind = new Int32Array(acc.size).fill(-1);
  const newest = new Int32Array(acc.size).fill(-1);
  const unknown = new Uint8Array(acc.size);
  const ackedBefore = new Int32Array(acc.size);
  const vectorAcks = new Map<number, number[]>();
  const keys = keyVersions(h, o);
  const vectorKeys = new Set<number>();
  for (const a of o.vec.keys()) if (acc.kind[a] === Access.write) vectorKeys.add(acc.key[a]!);
  const unversioned = unversionedKeys(h, o);
  const opAccess = (id: number, f: (a: number) => void) => {
    for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) f(a);
  };
  for (let p = 0; p < order.length; p++) {
    const e = order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    if (acc.opStart[id] === acc.opStart[id + 1]) continue;
    if ((e & 1) === 1) {
      if (h.status[id] !== 0) continue;
      opAccess(id, (a) => {
        if (acc.kind[a] !== Access.write) return;
        const key = acc.key[a]!;
        if (vectorKeys.has(key)) getOrInsert(vectorAcks, key, () => []).push(a);
        else addWrite(o, keys.get(key), a);
      });
    } else {
      opAccess(id, (a) => {
        if (acc.kind[a] !== Access.read) return;
        const key = acc.key[a]!;
        if (vectorKeys.has(key)) {
          unknown[a] = 3;
          ackedBefore[a] = vectorAcks.get(key)?.length ?? 0;
          return;
        }
        if (unversioned.has(key)) unknown[a] = 2;
        else readNumeric(o, keys.get(key), a, { behind, newest, unknown });
      });
    }
  }
  return { behind, newest, unknown, ackedBefore, vectorAcks };
}

/** Per numeric key: the sorted versions of its acknowledged writes, and an empty tree over them. */
function keyVersions(h: History, o: Observations): Map<number, KeyVersions> {
  const byKey = new Map<number, number[]>();
  for (let a = 0; a < o.acc.size; a++) {
    if (o.acc.kind[a] !== Access.write || Number.isNaN(o.num[a]!)) continue;
    if (h.status[o.acc.op[a]!] !== 0) continue;
    getOrInsert(byKey, o.acc.key[a]!, () => []).push(o.num[a]!);
  }
  const out = new Map<number, KeyVersions>();
  for (const [key, vs] of byKey) {
    const sorted = Float64Array.from(vs).sort();
    out.set(key, { sorted, tree: new Fenwick(sorted.length), total: 0, newest: -1 });
  }
  return out;
}

/** Keys with an acknowledged write whose version is unknown: no count on them can be trusted. */
function unversionedKeys(h: History, o: Observations): Set<number> {
  const out = new Set<number>();
  for (let a = 0; a < o.acc.size; a++) {
    if (o.acc.kind[a] !== Access.write || h.status[o.acc.op[a]!] !== 0) continue;
    if (Number.isNaN(o.num[a]!) && !o.vec.has(a)) out.add(o.acc.key[a]!);
  }
  return out;
}

/** Index of the last entry <= v in sorted (-1 if none). */
function rankAtMost(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function addWrite(o: Observations, k: KeyVersions | undefined, a: number): void {
  if (k === undefined || o.acc.kind[a] !== Access.write) return;
  const v = o.num[a]!;
  if (Number.isNaN(v)) return;
  k.tree.add(rankAtMost(k.sorted, v));
  k.total++;
  if (k.newest < 0 || v > o.num[k.newest]!) k.newest = a;
}

function readNumeric(
  o: Observations,
  k: KeyVersions | undefined,
  a: number,
  out: { behind: Int32Array; newest: Int32Array; unknown: Uint8Array },
): void {
  const v = o.num[a]!;
  if (Number.isNaN(v)) {
    out.unknown[a] = 1;
    return;
  }
  if (k === undefined || k.total === 0) {
    out.behind[a] = 0;
    return;
  }
  out.behind[a] = k.total - k.tree.prefix(rankAtMost(k.sorted, v));
  out.newest[a] = k.newest;
}

/** A read on a vector key: its count and newest missed write (the last acknowledged it does not include); `expired` is polled. */
export function behindByVectors(
  o: Observations,
  acked: AckedReads,
  a: number,
  expired: () => boolean,
): { behind: number; missed: number; newest: number } | undefined {
  const list = acked.vectorAcks.get(o.acc.key[a]!) ?? [];
  const have = o.vec.get(a);
  const n = acked.ackedBefore[a]!;
  let behind = 0;
  let missed = -1;
  for (let i = 0; i < n; i++) {
    if (expired()) return undefined;
    const w = list[i]!;
    const wv = o.vec.get(w);
    const rel = wv === undefined || have === undefined ? "gt" : compareVectors(wv, have);
    if (rel === "lt" || rel === "eq") continue;
    behind++;
    missed = w;
  }
  return { behind, missed, newest: n > 0 ? list[n - 1]! : -1 };
}
