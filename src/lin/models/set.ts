/**
 * A set (Knossos's `set`): add inserts an element; a read returns every element added so
 * far, no more and no fewer. The state is the sorted list of element ids, interned.
 */
import { showValue } from "../../history/show.js";
import { fClass } from "../../history/vocabulary.js";
import { nothingFollows } from "./registers.js";
import { hashVector, Values, VectorTable } from "./states.js";
import type { LinOp, Machine, Model, Need, Unreadable } from "./types.js";

interface SetInput {
  add: boolean;
  /** The element added, or the sorted element ids read. */
  elements: readonly number[];
}

class SetMachine implements Machine<SetInput> {
  readonly init: number;
  private readonly values = new Values();
  private readonly table = new VectorTable();

  constructor(initial: unknown) {
    const ids = sortedIds((Array.isArray(initial) ? initial : []).map((x) => this.values.id(x)));
    this.init = this.table.id(ids, ids.length, hashVector(ids));
  }

  bytes(): number {
    return this.values.bytes + this.table.bytes;
  }

  read(op: LinOp, indeterminate: boolean): SetInput | null | Unreadable {
    const { f, value: v } = op;
    if (fClass(f) === "add") return { add: true, elements: [this.values.id(v)] };
    if (fClass(f) !== "read") return { unreadable: "unknown-op", f };
    if (indeterminate) return null;
    if (!Array.isArray(v))
      return { unreadable: "bad-value", f, expected: "a list of elements", value: v };
    return { add: false, elements: sortedIds(v.map((x) => this.values.id(x))) };
  }

  step(state: number, op: SetInput): number {
    const cur = this.table.get(state);
    if (!op.add) return sameList(cur, op.elements) ? state : -1;
    const e = op.elements[0]!;
    if (cur.includes(e)) return state;
    const next = sortedIds([...cur, e]);
    return this.table.id(next, next.length, hashVector(next));
  }

  readOnly(op: SetInput): boolean {
    return !op.add;
  }

  show(state: number): unknown {
    return [...this.table.get(state)].map((id) => this.values.value(id));
  }

  need(state: number, op: SetInput): Need | undefined {
    if (this.step(state, op) >= 0) return undefined;
    return {
      what: "read",
      wanted: op.elements.map((id) => this.values.value(id)),
      found: this.show(state),
    };
  }
}

function sortedIds(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function sameList(a: ArrayLike<number>, b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const set: Model<SetInput> = {
  id: "set",
  title: "Set",
  fs: ["add", "read"],
  defaultInitial: [],
  machine: (_keys, initial) => new SetMachine(initial(null)),
  describeFailure(state, need) {
    if (need === null) return `the set holds ${showValue(state)}; ${nothingFollows}`;
    return `the set holds ${showValue(need.found)}; the read would need ${showValue(need.wanted)}`;
  },
};
