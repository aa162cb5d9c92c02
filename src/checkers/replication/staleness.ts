/**
 * Staleness of reads, measured (Bailis et al., "Probabilistically Bounded Staleness for
 * Practical Partial Quorums", VLDB 2012): per read, how many writes of its key acknowledged
 * before it began its result does not include (k-staleness), and how long after the newest
 * such write's acknowledgement it began; over all reads, the fraction that returned the
 * newest acknowledged write as a function of the time since its acknowledgement
 * (t-visibility). A read is judged only against the user's bound on versions behind.
 */

import { Access } from "../../history/accesses.js";
import type { History } from "../../history/model.js";
import { timeOf } from "../../history/model.js";
import { compareVectors, type Observations } from "../../history/observations.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase, MeasurementCurve, MeasurementTable } from "../types.js";
import { type AckedReads, behindByVectors, unknownCodes } from "./acked.js";
import { BinnedFraction, quantiles, round, Samples } from "./figures.js";

export interface StaleRead extends AnomalyBase {
  kind: "stale-read";
  key: unknown;
  /** Op ids: the read R, and N, the newest write of the key acknowledged before R began that R does not include. */
  read: number;
  newest: number;
  versionsBehind: number;
  /** R's invocation time minus N's acknowledgement time, when both have times. */
  msSinceNewestAck?: number;
  bound: number;
}

export interface ReadFigures {
  reads: number;
  stale: number;
  behind: Samples;
  sinceAck: Samples;
  byVersions: Map<number, number>;
  visibility: BinnedFraction;
}

/** Measures every read; reads beyond `bound` versions behind become anomalies (none without a bound). */
export function measureReads(
  h: History,
  o: Observations,
  acked: AckedReads,
  sink: Findings<StaleRead>,
  bound: number | undefined,
): ReadFigures {
  const fig: ReadFigures = {
    reads: 0,
    stale: 0,
    behind: new Samples(),
    sinceAck: new Samples(),
    byVersions: new Map(),
    visibility: new BinnedFraction(),
  };
  for (let a = 0; a < o.acc.size && !sink.stopped; a++) {
    if (o.acc.kind[a] !== Access.read || sink.expired()) continue;
    const r = measureOne(o, acked, a, sink);
    if (r === undefined) continue;
    const { behind, newest, missed } = r;
    fig.reads++;
    fig.behind.push(behind);
    fig.byVersions.set(behind, (fig.byVersions.get(behind) ?? 0) + 1);
    const read = o.acc.op[a]!;
    if (newest >= 0) {
      const t = timeOf(h, read, "inv") - timeOf(h, o.acc.op[newest]!, "cmp");
      if (!Number.isNaN(t)) fig.visibility.add(t, !misses(o, a, newest));
    }
    if (behind === 0) continue;
    fig.stale++;
    const since = timeOf(h, read, "inv") - timeOf(h, o.acc.op[missed]!, "cmp");
    if (!Number.isNaN(since)) fig.sinceAck.push(since);
    if (bound !== undefined && behind > bound)
      sink.add(() => staleRead(h, o, { a, missed, behind, since, bound }));
  }
  return fig;
}

/** How far behind read access a is, and the newest write it missed (-1 if none). */
function measureOne(
  o: Observations,
  acked: AckedReads,
  a: number,
  sink: Findings<StaleRead>,
): { behind: number; newest: number; missed: number } | undefined {
  const code = acked.unknown[a]!;
  if (code === 3) {
    const v = behindByVectors(o, acked, a, () => sink.expired());
    return v === undefined ? undefined : { behind: v.behind, newest: v.newest, missed: v.missed };
  }
  if (code !== 0) {
    sink.undecide(unknownCodes[code]!, o.acc.op[a]!);
    return undefined;
  }
  const behind = acked.behind[a]!;
  const newest = acked.newest[a]!;
  return { behind, newest, missed: behind > 0 ? newest : -1 };
}

/** The read does not include the write (for t-visibility: did it miss the newest?). */
function misses(o: Observations, read: number, write: number): boolean {
  const rv = o.vec.get(read);
  const wv = o.vec.get(write);
  if (rv !== undefined && wv !== undefined) {
    const rel = compareVectors(wv, rv);
    return !(rel === "lt" || rel === "eq");
  }
  return o.num[write]! > o.num[read]!;
}

function staleRead(
  h: History,
  o: Observations,
  f: { a: number; missed: number; behind: number; since: number; bound: number },
): StaleRead {
  const read = o.acc.op[f.a]!;
  const newest = o.acc.op[f.missed]!;
  const out: StaleRead = {
    kind: "stale-read",
    ops: opDetails(h, [newest, read]),
    key: o.acc.keys[o.acc.key[f.a]!],
    read,
    newest,
    versionsBehind: f.behind,
    bound: f.bound,
  };
  if (!Number.isNaN(f.since)) out.msSinceNewestAck = round(f.since);
  return out;
}

/** The read figures as tables and curves. */
export function readMeasurements(fig: ReadFigures): {
  tables: MeasurementTable[];
  curves: MeasurementCurve[];
} {
  const stale = fig.reads === 0 ? 0 : round(fig.stale / fig.reads);
  const tables: MeasurementTable[] = [
    {
      title: "reads: versions behind (k-staleness)",
      columns: ["reads", "stale", "fraction stale", "p50", "p90", "p99", "max"],
      rows: [[fig.reads, fig.stale, stale, ...quantiles(fig.behind.sorted())]],
    },
    {
      title: "stale reads: time since the newest missed write was acknowledged",
      columns: ["stale reads", "p50", "p90", "p99", "max"],
      rows: [[fig.sinceAck.length, ...quantiles(fig.sinceAck.sorted())]],
    },
  ];
  const byVersions = [...fig.byVersions].sort((x, y) => x[0] - y[0]);
  const curves: MeasurementCurve[] = [
    {
      title:
        "t-visibility: reads that returned the newest acknowledged write, by the time since its acknowledgement (Bailis et al. 2012)",
      x: "time since the acknowledgement (at most)",
      y: "fraction of reads",
      style: "line",
      points: fig.visibility.points(),
    },
    {
      title: "reads by versions behind",
      x: "versions behind",
      y: "fraction of reads",
      style: "bars",
      points: byVersions.map(([k, n]) => ({ x: k, y: round(n / fig.reads), n })),
    },
  ];
  return { tables, curves };
}
