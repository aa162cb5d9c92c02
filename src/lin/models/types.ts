/**
 * A linearizability model is a record of pure functions over a sequential object (Wing &
 * Gong 1993; Porcupine's Model): which f names it reads, how a history splits into
 * independent objects (P-compositionality, Horn & Kroening 2015), and, per object, a
 * `Machine` with init and step. Machines intern their states to small integers, so that the
 * search core hashes and compares states as numbers; each model's own hash and equality
 * live in that interning (see states.ts).
 */
import type { History, MicroOp } from "../../history/model.js";

/** What an op would have needed to take effect, as data for explanations. */
export interface Need {
  /** The micro-op or op that failed: "read", "cas", "acquire", "release", "dequeue", ... */
  what: string;
  key?: unknown;
  /** The value the op observed or required (a read's result, a cas's expected value). */
  wanted?: unknown;
  /** What the object holds instead, at that key when there is one. */
  found?: unknown;
}

/** Why an op cannot be read by a model: an f (or micro-op f) it has no op for, or a value of the wrong shape. */
export interface Unreadable {
  unreadable: "unknown-op" | "bad-value";
  f: string;
  /** For a bad value: the shape it needs, as a noun phrase ("a list [from to]"), and the value found. */
  expected?: string;
  value?: unknown;
}

/**
 * One op as a machine reads it: plain data (its f without a leading ":", key, value and
 * micro-ops), so that an object's ops can be searched on another thread.
 */
export interface LinOp {
  f: string;
  key: unknown;
  value: unknown;
  txn?: readonly MicroOp[];
}

/** The sequential object behind one partition (a set of keys). */
export interface Machine<I = unknown> {
  /** The initial state. */
  readonly init: number;
  /**
   * The step input of `op`, `null` when the op cannot matter (a read whose result is
   * unknown), or why the model cannot read it. `indeterminate`: the op may or may not have
   * taken effect (info, or never completed); its step must then be legal in every state.
   */
  read(op: LinOp, indeterminate: boolean): I | null | Unreadable;
  /** The state after `input` takes effect in `state`, or -1 when it cannot. */
  step(state: number, input: I): number;
  /** True for an input that never changes any state (a read): the search commits to it. */
  readOnly?(input: I): boolean;
  /** The state as plain data (a value, a map of keys to values, a list). */
  show(state: number): unknown;
  /** Why `input` cannot take effect in `state`, or undefined when it can. */
  need(state: number, input: I): Need | undefined;
  /** Approximate bytes held by interned values and states, counted against the memory bound. */
  bytes?(): number;
  /**
   * A proof, found without searching, that no order allows the ops (`inputs`, with their
   * events' positions; ret +Infinity: may take effect later, or never); undefined proves nothing.
   */
  refute?(inputs: readonly I[], call: Float64Array, ret: Float64Array): Refutation | undefined;
}

/** A stale read (stale-read.ts), by op index: `write` precedes `read`, after every write in `sources`. */
export interface Refutation {
  read: number;
  write: number;
  sources: number[];
}

export interface Model<I = unknown> {
  readonly id: string;
  readonly title: string;
  /** The op names the model reads (without a leading ":"), used to infer the model. */
  readonly fs: readonly string[];
  /** The initial value when the history and the options do not give one. */
  readonly defaultInitial: unknown;
  /** The keys op `id` touches; ops sharing a key are checked together. Absent: one object. */
  keysOf?(h: History, id: number): readonly unknown[] | Unreadable;
  /** A machine for the object made of `keys` (all keys of a partition), each key starting at `initial(key)`. */
  machine(keys: readonly unknown[], initial: (key: unknown) => unknown): Machine<I>;
  /**
   * In words, the object's state after the longest linearizable prefix and what the op
   * needed (`null`: it could take effect, but nothing could follow): "key x holds 1; the
   * read would need 2".
   */
  describeFailure(state: unknown, need: Need | null, keys: readonly unknown[]): string;
}
