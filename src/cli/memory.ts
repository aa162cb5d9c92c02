/**
 * The CLI's process, tuned by the size of what it checks: a library caller's process is
 * left as it is.
 */
import { setFlagsFromString } from "node:v8";
import type { History } from "../history/model.js";

/** From this many ops, what the checkers leave behind is worth collecting early. */
const LARGE_HISTORY_OPS = 1_000_000;

/**
 * Asks V8 to grow its heap sparingly and collect sooner (its --optimize-for-size), from now on
 * in this process, once a history of a million ops or more has been read. The checkers make
 * short-lived objects by the op (the linearizability search's inputs, an object's keys) that
 * outlive a young-generation collection, and V8 by default lets such garbage grow to several
 * times what is live before a full collection: at 10M ops, 1.5 GB of dead objects against
 * 0.2 GB live, 2.3 GB peak RSS for linearizable alone, against 1.1 GB with the flag, in about
 * the same time (bench/RESULTS.md, Scale).
 */
export function preferMemoryWhenLarge(history: History): void {
  if (history.size >= LARGE_HISTORY_OPS) setFlagsFromString("--optimize-for-size");
}
