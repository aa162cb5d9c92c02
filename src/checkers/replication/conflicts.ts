/**
 * Write conflicts (DDIA 5.3, "Handling write conflicts", figures 5-6 and 5-7; 5.4, "Detecting
 * concurrent writes"): two writes of one key of which neither happens before the other. With
 * version vectors the store's own vectors say it (incomparable vectors), compared pairwise
 * per key up to a limit. With numeric versions (last-write-wins timestamps, log positions)
 * happens-before is Lamport's as the history records it (knowledge.ts): each write is taken
 * in the order its node accepted it, and it conflicts with the writes of the key from other
 * nodes that it does not know of. Those are, per node, the last ones that node accepted, so a
 * stack per (key, node) of writes not yet found in conflict marks each write once: linear.
 * Writes a failover took back are durability's, not conflicts.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { compareVectors } from "../../history/observations.js";
import type { Failovers } from "./failover.js";
import type { Knowledge } from "./knowledge.js";
import type { WriteIndex } from "./writes.js";

/** Per write ordinal, the ordinal of one write concurrent with it (-1: none found). */
export type Partners = Int32Array;

export const MAX_VECTOR_WRITES = 4096;

interface NodeTail {
  lastCounter: number;
  last: number;
  unmarked: number[];
}

/** Conflicts among writes with numeric versions, by the knowledge of the nodes that accepted them. */
export function numericConflicts(
  h: History,
  writes: WriteIndex,
  k: Knowledge,
  failovers: Failovers,
  partner: Partners,
  expired: () => boolean,
): void {
  const order = acceptanceOrder(h, writes, k);
  const tails = new Map<number, (NodeTail | undefined)[]>();
  for (const x of order) {
    if (expired()) return;
    if (failovers.lostAt[x]! >= 0 || typeof writes.version(x) !== "number") continue;
    const key = h.key[writes.ids[x]!]!;
    const byNode = getOrInsert(tails, key, () => new Array<NodeTail | undefined>(k.width));
    const p = k.origin[x]!;
    for (let o = 0; o < k.width; o++) {
      const t = byNode[o];
      if (o === p || t === undefined) continue;
      const known = k.knows[x * k.width + o]!;
      if (t.lastCounter <= known) continue;
      if (partner[x]! < 0) partner[x] = t.last;
      while (t.unmarked.length > 0 && k.counter[t.unmarked[t.unmarked.length - 1]!]! > known) {
        partner[t.unmarked.pop()!] = x;
      }
    }
    const own = byNode[p] ?? { lastCounter: 0, last: -1, unmarked: [] };
    byNode[p] = own;
    own.lastCounter = k.counter[x]!;
    own.last = x;
    if (partner[x]! < 0) own.unmarked.push(x);
  }
}

/** Accepted writes, in the order of the events at which they were accepted. */
function acceptanceOrder(h: History, writes: WriteIndex, k: Knowledge): Int32Array {
  const out: number[] = [];
  for (let w = 0; w < writes.ids.length; w++) if (k.accepted[w] === 1) out.push(w);
  const pos = (w: number) => h.cmpPos[k.acceptedAt[w]!]!;
  return Int32Array.from(out.sort((a, b) => pos(a) - pos(b) || a - b));
}

/** Conflicts among writes with version vectors: incomparable pairs, per key; keys with too many writes are returned. */
export function vectorConflicts(
  h: History,
  writes: WriteIndex,
  partner: Partners,
  expired: () => boolean,
): number[] {
  const byKey = new Map<number, number[]>();
  for (let w = 0; w < writes.ids.length; w++) {
    const v = writes.version(w);
    if (v !== undefined && typeof v !== "number")
      getOrInsert(byKey, h.key[writes.ids[w]!]!, () => []).push(w);
  }
  const tooMany: number[] = [];
  for (const [key, ws] of byKey) {
    if (ws.length > MAX_VECTOR_WRITES) {
      tooMany.push(key);
      continue;
    }
    for (let i = 0; i < ws.length; i++) {
      if (expired()) return tooMany;
      const a = writes.version(ws[i]!) as Exclude<
        ReturnType<WriteIndex["version"]>,
        number | undefined
      >;
      for (let j = i + 1; j < ws.length; j++) {
        const b = writes.version(ws[j]!) as typeof a;
        if (compareVectors(a, b) !== "concurrent") continue;
        if (partner[ws[i]!]! < 0) partner[ws[i]!] = ws[j]!;
        if (partner[ws[j]!]! < 0) partner[ws[j]!] = ws[i]!;
      }
    }
  }
  return tooMany;
}
