/**
 * The `assume` option, shared by every checker that orders writes (the session guarantees,
 * consistent prefix, causal): a stated promise of the store that orders the writes of keys
 * without versions (src/history/assumed-order.ts), and the note a result carries when some
 * of its verdict rests on it.
 */
import { type Assumption, assumptions, isAssumption } from "../../history/assumed-order.js";
import type { CheckOptions, OptionSpec, Reason } from "../types.js";

export const assumeOption: OptionSpec = {
  name: "assume",
  type: "string",
  choices: assumptions,
  help: "order the writes of keys without versions by what the store promises: linearizable-keys (a write that completed before another began precedes it) or sequential-keys (one process's writes to a key are in its order)",
};

export function assumptionOf(options: CheckOptions): Assumption | undefined {
  return isAssumption(options.assume) ? options.assume : undefined;
}

/** The note of a result whose valid judgements rest on the assumption `count` times. */
export function assumptionNote(assumption: Assumption | undefined, count: number): Reason[] {
  if (assumption === undefined || count === 0) return [];
  return [{ code: "assumed-order", params: { assumption, count } }];
}

export function assumedOrderText(p: Record<string, unknown>): string {
  return `${p.count} ${p.count === 1 ? "judgement holds" : "judgements hold"} only by the assumption ${p.assumption}, which orders the writes of keys without versions`;
}
