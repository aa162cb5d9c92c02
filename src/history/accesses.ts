/**
 * Register accesses: every client op flattened to the reads and writes of keys it performed.
 * A read/write/get/put is one access; an ok cas [from, to] reads `from` and writes `to`;
 * a transaction's micro-ops (["r", k, v], ["w", k, v]) are one access each, except reads of
 * a key the same transaction already wrote (internal reads). Appends (Elle's list-append:
 * ["append", k, v], whose reads return lists) are writes of v to a list key. Ops on a key
 * that are neither (add, incr, string appends, ...) mark the key as unsupported, so that
 * register checks say unknown for it instead of misreading it.
 */
import { Int32Column, Interner, Uint8Column } from "./columns.js";
import { type History, type IdColumn, Status, type VersionVector } from "./model.js";
import { finishIds, narrowIds } from "./op-columns.js";
import { fClass, isNamedProcess } from "./vocabulary.js";

export const Access = { read: 1, write: 2 } as const;

export interface Accesses {
  readonly size: number;
  readonly op: Int32Array;
  readonly key: IdColumn;
  readonly kind: Uint8Array;
  readonly value: readonly unknown[];
  /** The history's version column: an access's own version is its op's (see accessVersion). */
  readonly opVersion: Float64Array;
  /** Present only when some access's own version is not its op's (a cas's read, a micro-op of a versioned op). */
  readonly ownVersion?: Float64Array;
  readonly vectors: ReadonlyMap<number, VersionVector>;
  /** Key table: the history's keys, then micro-op keys; `null` is the single register of a keyless history. */
  readonly keys: readonly unknown[];
  /** Accesses of op i are opStart[i] .. opStart[i+1]-1. */
  readonly opStart: Int32Array;
  /** Keys touched by ops that are not register reads or writes: key id to the first such op and its f. */
  readonly unsupported: ReadonlyMap<number, { op: number; f: string; count: number }>;
  /** List-append keys: their writes are appends and their reads return lists. */
  readonly lists: ReadonlySet<number>;
  /** How many client ops try to write (whatever came of them, on any key): 0 when the history leaves its writes out. */
  readonly writes: number;
}

/** The access's own numeric version (its op's), NaN if none: a cas's read and micro-ops have none. */
export function accessVersion(acc: Accesses, a: number): number {
  return acc.ownVersion === undefined ? acc.opVersion[acc.op[a]!]! : acc.ownVersion[a]!;
}

/** Column storage for accesses while they are collected. */
class AccessColumns {
  readonly op = new Int32Column();
  readonly key = new Int32Column();
  readonly kind = new Uint8Column();
  readonly value: unknown[] = [];
  readonly vectors = new Map<number, VersionVector>();
  /** Accesses without a version of their own although their op has one. */
  readonly unversioned: number[] = [];
  constructor(private readonly h: History) {}
  /** The op's version belongs to its one access; a cas's to its write, a transaction's to none. */
  push(id: number, key: number, kind: number, value: unknown, versioned: boolean): void {
    const a = this.op.push(id);
    this.key.push(key);
    this.kind.push(kind);
    this.value.push(value);
    if (!versioned && !Number.isNaN(this.h.version[id]!)) this.unversioned.push(a);
    if (versioned && this.h.vectors.size > 0) {
      const vec = this.h.vectors.get(id);
      if (vec !== undefined) this.vectors.set(a, vec);
    }
  }
  /** Each access's own version, when some differ from their op's. */
  ownVersion(op: Int32Array): Float64Array | undefined {
    if (this.unversioned.length === 0) return undefined;
    const own = Float64Array.from(op, (id) => this.h.version[id]!);
    for (const a of this.unversioned) own[a] = Number.NaN;
    return own;
  }
}

export function buildAccesses(h: History): Accesses {
  const keys = new Interner<unknown>();
  for (const k of h.keys) keys.id(k);
  const b = new AccessColumns(h);
  const opStart = new Int32Array(h.size + 1);
  const unsupported = new Map<number, { op: number; f: string; count: number }>();
  const fKind = h.fs.map(fClass);
  const hasTxns = h.txns.size > 0;
  const lists = new Set<number>();
  const plainWrites = new Set<number>();
  let registerKey = -1;
  let writes = 0;
  for (let id = 0; id < h.size; id++) {
    opStart[id] = b.op.length;
    const status = h.status[id]!;
    // Lone events and named processes (a nemesis, a replica) are not clients' reads and writes.
    if (status === Status.event || isNamedProcess(h, id)) continue;
    const txn = hasTxns ? h.txns.get(id) : undefined;
    if (txn !== undefined) {
      if (addTxn(txn, status, id, keys, b, { unsupported, lists, plainWrites })) writes++;
      continue;
    }
    let key = h.key[id]!;
    if (key < 0) {
      if (registerKey < 0) registerKey = keys.id(null);
      key = registerKey;
    }
    const f = h.f[id]!;
    const kind = fKind[f]!;
    const value = h.value[id];
    if (kind === "read") {
      if (status === Status.ok) b.push(id, key, Access.read, value, true);
    } else if (kind === "write" || kind === "append") {
      (kind === "write" ? plainWrites : lists).add(key);
      if (status !== Status.fail) b.push(id, key, Access.write, value, true);
    } else if (kind === "cas" && Array.isArray(value) && value.length === 2) {
      if (status === Status.ok) b.push(id, key, Access.read, value[0], false);
      if (status !== Status.fail) b.push(id, key, Access.write, value[1], true);
    } else markUnsupported(unsupported, key, id, h.fs[f]!);
    if (kind === "write" || kind === "append" || kind === "cas") writes++;
  }
  opStart[h.size] = b.op.length;
  checkLists(b, lists, plainWrites, unsupported, h);
  const size = b.op.length;
  const op = b.op.freeze();
  const ownVersion = b.ownVersion(op);
  const all: Accesses = {
    size,
    op,
    key: finishIds(b.key, keys.values.length),
    kind: b.kind.freeze(),
    // Exactly sized: a pushed array keeps up to half its length again as spare capacity.
    value: b.value.slice(),
    opVersion: h.version,
    ...(ownVersion === undefined ? {} : { ownVersion }),
    vectors: b.vectors,
    keys: keys.values,
    opStart,
    unsupported,
    lists,
    writes,
  };
  return unsupported.size === 0 ? all : withoutKeys(all, unsupported);
}

