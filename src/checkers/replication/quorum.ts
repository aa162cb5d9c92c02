/**
 * The quorum-overlap check: each read that gathered replies, against the newest write of its
 * key acknowledged before it began that its result does not include. Such a miss is
 * classified by the quorums the history records: `stale-pick` when a replier had
 * acknowledged the write (the quorums met, the coordinator returned an older reply),
 * `sloppy` when the write's acknowledgers or the read's repliers are outside the key's home
 * replicas (or more distinct nodes than n, when no home is recorded), `config` otherwise
 * (quorums that need not intersect: w + r <= n).
 */
import { Access } from "../../history/accesses.js";
import type { History } from "../../history/model.js";
import { observationsOf } from "../../history/observations.js";
import { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase, CheckOptions, CheckResult, VersionShown } from "../types.js";
import { ackedReads, behindByVectors, unknownCodes } from "./acked.js";
import { acksOf, anyExtra, type Reply, repliesOf } from "./replies.js";
import { finish, notApplicable } from "./result.js";
import { Ev, homeOf, type Quorum, type ReplicationView, replicationView } from "./view.js";

export type QuorumCause = "config" | "sloppy" | "stale-pick";

export interface QuorumMiss extends AnomalyBase {
  kind: "quorum-miss";
  key: unknown;
  /** Op ids: the write W the read R missed. */
  write: number;
  read: number;
  cause: QuorumCause;
  acks: string[];
  replies: { node: string; value: unknown; version?: VersionShown }[];
  /** Repliers that had acknowledged W (stale-pick). */
  overlap: string[];
  /** Acknowledgers or repliers outside the key's home replicas (sloppy). */
  outside: string[];
  home?: string[];
  quorum: Quorum;
  /** Writes acknowledged before R began that R's result does not include. */
  versionsBehind: number;
}

export function checkQuorums(h: History, options: CheckOptions): CheckResult<QuorumMiss> {
  const view = replicationView(h);
  if (!anyExtra(view, "replies"))
    return notApplicable("quorum-overlap", "quorum-overlap", { code: "no-replies" });
  if (!anyExtra(view, "acks"))
    return notApplicable("quorum-overlap", "quorum-overlap", { code: "no-acks" });
  const o = observationsOf(h, options.initial ?? null);
  const acked = ackedReads(h, o, view.order);
  const sink = new Findings<QuorumMiss>(options);
  let reads = 0;
  for (let a = 0; a < o.acc.size && !sink.stopped; a++) {
    if (o.acc.kind[a] !== Access.read || sink.expired()) continue;
    const r = o.acc.op[a]!;
    const replies = view.kind[r] === Ev.read ? repliesOf(view, r) : undefined;
    if (replies === undefined || replies.length === 0) continue;
    reads++;
    let behind = acked.behind[a]!;
    let missed = acked.newest[a]!;
    const code = acked.unknown[a]!;
    if (code === 3) {
      const v = behindByVectors(o, acked, a, () => sink.expired());
      if (v === undefined) break;
      behind = v.behind;
      missed = v.missed;
    } else if (code !== 0) {
      sink.undecide(unknownCodes[code]!, r);
      continue;
    }
    if (behind <= 0 || missed < 0) continue;
    const w = o.acc.op[missed]!;
    const acks = acksOf(view, w);
    if (acks === undefined) sink.undecide("write-without-acks", r);
    else sink.add(() => miss(view, { w, r, acks, replies, behind }));
  }
  return finish("quorum-overlap", "quorum-overlap", h, sink, {
    stats: { ops: h.size, readsChecked: reads },
  });
}

interface Found {
  w: number;
  r: number;
  acks: number[];
  replies: Reply[];
  behind: number;
}

function miss(view: ReplicationView, f: Found): QuorumMiss {
  const { h, nodes } = view;
  const name = (n: number) => nodes.values[n]!;
  const repliers = f.replies.map((x) => x.node);
  const overlap = repliers.filter((n) => f.acks.includes(n));
  const home = homeOf(view, h.key[f.w]!);
  const all = [...new Set([...f.acks, ...repliers])];
  const outside = home === undefined ? [] : all.filter((n) => !home.includes(n));
  const cause: QuorumCause =
    overlap.length > 0
      ? "stale-pick"
      : outside.length > 0 ||
          (home === undefined && view.quorum.n !== undefined && all.length > view.quorum.n)
        ? "sloppy"
        : "config";
  const out: QuorumMiss = {
    kind: "quorum-miss",
    ops: opDetails(h, [f.w, f.r]),
    key: h.keys[h.key[f.r]!],
    write: f.w,
    read: f.r,
    cause,
    acks: f.acks.map(name),
    replies: f.replies.map((x) => shownReply(x)),
    overlap: [...new Set(overlap)].map(name),
    outside: outside.map(name),
    quorum: { ...view.quorum },
    versionsBehind: f.behind,
  };
  if (home !== undefined) out.home = home.map(name);
  return out;
}

function shownReply(x: Reply): { node: string; value: unknown; version?: VersionShown } {
  const out: { node: string; value: unknown; version?: VersionShown } = {
    node: String(x.raw.node),
    value: x.value ?? null,
  };
  const v = x.raw.version;
  if (v !== undefined && v !== null) out.version = v as VersionShown;
  return out;
}
