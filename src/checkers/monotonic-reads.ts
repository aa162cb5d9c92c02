/**
 * monotonic-reads: once a session has read a version of a key, its later reads of that key
 * must observe that version or a later one; time must not go backwards.
 *
 * Formally (Viotti and Vukolic 2016, section 3.2): (vis ; so restricted to read-then-read) is
 * contained in vis. Operationally (Terry et al. 1994): the session's read-set is contained
 * in every later read's snapshot. DDIA figure 5-4: a user reads first from a fresh replica,
 * then from a stale one, and sees the data go back in time.
 */
import { explainGarbageRead, explainNonMonotonicRead } from "./session/explain.js";
import { sessionReasons } from "./session/reasons.js";
import { type GarbageRead, type NonMonotonicRead, sessionCheck } from "./session/result.js";
import type { Checker } from "./types.js";

export type MonotonicReadsAnomaly = NonMonotonicRead | GarbageRead;

export const monotonicReads: Checker<MonotonicReadsAnomaly> = {
  id: "monotonic-reads",
  title: "Monotonic reads",
  description:
    "A session's later read of a key must not observe an older version than its earlier reads did.",
  references: [
    "Terry et al., Session guarantees for weakly consistent replicated data, PDIS 1994",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016, section 3.2",
    "Kleppmann, Designing Data-Intensive Applications, figure 5-4",
  ],
  requires: [
    "session (or process) on every op",
    "reads of registers: f read/cas, or r micro-ops, or list reads",
    "a version on ops, or values written at most once per key",
  ],
  decides: "monotonic-reads",
  options: [],
  check: sessionCheck("monotonic-reads", "non-monotonic-read", "reads"),
  explain: { "non-monotonic-read": explainNonMonotonicRead, "garbage-read": explainGarbageRead },
  reasons: sessionReasons,
};
