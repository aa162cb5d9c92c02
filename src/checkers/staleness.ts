/**
 * staleness: measures how stale replicas and reads are, and judges only against bounds the
 * user sets (DDIA 5.2, "Problems with replication lag", figure 5-1; Bailis et al.,
 * "Probabilistically Bounded Staleness for Practical Partial Quorums", VLDB 2012). Per
 * replica, the replication lag from a write's first apply anywhere to its apply there; per
 * read, how many writes of its key acknowledged before it began it does not include
 * (k-staleness) and how long after the newest such acknowledgement it began; from these the
 * t-visibility curve. Anomalies only beyond `maxVersionsBehind` (stale-read) or `maxLag`
 * (lag-exceeded).
 */
import { Access } from "../history/accesses.js";
import type { History } from "../history/model.js";
import { type Observations, observationsOf } from "../history/observations.js";
import { Findings } from "./causal/findings.js";
import { ackedReads } from "./replication/acked.js";
import { explainLagExceeded, explainStaleRead } from "./replication/explain-staleness.js";
import { type LagExceeded, lagTable, measureLag } from "./replication/lag.js";
import { replicationReasons } from "./replication/reasons.js";
import { finish, notApplicable } from "./replication/result.js";
import { measureReads, readMeasurements, type StaleRead } from "./replication/staleness.js";
import { hasReplicaEvents, replicationView } from "./replication/view.js";
import { writeIndex } from "./replication/writes.js";
import type { Checker, CheckOptions, CheckResult, Reason } from "./types.js";

export type StalenessAnomaly = StaleRead | LagExceeded;

export const staleness: Checker<StalenessAnomaly> = {
  id: "staleness",
  title: "Staleness",
  description:
    "Measures replication lag per replica, how many versions behind each read was and the t-visibility curve; judges only against the bounds given (max-lag, max-versions-behind).",
  references: [
    "Bailis, Venkataraman, Franklin, Hellerstein and Stoica, Probabilistically Bounded Staleness for Practical Partial Quorums, VLDB 2012",
    "Kleppmann, Designing Data-Intensive Applications, section 5.2 and figure 5-1",
  ],
  requires: [
    "client reads and writes with versions (or values written once per key)",
    "for replication lag: replica apply events with times",
  ],
  decides: "staleness",
  options: [
    {
      name: "maxVersionsBehind",
      type: "integer",
      min: 0,
      help: "the most writes acknowledged before a read began that it may miss (0: every stale read is an anomaly)",
    },
    {
      name: "maxLag",
      type: "number",
      min: 0,
      unit: "time",
      help: "the longest a replica may take to hold a write after the first replica held it, in the history's time unit",
    },
  ],
  check: checkStaleness,
  explain: { "stale-read": explainStaleRead, "lag-exceeded": explainLagExceeded },
  reasons: replicationReasons,
};

/** Some write has a version (a number, a vector, a list position): without one, how far behind a read is has no measure. */
function anyVersionedWrite(o: Observations): boolean {
  for (let a = 0; a < o.acc.size; a++)
    if (o.acc.kind[a] === Access.write && (!Number.isNaN(o.num[a]!) || o.vec.has(a))) return true;
  return false;
}

function checkStaleness(h: History, options: CheckOptions): CheckResult<StalenessAnomaly> {
  const view = replicationView(h);
  const o = observationsOf(h, options.initial ?? null);
  if (o.acc.size === 0) return notApplicable("staleness", "staleness", { code: "no-client-reads" });
  if (!anyVersionedWrite(o))
    return notApplicable("staleness", "staleness", { code: "no-versions" });
  const maxVersions = options.maxVersionsBehind as number | undefined;
  const maxLag = options.maxLag as number | undefined;
  const sink = new Findings<StalenessAnomaly>(options);
  const reads = measureReads(
    h,
    o,
    ackedReads(h, o, view.order),
    sink as Findings<StaleRead>,
    maxVersions,
  );
  const { tables, curves } = readMeasurements(reads);
  const notes: Reason[] = [];
  if (hasReplicaEvents(view)) {
    const lag = measureLag(view, writeIndex(h), sink as Findings<LagExceeded>, maxLag);
    tables.unshift(lagTable(view, lag));
    if (maxLag !== undefined && lag.byNode.size === 0 && lag.untimed > 0)
      sink.undecide("unmeasured-lag", -1);
  }
  if (maxVersions === undefined && maxLag === undefined) notes.push({ code: "measured-only" });
  return finish("staleness", "staleness", h, sink, {
    stats: { ops: h.size, readsChecked: reads.reads, staleReads: reads.stale },
    notes,
    measurements: { tables, curves },
  });
}
