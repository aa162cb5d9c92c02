/**
 * A decomposition of a history's ops into chains, each totally ordered by session order, so
 * that a vector clock indexed by chain describes an op's causal past (clocks.ts): the past
 * holds, of each chain, a prefix. A session whose acknowledged ops never overlap is one chain
 * (the common case: then the clock has one entry per session); a session that overlaps
 * itself is split into its processes, each sequential. An indeterminate (info) write is a
 * chain of its own: nothing follows it in session order, but a read may observe it.
 * Failed ops, info reads and the events of named processes belong to no chain.
 */
import { Access, type Accesses } from "../history/accesses.js";
import { type History, Status } from "../history/model.js";
import { isClientOp } from "../history/vocabulary.js";

export interface Chains {
  readonly count: number;
  /** Chain of each op, -1 for none. */
  readonly chainOf: Int32Array;
  /** 1-based position of each op in its chain, 0 for none. */
  readonly posOf: Int32Array;
  /** Per chain, its ops in order. */
  readonly members: readonly Int32Array[];
  /** Sessions split into processes because their ops overlap. */
  readonly overlapping: ReadonlySet<number>;
}

export function decomposeChains(h: History, acc: Accesses): Chains {
  const overlapping = overlappingSessions(h);
  const chainOf = new Int32Array(h.size).fill(-1);
  const posOf = new Int32Array(h.size);
  const ids = new Map<number, number>();
  const lengths: number[] = [];
  const sessions = h.sessions.length;
  for (let id = 0; id < h.size; id++) {
    if (!isClientOp(h, id)) continue;
    let c: number;
    if (h.status[id] === Status.ok) {
      const s = h.session[id]!;
      const k = overlapping.has(s) ? sessions + h.process[id]! * sessions + s : s;
      c = ids.get(k) ?? -1;
      if (c < 0) {
        c = lengths.push(0) - 1;
        ids.set(k, c);
      }
    } else if (h.status[id] === Status.info && writes(acc, id)) {
      c = lengths.push(0) - 1;
    } else continue;
    chainOf[id] = c;
    posOf[id] = ++lengths[c]!;
  }
  const members = lengths.map((n) => new Int32Array(n));
  for (let id = 0; id < h.size; id++) {
    const c = chainOf[id]!;
    if (c >= 0) members[c]![posOf[id]! - 1] = id;
  }
  return { count: lengths.length, chainOf, posOf, members, overlapping };
}

function writes(acc: Accesses, id: number): boolean {
  for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) {
    if (acc.kind[a] === Access.write) return true;
  }
  return false;
}

/** Sessions in which an acknowledged op began before the previous one completed. */
function overlappingSessions(h: History): Set<number> {
  const lastCompletion = new Int32Array(h.sessions.length).fill(-1);
  const out = new Set<number>();
  for (let id = 0; id < h.size; id++) {
    if (!isClientOp(h, id) || h.status[id] !== Status.ok) continue;
    const s = h.session[id]!;
    if (h.invPos[id]! < lastCompletion[s]!) out.add(s);
    lastCompletion[s] = h.cmpPos[id]!;
  }
  return out;
}
