/**
 * What each read observed, and what the history lets us say about version order.
 *
 * A read that carries its own version is identified by it. Otherwise it is identified by
 * value: the write of the same key with the same value, which is sound only where each value
 * is written at most once per key and the history records every write since the initial
 * value. Reads of a value written twice are AMBIGUOUS; of a value no op wrote, GARBAGE.
 *
 * Order is claimed only where the history proves it: numeric versions order totally, version
 * vectors partially, the initial value precedes every write, and a write equals itself.
 * Everything else is `unknown`: no guess is ever made from real time.
 */
import { Access, type Accesses, accessVersion, buildAccesses } from "./accesses.js";
import { getOrInsert } from "./columns.js";
import { listVersions } from "./list-order.js";
import type { History, VersionVector } from "./model.js";
import { valueKey } from "./vocabulary.js";

export const INITIAL = -1;
export const GARBAGE = -2;
export const AMBIGUOUS = -3;
/** The read carries a version no recorded write has (written before the history began). */
export const UNRECORDED = -4;
/**
 * A read identified by its own numeric version. Which write produced that version matters
 * only to explanations, so `observedWrite` looks it up on demand, off the hot path.
 */
export const VERSIONED = -5;
/** A read of a list key whose version order cannot be known (see list-order.ts). */
export const UNORDERED = -6;
/**
 * A read, identified by value, in a history that records no write at all: it leaves its
 * writes out (Jepsen's long-fork records only reads), so a value that "nobody wrote" proves
 * nothing. (Where the history does record writes, such a value is a garbage read.)
 */
export const UNWRITTEN = -7;

export type Relation = "lt" | "eq" | "gt" | "concurrent" | "unknown";

export interface Observations {
  readonly acc: Accesses;
  /** Reads: the write access observed, or INITIAL, GARBAGE, AMBIGUOUS, UNRECORDED, VERSIONED, UNORDERED, UNWRITTEN. Writes: themselves. */
  readonly identity: Int32Array;
  /** Own numeric version, else the observed write's; -Infinity for the initial value; NaN if none. */
  readonly num: Float64Array;
  /** Own version vector, else the observed write's; empty for the initial value. */
  readonly vec: ReadonlyMap<number, VersionVector>;
  /** Values written more than once to one key: key id to value to write access ids. */
  readonly duplicates: ReadonlyMap<number, ReadonlyMap<unknown, readonly number[]>>;
  readonly initial: unknown;
}

const EMPTY: VersionVector = new Map();

export function observe(acc: Accesses, initial: unknown = null): Observations {
  // Built on first need: histories whose reads all carry versions never match by value.
  let writers: WriterIndex | undefined;
  const identity = new Int32Array(acc.size);
  const num = new Float64Array(acc.size);
  const vec = new Map<number, VersionVector>();
  let byVector: VersionIndex | undefined;
  let initialVersions: Map<number, number> | undefined;
  const initialKey = valueKey(initial);
  const hasVectors = acc.vectors.size > 0;
  const lists = acc.lists.size > 0 ? listVersions(acc) : undefined;
  const unidentified = acc.writes > 0 ? GARBAGE : UNWRITTEN;
  for (let a = 0; a < acc.size; a++) {
    const onList = lists !== undefined && acc.lists.has(acc.key[a]!);
    const own = onList ? lists.num[a]! : accessVersion(acc, a);
    const ownVec = hasVectors ? acc.vectors.get(a) : undefined;
    let id: number;
    if (acc.kind[a] === Access.write) id = a;
    else if (onList) id = Number.isNaN(own) ? UNORDERED : own === 0 ? INITIAL : VERSIONED;
    else if (!Number.isNaN(own)) {
      id = VERSIONED;
      if (valueKey(acc.value[a]) === initialKey) {
        initialVersions ??= firstWrittenVersions(acc);
        if (own < (initialVersions.get(acc.key[a]!) ?? Number.POSITIVE_INFINITY)) id = INITIAL;
      }
    } else if (ownVec !== undefined) {
      byVector ??= indexVectorWrites(acc);
      id = byVector.get(acc.key[a]!)?.get(vectorKey(ownVec)) ?? UNRECORDED;
    } else {
      const vk = valueKey(acc.value[a]);
      writers ??= indexWriters(acc, initial);
      id = writers.get(acc.key[a]!)?.get(vk) ?? (vk === initialKey ? INITIAL : unidentified);
    }
    identity[a] = id;
    num[a] = !Number.isNaN(own)
      ? own
      : id === INITIAL
        ? Number.NEGATIVE_INFINITY
        : id >= 0
          ? accessVersion(acc, id)
          : Number.NaN;
    if (!hasVectors && id !== INITIAL) continue;
    const v = ownVec ?? (id >= 0 ? acc.vectors.get(id) : id === INITIAL ? EMPTY : undefined);
    if (v !== undefined) vec.set(a, v);
  }
  // Without value-matched reads nothing is ambiguous, so duplicates do not matter.
  const duplicates = writers?.duplicates ?? new Map();
  return { acc, identity, num, vec, duplicates, initial };
}

