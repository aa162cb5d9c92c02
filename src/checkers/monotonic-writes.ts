/**
 * monotonic-writes: a session's writes take effect in the order the session made them; in
 * each key's version order, a later write of the session comes after its earlier writes.
 *
 * Formally (Viotti and Vukolic 2016, section 3.2): so restricted to write-then-write is
 * contained in ar. Operationally (Terry et al. 1994): if a session's write W1 precedes its
 * write W2, every server that has W2 has W1 and ordered it first; checked here on the
 * version order of each key, as the history proves it (versions, vectors, list positions) or
 * a stated assumption gives it.
 */
import { assumeOption } from "./session/assume.js";
import { writeOrderReasons } from "./session/reasons.js";
import { explainSessionWritesReordered } from "./session/write-explain.js";
import { type SessionWritesReordered, writeOrderCheck } from "./session/write-result.js";
import type { Checker } from "./types.js";

export type MonotonicWritesAnomaly = SessionWritesReordered;

export const monotonicWrites: Checker<MonotonicWritesAnomaly> = {
  id: "monotonic-writes",
  title: "Monotonic writes",
  description:
    "A session's later write of a key must come after its earlier writes of it in the key's version order.",
  references: [
    "Terry et al., Session guarantees for weakly consistent replicated data, PDIS 1994",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016, section 3.2",
  ],
  requires: [
    "session (or process) on every op",
    "register writes: f write/cas, or w micro-ops, or list appends with reads of the lists",
    "a version on writes, or an assumption (assume option) that orders writes known by value",
  ],
  decides: "monotonic-writes",
  options: [assumeOption],
  check: writeOrderCheck<SessionWritesReordered>("monotonic-writes"),
  explain: { "session-writes-reordered": explainSessionWritesReordered },
  reasons: writeOrderReasons,
};
