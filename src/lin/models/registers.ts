/**
 * The machinery shared by the register models (register, cas-register, kv): a map of
 * registers, one per key of the partition, each holding a value. Reads must return the
 * current value; writes replace it; a cas [from to] needs `from`; an append concatenates
 * (Porcupine's kv model). An indeterminate cas that does not match is a no-op, which is the
 * same as never happening, since its effect can always be placed after everything else.
 */
import { keyPhrase, showKey, showPair, showValue } from "../../history/show.js";
import { type FClass, fClass, opKey, valueKey } from "../../history/vocabulary.js";
import { findStaleRead, type TextOp } from "./stale-read.js";
import { RegisterStates, Values } from "./states.js";
import type { LinOp, Machine, Model, Need, Refutation, Unreadable } from "./types.js";

export const Kind = { read: 0, write: 1, cas: 2, append: 3 } as const;
export type KindCode = (typeof Kind)[keyof typeof Kind];
const kindNames = ["read", "write", "cas", "append"] as const;

/** An op as a register reads it: values are raw; the machine interns them. */
export interface ParsedOp {
  kind: KindCode;
  a?: unknown;
  b?: unknown;
}

/**
 * An op as the machine steps it. A class, not an object literal: V8 gives literals that start
 * with the same property names one layout, so a `{ kind: "get", ... }` made elsewhere (the
 * stale-read proof's ops, run between rounds) would widen this one's `kind`, and throw away the
 * search's compiled code in the middle of the search.
 */
export class RegisterInput {
  constructor(
    readonly kind: KindCode,
    readonly slot: number,
    readonly a: number,
    readonly b: number,
    readonly indeterminate: boolean,
  ) {}
}

export interface RegisterSpec {
  id: string;
  title: string;
  fs: readonly string[];
  defaultInitial: unknown;
  /** Whether stale gets are proven without searching (stale-read.ts: kv's reads, writes and appends of strings). */
  refutes?: boolean;
  /** Reads f's class and value; `null` when the op cannot matter; `undefined` if the model has no such op. */
  parse(
    f: FClass,
    value: unknown,
    indeterminate: boolean,
  ): ParsedOp | null | Unreadable | undefined;
}

export function registerModel(spec: RegisterSpec): Model<RegisterInput> {
  return {
    id: spec.id,
    title: spec.title,
    fs: spec.fs,
    defaultInitial: spec.defaultInitial,
    keysOf: (h, id) => [opKey(h, id)],
    machine: (keys, initial) => new RegisterMachine(spec, keys, initial),
    describeFailure: describeRegisterFailure,
  };
}

class RegisterMachine implements Machine<RegisterInput> {
  readonly init: number;
  private readonly values = new Values();
  private readonly states: RegisterStates;
  private readonly slots = new Map<unknown, number>();

  constructor(
    private readonly spec: RegisterSpec,
    private readonly keys: readonly unknown[],
    initial: (key: unknown) => unknown,
  ) {
    for (const [i, k] of keys.entries()) this.slots.set(valueKey(k ?? null), i);
    const slots = keys.length > 0 ? keys : [null];
    this.states = new RegisterStates(slots.map((k) => this.values.id(initial(k ?? null))));
    this.init = this.states.init;
  }

  bytes(): number {
    return this.values.bytes + this.states.bytes;
  }

  read(op: LinOp, indeterminate: boolean): RegisterInput | null | Unreadable {
    const parsed = this.spec.parse(fClass(op.f), op.value, indeterminate);
    if (parsed === undefined) return { unreadable: "unknown-op", f: op.f };
    if (parsed === null || "unreadable" in parsed) return parsed;
    const slot = this.slots.get(valueKey(op.key ?? null)) ?? 0;
    const a = this.values.id(parsed.a);
    const b = parsed.kind === Kind.cas ? this.values.id(parsed.b) : -1;
    return new RegisterInput(parsed.kind, slot, a, b, indeterminate);
  }

  step(state: number, op: RegisterInput): number {
    const cur = this.states.get(state, op.slot);
    switch (op.kind) {
      case Kind.read:
        return cur === op.a ? state : -1;
      case Kind.write:
        return this.states.set(state, op.slot, op.a);
      case Kind.cas:
        if (cur === op.a) return this.states.set(state, op.slot, op.b);
        return op.indeterminate ? state : -1;
      default:
        return this.states.set(state, op.slot, this.values.concat(cur, op.a));
    }
  }

  refute(
    inputs: readonly RegisterInput[],
    call: Float64Array,
    ret: Float64Array,
  ): Refutation | undefined {
    if (this.spec.refutes !== true) return undefined;
    const ops: TextOp[] = [];
    for (const [i, op] of inputs.entries()) {
      const text = this.values.value(op.a);
      if (op.kind === Kind.cas || typeof text !== "string") return undefined;
      const kind = op.kind === Kind.read ? "get" : op.kind === Kind.write ? "put" : "append";
      ops.push({ kind, slot: op.slot, text, call: call[i]!, ret: ret[i]! });
    }
    const initials = this.states.all(this.init).map((id) => {
      const v = this.values.value(id);
      return typeof v === "string" ? v : undefined;
    });
    return findStaleRead(ops, initials);
  }

  readOnly(op: RegisterInput): boolean {
    return op.kind === Kind.read;
  }

  show(state: number): unknown {
    const ids = this.states.all(state);
    if (this.keys.length <= 1) return this.values.value(ids[0]!);
    return this.keys.map((k, i) => [k, this.values.value(ids[i]!)]);
  }

  need(state: number, op: RegisterInput): Need | undefined {
    if (this.step(state, op) >= 0) return undefined;
    const need: Need = {
      what: kindNames[op.kind],
      wanted: this.values.value(op.a),
      found: this.values.value(this.states.get(state, op.slot)),
    };
    const key = this.keys[op.slot];
    if (key !== null && key !== undefined) need.key = key;
    return need;
  }
}

/** "key x holds 1; the read would need 2", for every model of registers (one key, or several). */
export function describeRegisterFailure(
  state: unknown,
  need: Need | null,
  keys: readonly unknown[],
): string {
  if (need === null) return `${holdsAll(state, keys)}; ${nothingFollows}`;
  const [found, wanted] = showPair(need.found, need.wanted);
  const key = need.key !== undefined ? need.key : keys.length === 1 ? keys[0] : null;
  return `${keyPhrase(key)} holds ${found}; the ${need.what} would need ${wanted}`;
}

export const nothingFollows =
  "the op could take effect there, but no order of the remaining ops can follow it";

function holdsAll(state: unknown, keys: readonly unknown[]): string {
  if (keys.length <= 1) return `${keyPhrase(keys[0])} holds ${showValue(state)}`;
  const pairs = (state as [unknown, unknown][]).map(([k, v]) => `${showKey(k)} = ${showValue(v)}`);
  return `the registers hold ${pairs.join(", ")}`;
}
