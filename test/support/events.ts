/**
 * Histories from event objects, for replication tests whose ops carry fields the one-line
 * notation has no words for (acks, replies, replica events): each event on its own line
 * (line = position + 1), through the same builder as every reader.
 */
import { HistoryBuilder, type RawEvent } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

export function fromEvents(events: readonly Record<string, unknown>[], file = "events"): History {
  const b = new HistoryBuilder(file);
  events.forEach((e, i) => {
    b.add(e as RawEvent, i + 1);
  });
  return b.finish();
}

/** A client op as its invocation and completion: `f` on `key`, then the completion's fields. */
export function op(
  process: number,
  f: "read" | "write",
  key: string,
  done: Record<string, unknown>,
  invoke: Record<string, unknown> = {},
): Record<string, unknown>[] {
  const inv: Record<string, unknown> = { type: "invoke", process, f, key, ...invoke };
  if (f === "write") inv.value = done.value;
  return [inv, { type: "ok", process, f, key, ...done }];
}

/** A replica event of `node`: it now holds `value` at `version` (f apply, repair, hint, handoff). */
export function replica(
  node: string,
  f: string,
  key: string,
  value: unknown,
  version: unknown,
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: "ok", process: `replica:${node}`, f, key, value, version, ...more };
}
