/**
 * Where a simulation's results go: history events, numbered in the order they happen, and
 * ground-truth labels. A label about a client op cites the op's completion index, so a label
 * found before the op completes waits for it; an op that does not complete ok (fail, info)
 * is not a fact a checker could hold against the history, and its labels are dropped.
 */
import type { ClientOp, WriteRec } from "./world.js";

/** One line of the history: a Jepsen op map with Causeway's replication fields. */
export interface HistoryEvent {
  index: number;
  type: "invoke" | "ok" | "fail" | "info";
  process: string | number;
  [field: string]: unknown;
}

/** One line of the ground truth: the op (by completion index) and what is wrong with it. */
export interface TruthLabel {
  index: number;
  checker: string;
  kind: string;
  [detail: string]: unknown;
}

export interface Output {
  /** Numbers the event (its `index` field must come first and is overwritten) and queues it. */
  emit(ev: HistoryEvent): number;
  /** A label about the event or op completed at `index`. */
  label(index: number, checker: string, kind: string, details?: Record<string, unknown>): void;
  /** A label about a client op, kept until the op completes. */
  labelOp(op: ClientOp, checker: string, kind: string, details?: Record<string, unknown>): void;
  /** A label about a write: its op's completion index if acknowledged, else kept until its op completes. */
  labelWrite(w: WriteRec, checker: string, kind: string, details?: Record<string, unknown>): void;
  /** Called once the op has completed: releases or drops its waiting labels. */
  completed(op: ClientOp): void;
  takeEvents(): HistoryEvent[];
  takeLabels(): TruthLabel[];
  readonly events: number;
}

export function createOutput(): Output {
  let events: HistoryEvent[] = [];
  let labels: TruthLabel[] = [];
  let next = 0;
  const waiting = new Map<ClientOp, TruthLabel[]>();
  const label: Output["label"] = (index, checker, kind, details) => {
    labels.push({ index, checker, kind, ...details });
  };
  const labelOp: Output["labelOp"] = (op, checker, kind, details) => {
    if (op.done) {
      if (op.ok) label(op.index, checker, kind, details);
      return;
    }
    const list = waiting.get(op);
    const l = { index: -1, checker, kind, ...details };
    if (list) list.push(l);
    else waiting.set(op, [l]);
  };
  return {
    get events() {
      return next;
    },
    emit(ev) {
      ev.index = next++;
      events.push(ev);
      return ev.index;
    },
    label,
    labelOp,
    labelWrite(w, checker, kind, details) {
      if (w.index >= 0) label(w.index, checker, kind, details);
      else if (w.op !== undefined) labelOp(w.op, checker, kind, details);
    },
    completed(op) {
      const list = waiting.get(op);
      if (list === undefined) return;
      waiting.delete(op);
      if (!op.ok) return;
      for (const l of list) {
        l.index = op.index;
        labels.push(l);
      }
    },
    takeEvents() {
      const taken = events;
      events = [];
      return taken;
    },
    takeLabels() {
      const taken = labels;
      labels = [];
      return taken;
    },
  };
}
