/**
 * write-conflicts: concurrent writes to one key (DDIA 5.3, figures 5-6 and 5-7; 5.4,
 * "Detecting concurrent writes", figure 5-12): two writes of which neither happens before the
 * other, by their version vectors, or, with numeric versions, by Lamport's happens-before as
 * the history records it (what each accepting node had applied, what each client had seen).
 * Each write in such a pair is an anomaly, with how the conflict was resolved: one value
 * won, later writes superseded both, the store kept siblings, or a client merged them.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import { reportConflicts, type WriteConflict } from "./replication/conflict-result.js";
import { MAX_VECTOR_WRITES, numericConflicts, vectorConflicts } from "./replication/conflicts.js";
import { explainWriteConflict } from "./replication/explain-conflicts.js";
import { failoversOf } from "./replication/failover.js";
import { finalStates } from "./replication/final.js";
import { knowledgeOf } from "./replication/knowledge.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type WriteConflictsAnomaly = WriteConflict;

export const writeConflicts: Checker<WriteConflictsAnomaly> = {
  id: "write-conflicts",
  title: "Write conflicts",
  description:
    "Two writes of one key of which neither happened before the other (by version vectors, or by what each accepting node had applied), with how each conflict was resolved.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, sections 5.3 and 5.4, figures 5-6, 5-7 and 5-12",
    "Lamport, Time, clocks, and the ordering of events in a distributed system, CACM 1978",
  ],
  requires: [
    "client writes with versions: version vectors, or numbers with `node` (the node that accepted them)",
    "with numeric versions, replica apply events (process replica:<node>): what each node knew",
  ],
  decides: "write-conflicts",
  options: [],
  check: checkWriteConflicts,
  explain: { "write-conflict": explainWriteConflict },
  reasons: replicationReasons,
};

function checkWriteConflicts(
  h: History,
  options: CheckOptions,
): CheckResult<WriteConflictsAnomaly> {
  const view = replicationView(h);
  const writes = writeIndex(h);
  if (writes.ids.length === 0)
    return notApplicable("write-conflicts", "write-conflicts", { code: "no-client-writes" });
  const kinds = versionKinds(writes);
  if (!kinds.vectors && !kinds.numbers)
    return notApplicable("write-conflicts", "write-conflicts", { code: "no-versions" });
  if (!kinds.vectors && !hasReplicaEvents(view))
    return notApplicable("write-conflicts", "write-conflicts", { code: "no-replica-events" });
  const sink = new Findings<WriteConflict>(options);
  const partner = new Int32Array(writes.ids.length).fill(-1);
  const expired = () => sink.expired();
  if (kinds.vectors) {
    const tooMany = vectorConflicts(h, writes, partner, expired);
    if (tooMany.length > 0)
      sink.undecide("too-many-vector-writes", -1, { keys: tooMany.length, max: MAX_VECTOR_WRITES });
  }
  if (kinds.numbers && hasReplicaEvents(view)) {
    const k = knowledgeOf(h);
    numericConflicts(h, writes, k, failoversOf(h), partner, expired);
    for (let w = 0; w < writes.ids.length; w++)
      if (k.accepted[w] === 0 && h.status[writes.ids[w]!] === 0)
        sink.undecide("write-without-node", writes.ids[w]!);
  }
  const conflicting = reportConflicts(h, writes, partner, finalStates(h), sink);
  return finish("write-conflicts", "write-conflicts", h, sink, {
    stats: { ops: h.size, writesChecked: writes.ids.length, conflicting },
  });
}

function versionKinds(writes: ReturnType<typeof writeIndex>): {
  vectors: boolean;
  numbers: boolean;
} {
  let vectors = false;
  let numbers = false;
  for (let w = 0; w < writes.ids.length; w++) {
    const v = writes.version(w);
    if (typeof v === "number") numbers = true;
    else if (v !== undefined) vectors = true;
  }
  return { vectors, numbers };
}
