/**
 * The read-repair check (DDIA 5.4, "Read repair and anti-entropy", figure 5-10): a read
 * that gathered replies learns which repliers are stale (their version does not include the
 * newest reply's); each stale replier owes a repair, paid when a later event of that
 * replica (an apply or a repair, whatever brought it) holds a state that includes the newest
 * reply. One sweep in history order with the debts of each (replica, key) in a heap by the
 * version they need (vectors: a list), so the check is O(n log n). A stale replier that records
 * no replica event at all cannot show whether it was repaired: its debt is undecided.
 */
import { timeOf } from "../../history/model.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase, VersionShown } from "../types.js";
import { Samples } from "./figures.js";
import { repliesOf } from "./replies.js";
import { includes, joinAll, opVersion, type Version } from "./versions.js";
import { Ev, type ReplicationView, recordingNodes } from "./view.js";

export interface RepairMissing extends AnomalyBase {
  kind: "repair-missing";
  key: unknown;
  /** Op id of the read R. */
  read: number;
  /** The newest reply's version, which the stale repliers never came to hold. */
  newest: VersionShown;
  /** Each stale replier never repaired: its name, its reply's version, and its last event of the key (op id, -1 if none). */
  replicas: { node: string; replied?: VersionShown; last: number }[];
}

interface Debt {
  read: number;
  node: number;
  need: Version;
  started: number;
  paid: boolean;
}

export interface RepairFigures {
  reads: number;
  owed: number;
  repairTimes: Samples;
}

export function checkRepairs(view: ReplicationView, sink: Findings<RepairMissing>): RepairFigures {
  const { h } = view;
  const width = Math.max(1, h.keys.length);
  const pending = new Map<number, Debt[]>();
  const byRead = new Map<number, Debt[]>();
  const fig: RepairFigures = { reads: 0, owed: 0, repairTimes: new Samples() };
  const last = new Map<number, number>();
  for (let p = 0; p < view.order.length && !sink.stopped; p++) {
    const e = view.order[p]!;
    if (e < 0 || sink.expired()) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    if (kind === Ev.read && (e & 1) === 0 && h.status[id] === 0) {
      const debts = owed(view, id, sink);
      if (debts === undefined) continue;
      fig.reads++;
      if (debts.length === 0) continue;
      byRead.set(id, debts);
      fig.owed += debts.length;
      for (const d of debts) push(pending, d.node * width + h.key[id]!, d);
    } else if ((kind === Ev.apply || kind === Ev.repair) && view.node[id]! >= 0) {
      const slot = view.node[id]! * width + h.key[id]!;
      last.set(slot, id);
      settle(pending.get(slot), opVersion(h, id), timeOf(h, id, "cmp"), fig.repairTimes);
    }
  }
  const recorded = recordingNodes(view);
  for (const [read, debts] of byRead) {
    if (debts.some((d) => !d.paid && !recorded.has(d.node)))
      sink.undecide("unrecorded-replier", read);
    const unpaid = debts.filter((d) => !d.paid && recorded.has(d.node));
    if (unpaid.length > 0 && !sink.stopped)
      sink.add(() => missing(view, read, unpaid, last, width));
  }
  return fig;
}

/** The read's debts: one per stale replier; undefined when the read has no replies or one cannot be compared. */
function owed(
  view: ReplicationView,
  read: number,
  sink: Findings<RepairMissing>,
): Debt[] | undefined {
  const replies = repliesOf(view, read);
  if (replies === undefined || replies.length === 0) return undefined;
  if (replies.some((r) => r.version === null)) {
    sink.undecide("reply-without-version", read);
    return undefined;
  }
  const versions = replies.map((r) => r.version).filter((v): v is Version => v !== undefined);
  const newest = newestOf(versions);
  if (newest === undefined) return [];
  const started = timeOf(view.h, read, "inv");
  return replies
    .filter((r) => !includes(r.version ?? undefined, newest))
    .map((r) => ({ read, node: r.node, need: newest, started, paid: false }));
}

function newestOf(vs: readonly Version[]): Version | undefined {
  if (vs.length === 0) return undefined;
  if (vs.every((v) => typeof v === "number")) return Math.max(...(vs as number[]));
  if (vs.some((v) => typeof v === "number")) return undefined;
  return joinAll(vs as Exclude<Version, number>[]);
}

/** Debts of a slot, kept with the smallest numeric need last (vectors in arrival order). */
function push(pending: Map<number, Debt[]>, slot: number, d: Debt): void {
  const list = pending.get(slot);
  if (list === undefined) {
    pending.set(slot, [d]);
    return;
  }
  list.push(d);
  if (typeof d.need !== "number") return;
  // Keep numeric debts sorted by need, descending: most reads need the newest, so this is short.
  let i = list.length - 1;
  while (i > 0 && typeof list[i - 1]!.need === "number" && (list[i - 1]!.need as number) < d.need) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = d;
}

function settle(
  list: Debt[] | undefined,
  state: Version | undefined,
  t: number,
  times: Samples,
): void {
  if (list === undefined || list.length === 0 || state === undefined) return;
  if (typeof state === "number") {
    while (list.length > 0 && typeof list[list.length - 1]!.need === "number") {
      const d = list[list.length - 1]!;
      if ((d.need as number) > state) break;
      list.pop();
      pay(d, t, times);
    }
    return;
  }
  let k = 0;
  for (const d of list) {
    if (typeof d.need !== "number" && includes(state, d.need)) pay(d, t, times);
    else list[k++] = d;
  }
  list.length = k;
}

function pay(d: Debt, t: number, times: Samples): void {
  d.paid = true;
  const took = t - d.started;
  if (!Number.isNaN(took)) times.push(took);
}

function missing(
  view: ReplicationView,
  read: number,
  unpaid: Debt[],
  last: Map<number, number>,
  width: number,
): RepairMissing {
  const { h } = view;
  const replies = repliesOf(view, read) ?? [];
  const replicas = unpaid.map((d) => {
    const reply = replies.find((r) => r.node === d.node);
    const out: RepairMissing["replicas"][number] = {
      node: view.nodes.values[d.node]!,
      last: last.get(d.node * width + h.key[read]!) ?? -1,
    };
    const v = reply?.raw.version;
    if (v !== undefined && v !== null) out.replied = v as VersionShown;
    return out;
  });
  const newest = replies.find(
    (r) => r.version !== undefined && includes(r.version ?? undefined, unpaid[0]!.need),
  );
  return {
    kind: "repair-missing",
    ops: opDetails(h, [read, ...replicas.map((r) => r.last).filter((x) => x >= 0)]),
    key: h.keys[h.key[read]!],
    read,
    newest: (newest?.raw.version ?? shownVector(unpaid[0]!.need)) as VersionShown,
    replicas,
  };
}

function shownVector(v: Version): VersionShown {
  return typeof v === "number" ? v : Object.fromEntries([...v].sort());
}
