/** Runs one checker on a History with its options validated and defaulted, as the API does. */
import { resolveOptions } from "../../src/checkers/options.js";
import type { AnomalyBase, Checker, CheckResult } from "../../src/checkers/types.js";
import type { History } from "../../src/history/model.js";

export function runChecker<A extends AnomalyBase>(
  checker: Checker<A>,
  history: History,
  options: Record<string, unknown> = {},
): CheckResult<A> {
  return checker.check(history, resolveOptions([checker], options));
}
