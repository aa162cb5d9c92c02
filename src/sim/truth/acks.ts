/**
 * Acknowledged writes per key, to answer "which writes acknowledged before this read began
 * does its result not include?" (staleness, quorum overlap). Numeric versions are kept
 * sorted, so a read looks only at the versions above its own; vectors are scanned.
 */
import { includes, type Version } from "../versions.js";
import type { WriteRec } from "../world.js";

export interface Missed {
  count: number;
  /** The newest of them: the highest numeric version, or the last acknowledged. */
  newest: WriteRec | undefined;
}

export interface AckIndex {
  add(w: WriteRec): void;
  /**
   * Writes of `key` acknowledged before ack order `floor` that a state at `have` does not
   * include (or, given `holds`, that are not among the writes it holds: a list).
   */
  missed(
    key: number,
    have: Version | undefined,
    floor: number,
    holds?: ReadonlySet<WriteRec>,
  ): Missed;
}

export function createAckIndex(numeric: boolean): AckIndex {
  const byKey = new Map<number, WriteRec[]>();
  return {
    add(w) {
      let list = byKey.get(w.key);
      if (list === undefined) {
        list = [];
        byKey.set(w.key, list);
      }
      list.push(w);
      if (!numeric) return;
      // Insertion sort from the end: versions mostly arrive in order.
      let i = list.length - 1;
      while (i > 0 && (list[i - 1]!.version as number) > (w.version as number)) {
        list[i] = list[i - 1]!;
        i--;
      }
      list[i] = w;
    },
    missed(key, have, floor, holds) {
      const list = byKey.get(key);
      const out: Missed = { count: 0, newest: undefined };
      if (list === undefined) return out;
      if (holds !== undefined) {
        for (let i = list.length - 1; i >= 0; i--) {
          const w = list[i]!;
          if (w.ackOrder >= floor || holds.has(w)) continue;
          out.count++;
          out.newest ??= w;
        }
        return out;
      }
      if (numeric) {
        const h = typeof have === "number" ? have : 0;
        for (let i = list.length - 1; i >= 0 && (list[i]!.version as number) > h; i--) {
          const w = list[i]!;
          if (w.ackOrder >= floor) continue;
          out.count++;
          out.newest ??= w;
        }
        return out;
      }
      for (const w of list) {
        if (w.ackOrder >= floor) break;
        if (includes(have, w.version)) continue;
        out.count++;
        out.newest = w;
      }
      return out;
    },
  };
}
