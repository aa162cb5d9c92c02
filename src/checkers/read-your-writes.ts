/**
 * read-your-writes: a read by a session that began after that session's write to the key
 * had completed must observe that write or a later version.
 *
 * Formally (Viotti and Vukolic 2016, section 3.2): so restricted to write-then-read is
 * contained in vis. Operationally (Terry et al. 1994): the session's write-set is contained
 * in every later read's snapshot. DDIA figure 5-3: a user writes to the leader, then reads
 * from a follower that has not applied the write yet.
 */
import { explainGarbageRead, explainMissedOwnWrite } from "./session/explain.js";
import { sessionReasons } from "./session/reasons.js";
import { type GarbageRead, type MissedOwnWrite, sessionCheck } from "./session/result.js";
import type { Checker } from "./types.js";

export type ReadYourWritesAnomaly = MissedOwnWrite | GarbageRead;

export const readYourWrites: Checker<ReadYourWritesAnomaly> = {
  id: "read-your-writes",
  title: "Read your writes",
  description:
    "A session's read must observe every write that session completed before the read began.",
  references: [
    "Terry et al., Session guarantees for weakly consistent replicated data, PDIS 1994",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016, section 3.2",
    "Kleppmann, Designing Data-Intensive Applications, figure 5-3",
  ],
  requires: [
    "session (or process) on every op",
    "reads and writes of registers: f read/write/cas, or r/w micro-ops, or list appends",
    "a version on ops, or values written at most once per key",
  ],
  decides: "read-your-writes",
  options: [],
  check: sessionCheck("read-your-writes", "missed-own-write", "writes"),
  explain: { "missed-own-write": explainMissedOwnWrite, "garbage-read": explainGarbageRead },
  reasons: sessionReasons,
};
