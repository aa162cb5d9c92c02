/**
 * read-repair: a replica that answered a read with a stale version is repaired afterwards
 * (DDIA 5.4, "Read repair and anti-entropy", figure 5-10; DeCandia et al. 2007): a later
 * event of that replica holds a state that includes the newest reply the read got. Repairs
 * that never happen are anomalies; the time each repair took is measured.
 */
import type { History } from "../history/model.js";
import { Findings } from "./causal/findings.js";
import { explainRepairMissing } from "./replication/explain-repair.js";
import { quantiles } from "./replication/figures.js";
import { replicationReasons } from "./replication/reasons.js";
import { checkRepairs, type RepairMissing } from "./replication/repair.js";
import { anyExtra } from "./replication/replies.js";
import { finish, notApplicable } from "./replication/result.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type ReadRepairAnomaly = RepairMissing;

export const readRepair: Checker<ReadRepairAnomaly> = {
  id: "read-repair",
  title: "Read repair",
  description:
    "A replica that answered a read with a stale version must come to hold the newest reply's version afterwards; repairs that never happen are reported, and the time each took is measured.",
  references: [
    "Kleppmann, Designing Data-Intensive Applications, section 5.4 and figure 5-10",
    "DeCandia et al., Dynamo: Amazon's highly available key-value store, SOSP 2007",
  ],
  requires: [
    "reads with `replies` (node, value, version of each replica that answered)",
    "replica apply or repair events (process replica:<node>) with the key's version",
  ],
  decides: "read-repair",
  options: [],
  check: checkReadRepair,
  explain: { "repair-missing": explainRepairMissing },
  reasons: replicationReasons,
};

function checkReadRepair(h: History, options: CheckOptions): CheckResult<ReadRepairAnomaly> {
  const view = replicationView(h);
  if (!anyExtra(view, "replies"))
    return notApplicable("read-repair", "read-repair", { code: "no-replies" });
  if (!hasReplicaEvents(view))
    return notApplicable("read-repair", "read-repair", { code: "no-replica-events" });
  const sink = new Findings<RepairMissing>(options);
  const fig = checkRepairs(view, sink);
  const times = fig.repairTimes.sorted();
  return finish("read-repair", "read-repair", h, sink, {
    stats: { ops: h.size, readsChecked: fig.reads, staleReplies: fig.owed, repaired: times.length },
    measurements: {
      tables: [
        {
          title:
            "repairs: time from the read's start to the stale replica holding its newest reply",
          columns: ["stale replies", "repaired", "p50", "p90", "p99", "max"],
          rows: [[fig.owed, times.length, ...quantiles(times)]],
        },
      ],
    },
  });
}
