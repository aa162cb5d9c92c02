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
 *
 * Columns are stored only where they carry information, read through accessors: interned ids
 * in the narrowest integer type that holds them; an event's `index` and source line, which
 * usually follow from its position, only when one does not (`indexOf`, `lineOf`); times only
 * when some event has one, as 32-bit integers when they all fit (`timeOf`). Measured on the
 * simulator's 1M-op history: 33 bytes an op of columns, against 73 stored whole.
 */

export const Status = { ok: 0, fail: 1, info: 2, event: 3 } as const;
export const statusNames = ["ok", "fail", "info", "event"] as const;
export type StatusName = (typeof statusNames)[number];

/** A version vector: replica id to counter. */
export type VersionVector = ReadonlyMap<string, number>;

/** A micro-op of a transaction, Elle's notation: ["append", k, v], ["r", k, [..]], ["w", k, v]. */
export type MicroOp = readonly [f: string, key: unknown, value: unknown];

/** Interned ids (-1: none) in the narrowest signed integer type that holds every id. */
export type IdColumn = Int8Array | Int16Array | Int32Array;

/** Which event of an op: its invocation or its completion. */
export type EventSide = "inv" | "cmp";

/**
 * A number of each op's two events that usually follows from the event's position (its source
 * line in a file of one event per line, its `index` in a Jepsen history): `offset` plus the
 * position, unless the columns are present because some event broke the rule.
 */
export interface EventNumbers<A extends Int32Array | Float64Array> {
  readonly offset: number;
  readonly inv?: A;
  readonly cmp?: A;
}

/** In a 32-bit time column, an event without a time. */
export const NO_TIME = -0x80000000;

/** Times of events as 32-bit integers when every one fits (NO_TIME: none), else as doubles (NaN: none). */
export interface EventTimes {
  readonly inv: Int32Array | Float64Array;
  readonly cmp: Int32Array | Float64Array;
}

export interface History {
  readonly file: string;
  /** The format it was read as (json, jsonl, edn, jepsen-log; "events" for event objects). */
  readonly format?: string;
  readonly size: number;
  /** Status of the op: ok, fail, info (indeterminate, including never completed), event (a lone replica/nemesis event). */
  readonly status: Uint8Array;
  readonly process: IdColumn;
  readonly processes: readonly (string | number)[];
  readonly session: IdColumn;
  readonly sessions: readonly (string | number)[];
  readonly f: IdColumn;
  readonly fs: readonly string[];
  /** The replica that served the op, -1 if not recorded. */
  readonly node: IdColumn;
  readonly nodes: readonly string[];
  /** The op's key, -1 if it has none (a single-register history, or a transaction). */
  readonly key: IdColumn;
  readonly keys: readonly unknown[];
  /** Event ordinals of invocation and completion (-1: never completed). */
  readonly invPos: Int32Array;
  readonly cmpPos: Int32Array;
  /** The `index` field of each event (its ordinal if absent): read with `indexOf`. */
  readonly indices: EventNumbers<Float64Array>;
  /** The source line of each event: read with `lineOf`. */
  readonly lines: EventNumbers<Int32Array>;
  /** Present when some event has a time: read with `timeOf`. */
  readonly times?: EventTimes;
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
  const side = h.cmpPos[id]! >= 0 ? "cmp" : "inv";
  const exact = h.bigTimes?.get(id)?.[side];
  if (exact !== undefined) return exact;
  const t = timeOf(h, id, side);
  return Number.isNaN(t) ? undefined : t;
}

/** The time of an op's invocation or completion, NaN if it has none (or never completed). */
export function timeOf(h: History, id: number, side: EventSide): number {
  const column = h.times?.[side];
  if (column === undefined || (side === "cmp" && h.cmpPos[id]! < 0)) return Number.NaN;
  const t = column[id]!;
  return t === NO_TIME && column instanceof Int32Array ? Number.NaN : t;
}

/** The source line of an op's invocation or completion (-1 for a completion that never came). */
export function lineOf(h: History, id: number, side: EventSide): number {
  return eventNumber(h, h.lines, id, side, -1);
}

/** The `index` of an op's invocation or completion (NaN for a completion that never came). */
export function indexOf(h: History, id: number, side: EventSide): number {
  return eventNumber(h, h.indices, id, side, Number.NaN);
}

function eventNumber(
  h: History,
  numbers: EventNumbers<Int32Array | Float64Array>,
  id: number,
  side: EventSide,
  none: number,
): number {
  const pos = side === "inv" ? h.invPos[id]! : h.cmpPos[id]!;
  if (pos < 0) return none;
  const column = numbers[side];
  return column === undefined ? pos + numbers.offset : column[id]!;
}