/**
 * Per key, the lowest version a recorded write produced. A read of the initial value whose
 * own version is below it observed the initial state (its version is the store's name for
 * that state, such as 0): it is identified as the initial value, and equals every other
 * observation of the initial state, however each was written down.
 */
function firstWrittenVersions(acc: Accesses): Map<number, number> {
  const first = new Map<number, number>();
  for (let a = 0; a < acc.size; a++) {
    const v = accessVersion(acc, a);
    if (acc.kind[a] !== Access.write || Number.isNaN(v)) continue;
    const key = acc.key[a]!;
    if (v < (first.get(key) ?? Number.POSITIVE_INFINITY)) first.set(key, v);
  }
  return first;
}

type VersionIndex = Map<number, Map<number | string, number>>;

/** The write access a read observed (INITIAL, GARBAGE, AMBIGUOUS, UNRECORDED, UNORDERED, UNWRITTEN if none); a write is itself. */
export function observedWrite(o: Observations, a: number): number {
  const id = o.identity[a]!;
  return id !== VERSIONED ? id : observedWrites(o)[a]!;
}

const allObserved = new WeakMap<Observations, Int32Array>();

/** observedWrite of every access at once (computed once per Observations, 4 bytes an access). */
export function observedWrites(o: Observations): Int32Array {
  return getOrInsert(allObserved, o, () => {
    const out = new Int32Array(o.acc.size);
    let index: NumberedWrites | undefined;
    for (let a = 0; a < o.acc.size; a++) {
      const id = o.identity[a]!;
      if (id !== VERSIONED) out[a] = id;
      else {
        index ??= numberedWrites(o);
        out[a] = index.find(o.acc.key[a]!, o.num[a]!);
      }
    }
    return out;
  });
}

/**
 * Writes by their numeric version (own, or a list position), in typed arrays rather than a Map
 * per key (a Map entry costs ten times as much): the numbered writes sorted by key, then
 * version, then access; of writes sharing a version, the last one stands for it.
 */
interface NumberedWrites {
  find(key: number, version: number): number;
}

function numberedWrites(o: Observations): NumberedWrites {
  const { acc, num } = o;
  const start = new Int32Array(acc.keys.length + 1);
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] === Access.write && Number.isFinite(num[a]!)) start[acc.key[a]! + 1]!++;
  }
  for (let k = 0; k < acc.keys.length; k++) start[k + 1]! += start[k]!;
  const writes = new Int32Array(start[acc.keys.length]!);
  const next = start.slice(0, acc.keys.length);
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] === Access.write && Number.isFinite(num[a]!)) writes[next[acc.key[a]!]!++] = a;
  }
  for (let k = 0; k < acc.keys.length; k++) {
    writes.subarray(start[k], start[k + 1]).sort((x, y) => num[x]! - num[y]! || x - y);
  }
  return {
    find(key, version) {
      // The last write of the key whose version is at most `version`, if it is `version`.
      let lo = start[key]!;
      let hi = start[key + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (num[writes[mid]!]! <= version) lo = mid + 1;
        else hi = mid;
      }
      return lo > start[key]! && num[writes[lo - 1]!] === version ? writes[lo - 1]! : UNRECORDED;
    },
  };
}