/** Drops every access of the given keys: a list-append or counter key is no register. */
function withoutKeys(acc: Accesses, drop: ReadonlyMap<number, unknown>): Accesses {
  const keep: number[] = [];
  const opStart = new Int32Array(acc.opStart.length);
  let op = 0;
  for (let a = 0; a < acc.size; a++) {
    while (op < acc.op[a]!) opStart[++op] = keep.length;
    if (!drop.has(acc.key[a]!)) keep.push(a);
  }
  while (op < opStart.length - 1) opStart[++op] = keep.length;
  const vectors = new Map<number, VersionVector>();
  keep.forEach((a, i) => {
    const v = acc.vectors.get(a);
    if (v !== undefined) vectors.set(i, v);
  });
  const { ownVersion, ...rest } = acc;
  return {
    ...rest,
    size: keep.length,
    op: Int32Array.from(keep, (a) => acc.op[a]!),
    key: narrowIds(
      keep.map((a) => acc.key[a]!),
      acc.keys.length,
    ),
    kind: Uint8Array.from(keep, (a) => acc.kind[a]!),
    value: keep.map((a) => acc.value[a]),
    ...(ownVersion === undefined
      ? {}
      : { ownVersion: Float64Array.from(keep, (a) => ownVersion[a]!) }),
    vectors,
    opStart,
  };
}

/**
 * A key with appends is a list only if every read of it returns a list (or nothing) and no
 * plain write replaces it; otherwise (string appends, as in Porcupine's kv) it is unsupported.
 * In a history with lists, a key that is only ever read, always as a list, is a list too
 * (Elle reads keys nobody appended to, and gets []).
 */
function checkLists(
  b: AccessColumns,
  lists: Set<number>,
  plainWrites: ReadonlySet<number>,
  unsupported: Map<number, { op: number; f: string; count: number }>,
  h: History,
): void {
  if (lists.size === 0) return;
  const written = new Set<number>();
  const readOnly = new Map<number, boolean>();
  for (let a = 0; a < b.op.length; a++) {
    const key = b.key.get(a);
    if (b.kind.get(a) === Access.write) written.add(key);
    else if (!lists.has(key))
      readOnly.set(key, (readOnly.get(key) ?? true) && Array.isArray(b.value[a]));
  }
  for (const [key, allLists] of readOnly) if (allLists && !written.has(key)) lists.add(key);
  for (let a = 0; a < b.op.length; a++) {
    const key = b.key.get(a);
    if (!lists.has(key)) continue;
    const v = b.value[a];
    const bad =
      plainWrites.has(key) || (b.kind.get(a) === Access.read && v !== null && !Array.isArray(v));
    if (!bad) continue;
    lists.delete(key);
    markUnsupported(unsupported, key, b.op.get(a), h.fs[h.f[b.op.get(a)]!]!);
  }
}

function addTxn(
  txn: readonly (readonly [string, unknown, unknown])[],
  status: number,
  id: number,
  keys: Interner<unknown>,
  b: AccessColumns,
  sets: {
    unsupported: Map<number, { op: number; f: string; count: number }>;
    lists: Set<number>;
    plainWrites: Set<number>;
  },
): boolean {
  const written = new Set<number>();
  for (const [mf, mk, mv] of txn) {
    const key = keys.id(mk);
    const kind = fClass(mf);
    if (kind === "read") {
      if (status === Status.ok && !written.has(key)) b.push(id, key, Access.read, mv, false);
    } else if (kind === "write" || kind === "append") {
      written.add(key);
      (kind === "write" ? sets.plainWrites : sets.lists).add(key);
      if (status !== Status.fail) b.push(id, key, Access.write, mv, false);
    } else markUnsupported(sets.unsupported, key, id, mf);
  }
  return written.size > 0;
}

function markUnsupported(
  map: Map<number, { op: number; f: string; count: number }>,
  key: number,
  op: number,
  f: string,
): void {
  const seen = map.get(key);
  if (seen) seen.count++;
  else map.set(key, { op, f, count: 1 });
}
