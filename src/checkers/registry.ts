/** Every checker, in the order reports list them. A meta-test checks that each one is here, documented and covered. */
import { linearizable } from "./linearizable.js";
import { monotonicReads } from "./monotonic-reads.js";
import { readYourWrites } from "./read-your-writes.js";
import type { AnomalyBase, Checker } from "./types.js";

export const checkers: readonly Checker<AnomalyBase>[] = [
  readYourWrites,
  monotonicReads,
  linearizable,
] as const;

export function findChecker(id: string): Checker | undefined {
  return checkers.find((c) => c.id === id);
}
