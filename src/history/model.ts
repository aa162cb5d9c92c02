/**
 * The normalised history: one entry per operation (an invocation paired with its completion),
 * stored column by column in typed arrays so that a million ops fit in a few hundred MB.
 * Positions are event ordinals in the source: the history's order is its real-time order,
 * as in Jepsen; `time` is carried for reports only (it may go backwards).
 *
 * Integers beyond 2^53 are read exactly, as bigints. In keys and values they stay bigints
 * (distinct from every number and string: see columns.ts valueKey). The `version` column is
 * a Float64Array, which cannot hold them: when any numeric version is a bigint, the column
 * holds every numeric version's rank instead (same order, same equalities) and
 * `versionValues` the exact versions, for display; `viewOp` shows those. A bigint time is
 * stored as its nearest double, and exactly in `bigTimes`.
 */

export const Status = { ok: 0, fail: 1, info: 2, event: 3 } as const;
export const statusNames = ["ok", "fail", "info", "event"] as const;
export type StatusName = (typeof statusNames)[number];

/** A version vector: replica id to counter. */
export type VersionVector = ReadonlyMap<string, number>;

/** A micro-op of a transaction, Elle's notation: ["append", k, v], ["r", k, [..]], ["w", k, v]. */
export type MicroOp = readonly [f: string, key: unknown, value: unknown];

export interface History {
  readonly file: string;
  /** The format it was read as (json, jsonl, edn, jepsen-log; "events" for event objects). */
  readonly format?: string;
  readonly size: number;
  /** Status of the op: ok, fail, info (indeterminate, including never completed), event (a lone replica/nemesis event). */
  readonly status: Uint8Array;
  readonly process: Int32Array;
  readonly processes: readonly (string | number)[];
  readonly session: Int32Array;
  readonly sessions: readonly (string | number)[];
  readonly f: Int32Array;
  readonly fs: readonly string[];
  /** The replica that served the op, -1 if not recorded. */
  readonly node: Int32Array;
  readonly nodes: readonly string[];
  /** The op's key, -1 if it has none (a single-register history, or a transaction). */
  readonly key: Int32Array;
  readonly keys: readonly unknown[];
  /** Event ordinals of invocation and completion (-1: never completed). */
  readonly invPos: Int32Array;
  readonly cmpPos: Int32Array;
  /** The `index` field of the invocation and completion events (their ordinal if absent). */
  readonly invIndex: Float64Array;
  readonly cmpIndex: Float64Array;
  readonly invLine: Int32Array;
  readonly cmpLine: Int32Array;
  readonly invTime: Float64Array;
  readonly cmpTime: Float64Array;
  /** Value of the completion if ok (what was read), else of the invocation (what was attempted). */
  readonly value: readonly unknown[];
  /** Numeric version written or observed, NaN if none; its rank if `versionValues` is set. */
  readonly version: Float64Array;
  /** Present when `version` holds ranks: the exact numeric version of each op that has one. */
  readonly versionValues?: ReadonlyMap<number, number | bigint>;
  /** Times beyond 2^53, exactly, of the ops that have them (the time columns hold doubles). */
  readonly bigTimes?: ReadonlyMap<number, { readonly inv?: bigint; readonly cmp?: bigint }>;
  readonly vectors: ReadonlyMap<number, VersionVector>;
  /** Micro-op lists of transactional ops. */
  readonly txns: ReadonlyMap<number, readonly MicroOp[]>;
  /** Fields beyond the core vocabulary (error, datacenter, quorum data), per op, only where present. */
  readonly extras: ReadonlyMap<number, Readonly<Record<string, unknown>>>;
  /** Total number of events read (invocations plus completions plus lone events). */
  readonly events: number;
  /** The values were Jepsen independent [key value] tuples, split into key and value. */
  readonly independent?: boolean;
}

/** A plain view of one op, for reports and tests (not for hot loops). */
export interface OpView {
  id: number;
  index: number;
  line: number;
  status: StatusName;
  process: string | number;
  session: string | number;
  f: string;
  node?: string;
  key?: unknown;
  value: unknown;
  version?: number | bigint | Record<string, number>;
  time?: number | bigint;
}

export function viewOp(h: History, id: number): OpView {
  const done = h.cmpPos[id]! >= 0;
  const view: OpView = {
    id,
    index: done ? h.cmpIndex[id]! : h.invIndex[id]!,
    line: done ? h.cmpLine[id]! : h.invLine[id]!,
    status: statusNames[h.status[id]!]!,
    process: h.processes[h.process[id]!]!,
    session: h.sessions[h.session[id]!]!,
    f: h.fs[h.f[id]!]!,
    value: h.value[id],
  };
  const node = h.node[id]!;
  if (node >= 0) view.node = h.nodes[node]!;
  const key = h.key[id]!;
  if (key >= 0) view.key = h.keys[key];
  const version = h.version[id]!;
  const vector = h.vectors.get(id);
  if (!Number.isNaN(version)) view.version = versionOf(h, id)!;
  else if (vector) view.version = Object.fromEntries([...vector].sort(byKey));
  const time = done ? h.cmpTime[id]! : h.invTime[id]!;
  const big = h.bigTimes?.get(id);
  const exact = done ? big?.cmp : big?.inv;
  if (exact !== undefined) view.time = exact;
  else if (!Number.isNaN(time)) view.time = time;
  return view;
}

/** The exact numeric version of an op (when the column holds ranks, its real value), or undefined. */
export function versionOf(h: History, id: number): number | bigint | undefined {
  const v = h.version[id]!;
  if (Number.isNaN(v)) return undefined;
  return h.versionValues?.get(id) ?? v;
}

function byKey(a: [string, number], b: [string, number]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
