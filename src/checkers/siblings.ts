/**
 * siblings: concurrent versions of a key are kept as siblings and merged without loss (DDIA
 * 5.4, "Capturing the happens-before relationship" and "Merging concurrently written values",
 * figure 5-13). A write carries the version vector of what its client has seen of the key and
 * may supersede only those versions (sibling-overwritten: it claims one it never read); a
 * write of a set built on siblings keeps all their elements (sibling-element-dropped).
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import {
  explainSiblingElementDropped,
  explainSiblingOverwritten,
} from "./replication/explain-siblings.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { checkSiblings, type SiblingAnomaly } from "./replication/siblings.js";
import { replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type SiblingsAnomaly = SiblingAnomaly;

export const siblings: Checker<SiblingsAnomaly> = {
  id: "siblings",
  title: "Siblings",
  description:
    "A write supersedes only the siblings its client has seen (by version vectors), and a write of a set built on siblings keeps all their elements.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, section 5.4, figures 5-13 and 5-14",
    "DeCandia et al., Dynamo: Amazon's highly available key-value store, SOSP 2007",
  ],
  requires: [
    "client writes with version vectors, and the session's reads of the key with their vectors",
    "for dropped elements: set values (lists of elements), reads that return the siblings (`siblings`, or a list of sets)",
  ],
  decides: "siblings",
  options: [],
  check: checkSiblingsOf,
  explain: {
    "sibling-overwritten": explainSiblingOverwritten,
    "sibling-element-dropped": explainSiblingElementDropped,
  },
  reasons: replicationReasons,
};

function checkSiblingsOf(h: History, options: CheckOptions): CheckResult<SiblingsAnomaly> {
  const view = replicationView(h);
  const writes = writeIndex(h);
  if (writes.ids.length === 0)
    return notApplicable("siblings", "siblings", { code: "no-client-writes" });
  if (!hasSiblingData(h, writes))
    return notApplicable("siblings", "siblings", { code: "no-sibling-data" });
  const sink = new Findings<SiblingAnomaly>(options);
  const checked = checkSiblings(view, writes, sink);
  return finish("siblings", "siblings", h, sink, {
    stats: { ops: h.size, writesChecked: checked },
  });
}

/** Some write carries a version vector, or a set (a list of elements). */
function hasSiblingData(h: History, writes: ReturnType<typeof writeIndex>): boolean {
  for (let w = 0; w < writes.ids.length; w++) {
    if (typeof writes.version(w) === "object" || Array.isArray(h.value[writes.ids[w]!]))
      return true;
  }
  return false;
}
