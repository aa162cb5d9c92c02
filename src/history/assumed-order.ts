/**
 * Version order from a stated assumption, for keys whose writes carry no version (Elle's
 * rw-register options). The history alone cannot order two writes known only by value; a
 * user who knows what the store promises can say so, and Causeway then orders them:
 *
 * - `linearizable-keys`: each key is linearizable on its own, so a write that completed
 *   before another write of the key began precedes it;
 * - `sequential-keys`: each key is sequentially consistent on its own, so one process's
 *   writes to a key are in that process's order.
 *
 * Only acknowledged (ok) writes precede anything: an indeterminate write may take effect at
 * any time after its invocation. Kept apart from observations.ts on purpose: observations
 * are facts shared by every checker, an assumption is part of one request, and every finding
 * that rests on it must say so.
 */
import type { Accesses } from "./accesses.js";
import { type History, Status } from "./model.js";

export const assumptions = ["linearizable-keys", "sequential-keys"] as const;
export type Assumption = (typeof assumptions)[number];

/** The order an assumption puts between two write accesses of one key. */
export interface AssumedOrder {
  readonly assumption: Assumption;
  /** "lt" when a precedes b by the assumption, "gt" when b precedes a, else "unknown". */
  relation(a: number, b: number): "lt" | "gt" | "unknown";
  /** Whether op x precedes op y by the assumption (x, y op ids, writes of one key). */
  precedes(x: number, y: number): boolean;
}

export function isAssumption(v: unknown): v is Assumption {
  return typeof v === "string" && (assumptions as readonly string[]).includes(v);
}

export function assumedOrder(h: History, acc: Accesses, assumption: Assumption): AssumedOrder {
  const precedes =
    assumption === "linearizable-keys"
      ? (x: number, y: number) =>
          h.status[x] === Status.ok && h.cmpPos[x]! >= 0 && h.cmpPos[x]! < h.invPos[y]!
      : (x: number, y: number) =>
          h.status[x] === Status.ok && h.process[x] === h.process[y] && x < y;
  return {
    assumption,
    precedes,
    relation(a, b) {
      const x = acc.op[a]!;
      const y = acc.op[b]!;
      if (x === y) return "unknown";
      if (precedes(x, y)) return "lt";
      return precedes(y, x) ? "gt" : "unknown";
    },
  };
}
