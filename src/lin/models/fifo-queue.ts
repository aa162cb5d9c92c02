/**
 * A FIFO queue (Knossos's `fifo-queue`): enqueue appends, dequeue removes the head and
 * returns it; a dequeue that returns nil observed an empty queue. A dequeue of unknown
 * outcome removes the head if there is one. The state is the interned list of element ids.
 */
import { showValue } from "../../history/show.js";
import { fClass } from "../../history/vocabulary.js";
import { nothingFollows } from "./registers.js";
import { hashVector, Values, VectorTable } from "./states.js";
import type { LinOp, Machine, Model, Need, Unreadable } from "./types.js";

interface QueueInput {
  enqueue: boolean;
  /** The element enqueued or dequeued; -1 for an empty dequeue. */
  element: number;
  indeterminate: boolean;
}

class QueueMachine implements Machine<QueueInput> {
  readonly init: number;
  private readonly values = new Values();
  private readonly table = new VectorTable();

  constructor(initial: unknown) {
    this.init = this.make((Array.isArray(initial) ? initial : []).map((x) => this.values.id(x)));
  }

  bytes(): number {
    return this.values.bytes + this.table.bytes;
  }

  read(op: LinOp, indeterminate: boolean): QueueInput | Unreadable {
    const c = fClass(op.f);
    if (c !== "enqueue" && c !== "dequeue") return { unreadable: "unknown-op", f: op.f };
    const v = op.value;
    const element = v === null || v === undefined ? -1 : this.values.id(v);
    return { enqueue: c === "enqueue", element, indeterminate };
  }

  step(state: number, op: QueueInput): number {
    const cur = this.table.get(state);
    if (op.enqueue) return this.make([...cur, op.element]);
    if (op.indeterminate) return cur.length === 0 ? state : this.make([...cur.subarray(1)]);
    if (op.element < 0) return cur.length === 0 ? state : -1;
    return cur[0] === op.element ? this.make([...cur.subarray(1)]) : -1;
  }

  /** A dequeue that saw an empty queue changes nothing. */
  readOnly(op: QueueInput): boolean {
    return !op.enqueue && !op.indeterminate && op.element < 0;
  }

  private make(list: number[]): number {
    return this.table.id(list, list.length, hashVector(list));
  }

  show(state: number): unknown {
    return [...this.table.get(state)].map((id) => this.values.value(id));
  }

  need(state: number, op: QueueInput): Need | undefined {
    if (this.step(state, op) >= 0) return undefined;
    const head = this.table.get(state)[0];
    return {
      what: "dequeue",
      wanted: op.element < 0 ? null : this.values.value(op.element),
      found: head === undefined ? null : this.values.value(head),
    };
  }
}

export const fifoQueue: Model<QueueInput> = {
  id: "fifo-queue",
  title: "FIFO queue",
  fs: ["enqueue", "dequeue"],
  defaultInitial: [],
  machine: (_keys, initial) => new QueueMachine(initial(null)),
  describeFailure(state, need) {
    if (need === null) return `the queue holds ${showValue(state)}; ${nothingFollows}`;
    if (need.wanted === null) {
      return `the queue's head is ${showValue(need.found)}, but the dequeue found it empty`;
    }
    const head =
      need.found === null ? "the queue is empty" : `the queue's head is ${showValue(need.found)}`;
    return `${head}; the dequeue would need ${showValue(need.wanted)} at its head`;
  },
};
