/**
 * The normalised history: one entry per operation (an invocation paired with its completion),
 * stored column by column in typed arrays so that a million ops fit in a few hundred MB.
 * Positions are event ordinals in the source: the history's order is its real-time order,
 * as in Jepsen; `time` is carried for reports only.
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
  /** Numeric version written or observed, NaN if none. */
  readonly version: Float64Array;
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
