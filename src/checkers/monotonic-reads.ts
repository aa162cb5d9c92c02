/**
 * monotonic-reads: a session's later read of a key must not observe an older version than
 * its earlier read did.
 *
 * Formally (Viotti and Vukolic 2016, section 3.2): (vis ; so restricted to read-then-read) is
 * contained in vis. Operationally (Terry et al. 1994): every read's snapshot contains the
 * writes observed by the session's earlier reads. DDIA figure 5-4: a user reads first from a
 * fresh replica, then from a stale one, and time goes backward.
 */
import { type SessionAnomaly, sessionCheck } from "./session/result.js";
import type { Checker } from "./types.js";

export type MonotonicReadsAnomaly = SessionAnomaly<"monotonic-reads">;

export const monotonicReads: Checker<MonotonicReadsAnomaly> = {
  id: "monotonic-reads",
  title: "Monotonic reads",
  description:
    "A session's read must not observe an older version of a key than its earlier reads did.",
  references: [
    "Terry et al., Session guarantees for weakly consistent replicated data, PDIS 1994",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016, section 3.2",
    "Kleppmann, Designing Data-Intensive Applications, figure 5-4",
  ],
  requires: [
    "session (or process) on every op",
    "reads of registers: f read/cas, or r micro-ops",
    "a version on ops, or values written at most once per key",
  ],
  check: sessionCheck("monotonic-reads", "reads"),
};
