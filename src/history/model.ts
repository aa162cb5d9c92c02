/**
 * The normalised history: one entry per operation (an invocation paired with its completion),
 * stored column by column in typed arrays so that a million ops fit in a few hundred MB.
 * Positions are event ordinals in the source: the history's order is its real-time order,
 * as in Jepsen; `time` is carried for reports only (it may go backwards).
 *
 * Integers beyond 2^53 are read exactly, as bigints. In keys and values they stay bigints
 * (distinct from every number and string: see vocabulary.ts valueKey). The `version` column
 * is a Float64Array, which cannot hold them: when any numeric version is a bigint, the column
 * holds every numeric version's rank instead (same order, same equalities) and
 * `versionValues` the exact versions, for display (`exactVersion`). A bigint time is stored as
 * its nearest double, and exactly in `bigTimes` (`exactTime`).
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
  /** Present when the values looked like Jepsen independent [key value] tuples: which reading was chosen. */
  readonly independentKeys?: IndependentKeys;
}

/**
 * How a keyless history of [key value] tuples was read: split into keys and values (detected,
 * or `forced`), or kept as values of one register because the ops carry `evidence` of that.
 */
export interface IndependentKeys {
  split: boolean;
  forced?: boolean;
  evidence?: "version" | "node" | "session";
}

/** The exact numeric version of an op, for display (the column may hold ranks), or undefined. */
export function exactVersion(h: History, id: number): number | bigint | undefined {
  const v = h.version[id]!;
  if (Number.isNaN(v)) return undefined;
  return h.versionValues?.get(id) ?? v;
}

/** The exact time of an op's completion (or of its invocation, if it never completed), or undefined. */
export function exactTime(h: History, id: number): number | bigint | undefined {
  const done = h.cmpPos[id]! >= 0;
  const big = h.bigTimes?.get(id);
  const exact = done ? big?.cmp : big?.inv;
  if (exact !== undefined) return exact;
  const t = done ? h.cmpTime[id]! : h.invTime[id]!;
  return Number.isNaN(t) ? undefined : t;
}
