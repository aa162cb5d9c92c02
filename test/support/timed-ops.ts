/**
 * Generated ops with an interval each, as a History: the property tests of the
 * linearizability search draw ops as (start, end) intervals, and this lays them out as events
 * in time order, each op on a process that is free at its start (a process runs one op at a
 * time), an open op never completing.
 */
import { HistoryBuilder, type RawEvent } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

export type Status = "ok" | "info" | "fail" | "open";

export interface TimedOp {
  f: string;
  key: string;
  status: Status;
  start: number;
  end: number;
}

/** The History of `ops`; `value(op, invoke)` is the value of its invocation or completion. */
export function timedHistory<O extends TimedOp>(
  ops: readonly O[],
  value: (op: O, invoke: boolean) => unknown,
): History {
  const events: [number, number, boolean][] = [];
  ops.forEach((o, i) => {
    events.push([o.start, i, true]);
    if (o.status !== "open") events.push([o.end, i, false]);
  });
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const busyUntil: number[] = [];
  const proc: number[] = [];
  const b = new HistoryBuilder("generated");
  events.forEach(([, i, isInvoke], line) => {
    const o = ops[i]!;
    if (isInvoke) {
      let p = busyUntil.findIndex((t) => t < o.start);
      if (p < 0) p = busyUntil.push(0) - 1;
      busyUntil[p] = o.status === "open" ? Number.POSITIVE_INFINITY : o.end;
      proc[i] = p;
    }
    const type = isInvoke ? "invoke" : o.status === "open" ? "info" : o.status;
    const ev: RawEvent = {
      type: type as RawEvent["type"],
      process: proc[i]!,
      f: o.f,
      key: o.key,
      value: value(o, isInvoke),
    };
    b.add(ev, line + 1);
  });
  return b.finish();
}
