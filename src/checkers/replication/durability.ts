/**
 * The durability checks (DDIA 5.1, figure 5-2). An acknowledged write must be held by every
 * replica named in its `acks` when it is acknowledged: the replica's state includes it, or
 * it keeps a hint of it not yet handed off (ack-without-apply, one sweep in history order).
 * After a `promote`, an acknowledged write that the new leader never applied is lost
 * (lost-on-failover, failover.ts), with the first later read served by the new leader that
 * shows it gone.
 */
import { getOrInsert } from "../../history/columns.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import type { Failovers } from "./failover.js";
import { acksOf } from "./replies.js";
import { ReplicaStates } from "./states.js";
import { includes, opVersion } from "./versions.js";
import { Ev, type ReplicationView, recordingNodes } from "./view.js";
import type { WriteIndex } from "./writes.js";

export interface AckWithoutApply extends AnomalyBase {
  kind: "ack-without-apply";
  key: unknown;
  /** Op id of the write W. */
  write: number;
  /** Each replica that acknowledged W without holding it: its name and its last event of the key before the acknowledgement (-1: none). */
  replicas: { node: string; state: number }[];
}

export interface LostOnFailover extends AnomalyBase {
  kind: "lost-on-failover";
  key: unknown;
  write: number;
  /** The promote event, the promoted node, the crash of W's node before it (-1 if not recorded). */
  promote: number;
  node: string;
  crash: number;
  /** A later read served by the promoted node that returned an older version (-1 if none). */
  gone: number;
}

export function checkAcks(
  view: ReplicationView,
  writes: WriteIndex,
  sink: Findings<AckWithoutApply>,
): number {
  const { h } = view;
  const states = new ReplicaStates(view, writes);
  const hints = new Map<number, Set<number>>();
  const recorded = recordingNodes(view);
  let checked = 0;
  for (let p = 0; p < view.order.length && !sink.stopped; p++) {
    const e = view.order[p]!;
    if (e < 0 || (e & 1) === 0 || sink.expired()) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    const node = view.node[id]!;
    if (states.replay(id)) continue;
    if (kind === Ev.hint || kind === Ev.handoff) {
      const held = getOrInsert(hints, node, () => new Set<number>());
      for (const w of writes.named(id)) {
        if (kind === Ev.hint) held.add(w);
        else held.delete(w);
      }
    } else if (kind === Ev.write && h.status[id] === 0) {
      const acks = acksOf(view, id);
      if (acks === undefined) continue;
      checked++;
      const w = writes.ordinal[id]!;
      const v = opVersion(h, id);
      if (v === undefined) {
        sink.undecide("write-without-version", id);
        continue;
      }
      const key = h.key[id]!;
      const missing = acks.filter((a) => !states.includesWrite(a, key, v) && !hints.get(a)?.has(w));
      const unknown = missing.filter((a) => !recorded.has(a));
      if (unknown.length > 0) sink.undecide("unrecorded-replica", id, { nodes: unknown.length });
      const found = missing.filter((a) => recorded.has(a));
      if (found.length > 0) sink.add(() => ackWithout(view, id, found, states));
    }
  }
  return checked;
}

function ackWithout(
  view: ReplicationView,
  write: number,
  missing: number[],
  states: ReplicaStates,
): AckWithoutApply {
  const key = view.h.key[write]!;
  const replicas = missing.map((n) => ({
    node: view.nodes.values[n]!,
    state: states.lastEvent(n, key),
  }));
  return {
    kind: "ack-without-apply",
    ops: opDetails(view.h, [write, ...replicas.map((r) => r.state).filter((s) => s >= 0)]),
    key: view.h.keys[key],
    write,
    replicas,
  };
}

/** One anomaly per write a failover took back, with the first read by the new leader that shows it gone. */
export function reportFailovers(
  view: ReplicationView,
  writes: WriteIndex,
  failovers: Failovers,
  sink: Findings<LostOnFailover>,
): void {
  const { h } = view;
  const gone = firstReadsShowingGone(view, writes, failovers);
  for (let w = 0; w < writes.ids.length && !sink.stopped; w++) {
    const promote = failovers.lostAt[w]!;
    const write = writes.ids[w]!;
    if (h.status[write] !== 0) continue;
    if (promote < 0) {
      if (failovers.unknownAt[w]! >= 0) sink.undecide("unrecorded-promotion", write);
      continue;
    }
    const later = gone.get(w) ?? -1;
    const crash = failovers.crashAt[w]!;
    sink.add(() => ({
      kind: "lost-on-failover",
      ops: opDetails(h, [
        write,
        ...(crash >= 0 ? [crash] : []),
        promote,
        ...(later >= 0 ? [later] : []),
      ]),
      key: h.keys[h.key[write]!],
      write,
      promote,
      node: view.nodes.values[view.node[promote]!] ?? "",
      crash,
      gone: later,
    }));
  }
}

function firstReadsShowingGone(
  view: ReplicationView,
  writes: WriteIndex,
  failovers: Failovers,
): Map<number, number> {
  const { h } = view;
  const pending = new Map<number, number[]>();
  for (let w = 0; w < writes.ids.length; w++)
    if (failovers.lostAt[w]! >= 0) getOrInsert(pending, h.key[writes.ids[w]!]!, () => []).push(w);
  const out = new Map<number, number>();
  if (pending.size === 0) return out;
  for (let id = 0; id < h.size; id++) {
    if (view.kind[id] !== Ev.read || h.status[id] !== 0) continue;
    const list = pending.get(h.key[id]!);
    const v = opVersion(h, id);
    if (list === undefined) continue;
    for (const w of list) {
      const promote = failovers.lostAt[w]!;
      if (out.has(w) || h.invPos[id]! < h.cmpPos[promote]! || h.node[id] !== view.node[promote])
        continue;
      const wv = writes.version(w);
      if (wv !== undefined && !includes(v, wv)) out.set(w, id);
    }
  }
  return out;
}
