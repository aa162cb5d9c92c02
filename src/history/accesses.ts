/**
 * Register accesses: every client op flattened to the reads and writes of keys it performed.
 * A read/write/get/put is one access; an ok cas [from, to] reads `from` and writes `to`;
 * a transaction's micro-ops (["r", k, v], ["w", k, v]) are one access each, except reads of
 * a key the same transaction already wrote (internal reads). Appends (Elle's list-append:
 * ["append", k, v], whose reads return lists) are writes of v to a list key. Ops on a key
 * that are neither (add, incr, string appends, ...) mark the key as unsupported, so that
 * register checks say unknown for it instead of misreading it.
 */
import { Float64Column, Int32Column, Interner, Uint8Column } from "./columns.js";
import { type History, Status, type VersionVector } from "./model.js";
import { fClass, isNamedProcess } from "./vocabulary.js";

export const Access = { read: 1, write: 2 } as const;

export interface Accesses {
  readonly size: number;
  readonly op: Int32Array;
  readonly key: Int32Array;
  readonly kind: Uint8Array;
  readonly value: readonly unknown[];
  /** The access's own numeric version (the op's), NaN if none. */
  readonly version: Float64Array;
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

/** Column storage for accesses while they are collected. */
class AccessColumns {
  readonly op: Int32Column;
  readonly key: Int32Column;
  readonly kind: Uint8Column;
  readonly version: Float64Column;
  readonly value: unknown[] = [];
  readonly vectors = new Map<number, VersionVector>();
  constructor(
    private readonly h: History,
    capacity: number,
  ) {
    this.op = new Int32Column(capacity);
    this.key = new Int32Column(capacity);
    this.kind = new Uint8Column(capacity);
    this.version = new Float64Column(capacity);
  }
  /** The op's version belongs to its one access; a cas's to its write, a transaction's to none. */
  push(id: number, key: number, kind: number, value: unknown, versioned: boolean): void {
    const a = this.op.push(id);
    this.key.push(key);
    this.kind.push(kind);
    this.value.push(value);
    this.version.push(versioned ? this.h.version[id]! : Number.NaN);
    if (versioned && this.h.vectors.size > 0) {
      const vec = this.h.vectors.get(id);
      if (vec !== undefined) this.vectors.set(a, vec);
    }
  }
}

export function buildAccesses(h: History): Accesses {
  const keys = new Interner<unknown>();
  for (const k of h.keys) keys.id(k);
  const b = new AccessColumns(h, h.size + 16);
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
  const all: Accesses = {
    size: b.op.length,
    op: b.op.freeze(),
    key: b.key.freeze(),
    kind: b.kind.freeze(),
    value: b.value,
    version: b.version.freeze(),
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
  return {
    ...acc,
    size: keep.length,
    op: Int32Array.from(keep, (a) => acc.op[a]!),
    key: Int32Array.from(keep, (a) => acc.key[a]!),
    kind: Uint8Array.from(keep, (a) => acc.kind[a]!),
    value: keep.map((a) => acc.value[a]),
    version: Float64Array.from(keep, (a) => acc.version[a]!),
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
