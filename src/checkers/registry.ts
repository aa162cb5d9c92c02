/** Every checker, in the order reports list them. A meta-test checks that each one is here, documented and covered. */
import type { Checker } from "./types.js";

export const checkers: readonly Checker[] = [];

export function findChecker(id: string): Checker | undefined {
  return checkers.find((c) => c.id === id);
}