/** Writes by the version vector they carry, as text: key id to vector to write access. */
function indexVectorWrites(acc: Accesses): VersionIndex {
  const index: VersionIndex = new Map();
  for (let a = 0; a < acc.size; a++) {
    const vec = acc.kind[a] === Access.write ? acc.vectors.get(a) : undefined;
    if (vec === undefined) continue;
    getOrInsert(index, acc.key[a]!, () => new Map<number | string, number>()).set(
      vectorKey(vec),
      a,
    );
  }
  return index;
}

function vectorKey(v: VersionVector): string {
  return [...v]
    .filter(([, n]) => n > 0)
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([r, n]) => `${r}=${n}`)
    .join(",");
}

type WriterIndex = Map<number, Map<unknown, number>> & {
  duplicates: Map<number, Map<unknown, number[]>>;
};

function indexWriters(acc: Accesses, initial: unknown): WriterIndex {
  const index = new Map() as WriterIndex;
  index.duplicates = new Map();
  const initialKey = valueKey(initial);
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] !== Access.write) continue;
    const key = acc.key[a]!;
    const m = getOrInsert(index, key, () => new Map<unknown, number>());
    const vk = valueKey(acc.value[a]);
    const prev = m.get(vk);
    if (prev === undefined && vk !== initialKey) {
      m.set(vk, a);
      continue;
    }
    // A second write of the value (or a write of the initial value): reads of it are ambiguous.
    m.set(vk, AMBIGUOUS);
    const d = getOrInsert(index.duplicates, key, () => new Map<unknown, number[]>());
    const list = d.get(vk) ?? (prev !== undefined && prev >= 0 ? [prev] : []);
    list.push(a);
    d.set(vk, list);
  }
  return index;
}

/** How access a's version relates to access b's, as far as the history proves it. */
export function compare(o: Observations, a: number, b: number): Relation {
  if (o.identity[a] === INITIAL && o.identity[b] === INITIAL) return "eq";
  const na = o.num[a]!;
  const nb = o.num[b]!;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na < nb ? "lt" : na > nb ? "gt" : "eq";
  const va = o.vec.get(a);
  const vb = o.vec.get(b);
  if (va !== undefined && vb !== undefined) return compareVectors(va, vb);
  const ia = o.identity[a]!;
  const ib = o.identity[b]!;
  if (ia === ib && (ia >= 0 || ia === INITIAL)) return "eq";
  if (ia === INITIAL && ib >= 0) return "lt";
  if (ib === INITIAL && ia >= 0) return "gt";
  return "unknown";
}

export function compareVectors(a: VersionVector, b: VersionVector): Relation {
  let less = false;
  let greater = false;
  for (const [r, x] of a) {
    const y = b.get(r) ?? 0;
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  for (const [r, y] of b) if (!a.has(r) && y > 0) less = true;
  if (less && greater) return "concurrent";
  return less ? "lt" : greater ? "gt" : "eq";
}

export function joinVectors(a: VersionVector, b: VersionVector): VersionVector {
  const out = new Map(a);
  for (const [r, y] of b) if ((out.get(r) ?? 0) < y) out.set(r, y);
  return out;
}

const cache = new WeakMap<History, Map<unknown, Observations>>();

/** Accesses and observations of a history, computed once and shared by every checker that reads registers. */
export function observationsOf(h: History, initial: unknown = null): Observations {
  const byInitial = getOrInsert(cache, h, () => new Map<unknown, Observations>());
  return getOrInsert(byInitial, valueKey(initial), () => observe(accessesOf(h), initial));
}

const accessCache = new WeakMap<History, Accesses>();

/** The accesses alone (the linearizability checker's initial values need no observations), computed once. */
export function accessesOf(h: History): Accesses {
  return getOrInsert(accessCache, h, () => buildAccesses(h));
}
