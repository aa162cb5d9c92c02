/**
 * Lamport's happens-before among writes, as the history records it (Lamport 1978; DDIA 5.4,
 * "The happens-before relation and concurrency"). A node accepts a write knowing what it has
 * applied (its apply, repair and hint events, and through each write applied, what that
 * write's node knew), and what the writing client knew (its session's earlier writes and
 * what its reads returned, with their pasts). Each node numbers the writes it accepts, so a
 * write's past is a vector over nodes: `knows[o]` = how many of node o's writes it follows.
 * Write a happens before write b when b's vector counts a.
 *
 * A write is accepted at its node's apply of it when there is one (a leader applies a
 * local write at once); otherwise at the first event that shows it elsewhere, or at its
 * acknowledgement: the latest point at which it must have been accepted, so that its past is
 * never smaller than the truth (no false conflict), given that replica events record every
 * write a replica holds. A write a replica received and discarded, as older than what it
 * holds, is not part of the replica's past: no event records it.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { Ev, type ReplicationView, replicationView } from "./view.js";
import { type WriteIndex, writeIndex } from "./writes.js";

export interface Knowledge {
  /** Nodes the vectors range over. */
  readonly width: number;
  /** Per write ordinal: accepted (1) or never seen to take effect (0). */
  readonly accepted: Uint8Array;
  /** Per write ordinal: the node that accepted it, and its number among that node's writes (1-based). */
  readonly origin: Int32Array;
  readonly counter: Int32Array;
  /** Per write ordinal, `width` entries: its past. */
  readonly knows: Int32Array;
  /** Per node, its writes in the order it accepted them (ordinals). */
  readonly byOrigin: readonly number[][];
  /** Per write ordinal: the op (event or completion) at which it was taken as accepted. */
  readonly acceptedAt: Int32Array;
}

const cache = new WeakMap<History, Knowledge>();

export function knowledgeOf(h: History): Knowledge {
  return getOrInsert(cache, h, () => buildKnowledge(replicationView(h), writeIndex(h)));
}

/** Write a happens before write b (both accepted). */
export function happensBefore(k: Knowledge, a: number, b: number): boolean {
  return a !== b && k.knows[b * k.width + k.origin[a]!]! >= k.counter[a]!;
}

function buildKnowledge(view: ReplicationView, writes: WriteIndex): Knowledge {
  const { h } = view;
  const width = Math.max(1, view.nodes.values.length);
  const count = writes.ids.length;
  const k: Knowledge = {
    width,
    accepted: new Uint8Array(count),
    origin: new Int32Array(count).fill(-1),
    counter: new Int32Array(count),
    knows: new Int32Array(count * width),
    byOrigin: Array.from({ length: width }, () => []),
    acceptedAt: new Int32Array(count).fill(-1),
  };
  const nodeK = new Int32Array(width * width);
  const sessionK = new Int32Array(Math.max(1, h.sessions.length) * width);
  const accept = (w: number, at: number, fallback: number) => {
    const op = writes.ids[w]!;
    const o = h.node[op]! >= 0 && h.node[op]! < width ? h.node[op]! : fallback;
    if (o < 0) return;
    const row = o * width;
    joinInto(nodeK, row, sessionK, h.session[op]! * width, width);
    const c = ++nodeK[row + o]!;
    k.accepted[w] = 1;
    k.origin[w] = o;
    k.counter[w] = c;
    k.acceptedAt[w] = at;
    k.knows.set(nodeK.subarray(row, row + width), w * width);
    k.byOrigin[o]!.push(w);
  };
  for (let p = 0; p < view.order.length; p++) {
    const e = view.order[p]!;
    if (e < 0 || (e & 1) === 0) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    if (kind === Ev.apply || kind === Ev.repair || kind === Ev.hint) {
      const x = view.node[id]!;
      if (x < 0 || x >= width) continue;
      for (const w of writes.named(id)) {
        if (k.accepted[w] === 0) accept(w, id, x);
        if (k.accepted[w] === 1) joinInto(nodeK, x * width, k.knows, w * width, width);
      }
    } else if (kind === Ev.write && h.status[id] === 0) {
      const w = writes.ordinal[id]!;
      if (k.accepted[w] === 0) accept(w, id, -1);
      if (k.accepted[w] === 1)
        joinInto(sessionK, h.session[id]! * width, k.knows, w * width, width);
    } else if (kind === Ev.read && h.status[id] === 0) {
      for (const w of writes.named(id)) {
        if (k.accepted[w] === 1)
          joinInto(sessionK, h.session[id]! * width, k.knows, w * width, width);
      }
    }
  }
  return k;
}

function joinInto(
  into: Int32Array,
  at: number,
  from: Int32Array,
  fromAt: number,
  width: number,
): void {
  for (let i = 0; i < width; i++) {
    const x = from[fromAt + i]!;
    if (x > into[at + i]!) into[at + i] = x;
  }
}
