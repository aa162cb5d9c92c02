/**
 * Knossos's multi-register: registers on several keys, each op a transaction of micro-ops
 * [["read" k v] ["write" k v] ...] applied atomically and in order. Keys read or written
 * together form one object; disjoint groups of keys are checked apart (P-compositionality,
 * Horn & Kroening 2015). A transaction of unknown outcome keeps only its writes.
 */

import type { History } from "../../history/model.js";
import { bareF, fClass, valueKey } from "../../history/vocabulary.js";
import { describeRegisterFailure } from "./registers.js";
import { RegisterStates, Values } from "./states.js";
import type { LinOp, Machine, Model, Need, Unreadable } from "./types.js";

interface MicroInput {
  write: boolean;
  slot: number;
  value: number;
}

type TxnInput = MicroInput[];

function microOps(op: LinOp): readonly (readonly unknown[])[] | Unreadable {
  const txn = op.txn ?? op.value;
  if (!Array.isArray(txn) || !txn.every((m) => Array.isArray(m) && m.length === 3)) {
    return {
      unreadable: "bad-value",
      f: "txn",
      expected: "a list of micro-ops [f key value]",
      value: txn,
    };
  }
  return txn as unknown[][];
}

function keysOf(h: History, id: number): readonly unknown[] | Unreadable {
  const ops = microOps({ f: "txn", key: null, value: h.value[id], txn: h.txns.get(id) });
  return "unreadable" in ops ? ops : ops.map((m) => m[1]);
}

class MultiRegisterMachine implements Machine<TxnInput> {
  readonly init: number;
  private readonly values = new Values();
  private readonly states: RegisterStates;
  private readonly slots = new Map<unknown, number>();

  constructor(
    private readonly keys: readonly unknown[],
    initial: (key: unknown) => unknown,
  ) {
    for (const [i, k] of keys.entries()) this.slots.set(valueKey(k), i);
    const slots = keys.length > 0 ? keys : [null];
    this.states = new RegisterStates(slots.map((k) => this.values.id(initial(k))));
    this.init = this.states.init;
  }

  bytes(): number {
    return this.values.bytes + this.states.bytes;
  }

  read(op: LinOp, indeterminate: boolean): TxnInput | null | Unreadable {
    const ops = microOps(op);
    if ("unreadable" in ops) return ops;
    const input: TxnInput = [];
    for (const m of ops) {
      const f = bareF(String(m[0]));
      const write = fClass(f) === "write";
      if (!write && fClass(f) !== "read") return { unreadable: "unknown-op", f };
      if (indeterminate && !write) continue;
      input.push({
        write,
        slot: this.slots.get(valueKey(m[1])) ?? 0,
        value: this.values.id(m[2]),
      });
    }
    return input.length === 0 ? null : input;
  }

  step(state: number, txn: TxnInput): number {
    let s = state;
    for (const m of txn) {
      if (m.write) s = this.states.set(s, m.slot, m.value);
      else if (this.states.get(s, m.slot) !== m.value) return -1;
    }
    return s;
  }

  readOnly(txn: TxnInput): boolean {
    return txn.every((m) => !m.write);
  }

  show(state: number): unknown {
    const ids = this.states.all(state);
    return this.keys.map((k, i) => [k, this.values.value(ids[i]!)]);
  }

  need(state: number, txn: TxnInput): Need | undefined {
    let s = state;
    for (const m of txn) {
      if (m.write) s = this.states.set(s, m.slot, m.value);
      else if (this.states.get(s, m.slot) !== m.value) {
        const found = this.values.value(this.states.get(s, m.slot));
        return { what: "read", key: this.keys[m.slot], wanted: this.values.value(m.value), found };
      }
    }
    return undefined;
  }
}

export const multiRegister: Model<TxnInput> = {
  id: "multi-register",
  title: "Multi-register",
  fs: ["txn"],
  // Knossos's multi-register test starts every key at 0 ({:x 0 :y 0}); its data agrees.
  defaultInitial: 0,
  keysOf,
  machine: (keys, initial) => new MultiRegisterMachine(keys, initial),
  describeFailure: describeRegisterFailure,
};
