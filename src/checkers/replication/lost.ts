/**
 * Lost writes (DDIA 5.3, "Converging toward a consistent state", figure 5-7; 5.4, figure
 * 5-12): an acknowledged write that no replica's final state reflects, holding it or a write
 * that happens after it (Lamport's order as the history records it, knowledge.ts; with
 * vectors, a vector that includes it). Why it was lost is told from a write the replicas
 * kept (one that did not know it, if any: diverged replicas keep different writes):
 * concurrent (last write wins dropped it for a write that did not know it), clock-skew (an
 * earlier write with a higher timestamp won), arrival-order (replicas kept what arrived last,
 * an older write), sibling-overwritten (a vector that claims it without it), never-applied (no
 * replica holds anything of the key). Writes a failover took back are durability's; a key with
 * a home replica that records no event at all leaves its unreflected writes undecided (that
 * replica may hold them).
 */
import type { History } from "../../history/model.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import type { Failovers } from "./failover.js";
import type { FinalStates } from "./final.js";
import { happensBefore, type Knowledge } from "./knowledge.js";
import { ReplicaStates } from "./states.js";
import { includes } from "./versions.js";
import { Ev, homeOf, recordingNodes, replicationView } from "./view.js";
import type { WriteIndex } from "./writes.js";

export type LostCause =
  | "concurrent"
  | "clock-skew"
  | "arrival-order"
  | "sibling-overwritten"
  | "never-applied";

export interface LostWrite extends AnomalyBase {
  kind: "lost-write";
  key: unknown;
  /** Op ids: the lost write L, a write the replicas kept (K, -1 if none), and the final state that holds it (S, -1 if none). */
  write: number;
  kept: number;
  state: number;
  /** The replica whose final state S is. */
  holder?: string;
  cause: LostCause;
}

export function findLostWrites(
  h: History,
  writes: WriteIndex,
  k: Knowledge,
  failovers: Failovers,
  final: FinalStates,
  sink: Findings<LostWrite>,
): number {
  const held = heldByKey(h, final);
  const unrecorded = unrecordedApplies(h, writes);
  const view = replicationView(h);
  const recorded = recordingNodes(view);
  let checked = 0;
  for (let x = 0; x < writes.ids.length && !sink.stopped; x++) {
    const id = writes.ids[x]!;
    if (h.status[id] !== 0 || failovers.lostAt[x]! >= 0 || sink.expired()) continue;
    const v = writes.version(x);
    if (v === undefined) continue;
    if (typeof v === "number" && k.accepted[x] === 0) {
      sink.undecide("write-without-node", id);
      continue;
    }
    if (unrecorded.has(x)) {
      sink.undecide("unrecorded-apply", id);
      continue;
    }
    checked++;
    const kept = held.get(h.key[id]!) ?? [];
    const reflects = (y: number) =>
      y === x ||
      (typeof v === "number"
        ? k.accepted[y] === 1 && happensBefore(k, x, y)
        : includes(writes.version(y), v));
    if (kept.some(([, y]) => reflects(y))) continue;
    // A home replica with no event at all may hold it: nothing shows otherwise.
    if (homeOf(view, h.key[id]!)?.some((n) => !recorded.has(n))) {
      sink.undecide("unrecorded-home", id);
      continue;
    }
    // Diverged replicas may keep different writes: the cause is told from one that did not know x, if any.
    const winner =
      typeof v === "number"
        ? (kept.find(([, y]) => k.accepted[y] !== 1 || !happensBefore(k, y, x)) ?? kept[0])
        : kept[0];
    sink.add(() => lost(h, writes, k, x, winner));
  }
  return checked;
}

/**
 * Acknowledged writes that no replica event ever names although their node's state did not
 * include them when they were acknowledged: the node must have applied them (it could not
 * have discarded a write newer than what it held), so its events are incomplete, and whether
 * the write survived is unknown. (A write its node discarded as older than its state, under
 * last write wins, is a write no replica ever held: it is judged.)
 */
function unrecordedApplies(h: History, writes: WriteIndex): Set<number> {
  const view = replicationView(h);
  const named = new Uint8Array(writes.ids.length);
  for (let id = 0; id < h.size; id++) {
    const k = view.kind[id]!;
    if (k >= Ev.apply && k <= Ev.handoff) for (const w of writes.named(id)) named[w] = 1;
  }
  const out = new Set<number>();
  if (named.every((x, w) => x === 1 || h.status[writes.ids[w]!] !== 0)) return out;
  const states = new ReplicaStates(view, writes);
  for (let p = 0; p < view.order.length; p++) {
    const e = view.order[p]!;
    if (e < 0 || (e & 1) === 0) continue;
    const id = e >> 1;
    if (states.replay(id) || view.kind[id] !== Ev.write || h.status[id] !== 0) continue;
    const w = writes.ordinal[id]!;
    const v = writes.version(w);
    if (named[w] === 1 || v === undefined || h.node[id]! < 0) continue;
    if (!states.includesWrite(h.node[id]!, h.key[id]!, v)) out.add(w);
  }
  return out;
}

/** Per key, the (state event, write) pairs that replicas' final states hold. */
function heldByKey(h: History, final: FinalStates): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (const [node, key] of final.states.slots()) {
    const e = final.states.lastEvent(node, key);
    for (const w of final.states.heldWrites(node, key)) {
      const list = out.get(key) ?? [];
      list.push([e, w]);
      out.set(key, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => h.cmpPos[a[0]]! - h.cmpPos[b[0]]!);
  return out;
}

function lost(
  h: History,
  writes: WriteIndex,
  k: Knowledge,
  x: number,
  winner: [number, number] | undefined,
): LostWrite {
  const id = writes.ids[x]!;
  const out: LostWrite = {
    kind: "lost-write",
    ops: opDetails(h, [id]),
    key: h.keys[h.key[id]!],
    write: id,
    kept: -1,
    state: -1,
    cause: "never-applied",
  };
  if (winner === undefined) return out;
  const [state, y] = winner;
  out.kept = writes.ids[y]!;
  out.state = state;
  const view = replicationView(h);
  if (view.node[state]! >= 0) out.holder = view.nodes.values[view.node[state]!]!;
  out.ops = opDetails(h, [id, out.kept, state]);
  const vx = writes.version(x);
  const vy = writes.version(y);
  if (typeof vx !== "number" || typeof vy !== "number") out.cause = "sibling-overwritten";
  else if (k.accepted[y] !== 1 || !happensBefore(k, y, x)) out.cause = "concurrent";
  else out.cause = vy > vx ? "clock-skew" : "arrival-order";
  return out;
}
