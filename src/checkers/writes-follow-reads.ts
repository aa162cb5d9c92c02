/**
 * writes-follow-reads: a write that a session makes after reading a key is ordered after the
 * write that read observed, in the key's version order.
 *
 * Formally (Viotti and Vukolic 2016, section 3.2): (vis ; so restricted to read-then-write)
 * is contained in ar. Operationally (Terry et al. 1994): a write W that follows a read of W0
 * in its session is applied after W0 at every server; checked here on the version order of
 * each key, as the history proves it (versions, vectors, list positions) or a stated
 * assumption gives it.
 */
import { assumeOption } from "./session/assume.js";
import { writeOrderReasons } from "./session/reasons.js";
import { explainWritePrecedesObserved } from "./session/write-explain.js";
import { type WritePrecedesObserved, writeOrderCheck } from "./session/write-result.js";
import type { Checker } from "./types.js";

export type WritesFollowReadsAnomaly = WritePrecedesObserved;

export const writesFollowReads: Checker<WritesFollowReadsAnomaly> = {
  id: "writes-follow-reads",
  title: "Writes follow reads",
  description:
    "A session's write of a key must come after every write of the key its earlier reads observed.",
  references: [
    "Terry et al., Session guarantees for weakly consistent replicated data, PDIS 1994",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016, section 3.2",
  ],
  requires: [
    "session (or process) on every op",
    "register reads and writes: f read/write/cas, or r/w micro-ops, or list appends and reads",
    "a version on ops, or an assumption (assume option) that orders writes known by value",
  ],
  decides: "writes-follow-reads",
  options: [assumeOption],
  check: writeOrderCheck<WritePrecedesObserved>("writes-follow-reads"),
  explain: { "write-precedes-observed": explainWritePrecedesObserved },
  reasons: writeOrderReasons,
};
