/**
 * Writes a failover took back (DDIA 5.1, "Handling node outages"; figure 5-2): after a
 * `promote` of node P, the new leader's log is the truth, so an acknowledged write that was
 * accepted by another node before the promotion and that P never applied is gone. Only
 * writes whose node was down when P was promoted count (the leader that failed), when the
 * history records crashes at all: a promotion in one shard says nothing of another shard's
 * writes, whose leader is still up. A write counts as held by P if P ever applied it, or if
 * before the promotion P held its key at a numeric version at least the write's (a state
 * includes every write up to its version: replica events may skip versions). A promoted node that records no replica event at all (or a
 * promotion that names no node) cannot show what it held: the writes at stake are undecided,
 * not lost.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { Ev, type ReplicationView, recordingNodes, replicationView } from "./view.js";
import { type WriteIndex, writeIndex } from "./writes.js";

export interface Failovers {
  /** Per write ordinal, the promote event that took it back, or -1. */
  readonly lostAt: Int32Array;
  /** Per write ordinal, the crash event of its node before that promote, or -1. */
  readonly crashAt: Int32Array;
  /** Per write ordinal, a promote of a node that records no replica event, after which the write may be gone, or -1. */
  readonly unknownAt: Int32Array;
  readonly promotes: number;
}

const cache = new WeakMap<History, Failovers>();

export function failoversOf(h: History): Failovers {
  return getOrInsert(cache, h, () => findFailovers(replicationView(h), writeIndex(h)));
}

function findFailovers(view: ReplicationView, writes: WriteIndex): Failovers {
  const { h } = view;
  const count = writes.ids.length;
  const lostAt = new Int32Array(count).fill(-1);
  const crashAt = new Int32Array(count).fill(-1);
  const unknownAt = new Int32Array(count).fill(-1);
  if (view.counts[Ev.promote] === 0) return { lostAt, crashAt, unknownAt, promotes: 0 };
  const applied = appliedBy(view, writes);
  const recorded = recordingNodes(view);
  const recordsCrashes = view.counts[Ev.crash]! > 0;
  const crashedBy = new Map<number, number>();
  const invoked: number[] = [];
  /** The highest numeric version each replica held of each key (node * keys + key), so far. */
  const highest = new Map<number, number>();
  const keys = Math.max(1, h.keys.length);
  for (let p = 0; p < view.order.length; p++) {
    const e = view.order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    if (kind === Ev.write && (e & 1) === 0) {
      const w = writes.ordinal[id]!;
      // A write of unknown outcome is taken back too (it is never a lost acknowledgement,
      // but it no longer precedes anything and no replica will deliver it).
      if (w >= 0 && h.status[id] !== 1) invoked.push(w);
    } else if ((kind === Ev.apply || kind === Ev.repair) && view.node[id]! >= 0) {
      const slot = view.node[id]! * keys + h.key[id]!;
      const v = h.version[id]!;
      if (h.key[id]! >= 0 && v > (highest.get(slot) ?? Number.NEGATIVE_INFINITY))
        highest.set(slot, v);
    } else if (kind === Ev.crash) crashedBy.set(view.node[id]!, id);
    else if (kind === Ev.recover) crashedBy.delete(view.node[id]!);
    else if (kind === Ev.promote) {
      const promoted = view.node[id]!;
      for (const w of invoked) {
        const leader = h.node[writes.ids[w]!]!;
        if (lostAt[w]! >= 0 || leader < 0 || leader === promoted) continue;
        if (recordsCrashes && !crashedBy.has(leader)) continue;
        if (promoted >= 0 && applied.get(w)?.has(promoted)) continue;
        const v = writes.version(w);
        const held = highest.get(promoted * keys + h.key[writes.ids[w]!]!);
        if (typeof v === "number" && held !== undefined && held >= v) continue;
        if (promoted < 0 || !recorded.has(promoted)) {
          if (unknownAt[w]! < 0) unknownAt[w] = id;
          continue;
        }
        lostAt[w] = id;
        crashAt[w] = crashedBy.get(leader) ?? -1;
      }
    }
  }
  return { lostAt, crashAt, unknownAt, promotes: view.counts[Ev.promote]! };
}

/** Per write ordinal, the nodes that ever applied it exactly (their state named it). */
function appliedBy(view: ReplicationView, writes: WriteIndex): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (let id = 0; id < view.h.size; id++) {
    const k = view.kind[id]!;
    if ((k !== Ev.apply && k !== Ev.repair) || view.node[id]! < 0) continue;
    for (const w of writes.named(id))
      getOrInsert(out, w, () => new Set<number>()).add(view.node[id]!);
  }
  return out;
}
