/**
 * Ground truth about concurrent writes (multi-leader and leaderless), decided when a node
 * accepts a write:
 *
 * - write-conflicts / write-conflict: an ok write of a key that is concurrent with another
 *   write of the key: neither happens before the other. With numeric versions (last write
 *   wins, overwrite) happens-before is Lamport's among nodes and clients (src/sim/knowledge.ts);
 *   with siblings it is the version vectors' order, which is what a checker reads. The label
 *   says how the conflict is resolved (`resolution`: lww, overwrite, siblings).
 * - siblings / sibling-overwritten: an ok write whose version vector includes an earlier
 *   write of the key that the client's context (what it read and wrote) did not include: it
 *   claims to supersede a sibling it never saw (its own session's earlier writes it supersedes by
 *   session order).
 * - siblings / sibling-element-dropped: an ok write of a set (a cart) that lacks an element
 *   of the writes it was built on (the siblings its session last read, or its own last
 *   write): a merge that dropped items.
 */
import { happensBefore } from "../knowledge.js";
import type { Output } from "../output.js";
import { type Vector, vvLeq } from "../versions.js";
import type { World, WriteRec } from "../world.js";

export interface ConflictTruth {
  /** A node accepted `w`; `basis` is what its client built it on (set workload). */
  accepted(w: WriteRec, context: Vector | undefined, basis: readonly WriteRec[] | undefined): void;
}

/** `known(o)`: how many of node o's writes every node knows of (older ones are forgotten: nothing later can conflict with them). */
export function createConflictTruth(
  w: World,
  nodes: number,
  known: (origin: number) => number,
): ConflictTruth {
  const out: Output = w.out;
  const r = w.o.replication as { conflicts: string };
  const siblings = r.conflicts === "siblings";
  const byKey = new Map<number, WriteRec[][]>();
  const labelled = new Set<number>();
  const key = (x: WriteRec) => w.keyNames[x.key]!;
  const conflict = (x: WriteRec) => {
    if (labelled.has(x.id)) return;
    labelled.add(x.id);
    out.labelWrite(x, "write-conflicts", "write-conflict", {
      key: key(x),
      resolution: r.conflicts,
    });
  };
  const lists = (k: number): WriteRec[][] => {
    let l = byKey.get(k);
    if (l === undefined) {
      l = Array.from({ length: siblings ? 1 : nodes }, () => []);
      byKey.set(k, l);
    }
    return l;
  };
  return {
    accepted(x, context, basis) {
      const l = lists(x.key);
      if (siblings) {
        for (const y of l[0]!) {
          const v = y.version as Vector;
          if (!vvLeq(v, x.version as Vector)) {
            conflict(x);
            conflict(y);
          } else if (y.session !== x.session && (context === undefined || !vvLeq(v, context))) {
            out.labelWrite(x, "siblings", "sibling-overwritten", {
              key: key(x),
              overwritten: y.index,
            });
          }
        }
        l[0]!.push(x);
      } else {
        for (let o = 0; o < nodes; o++) {
          const list = l[o]!;
          for (let i = list.length - 1; i >= 0 && !happensBefore(list[i]!, x); i--) {
            conflict(x);
            conflict(list[i]!);
          }
        }
        const own = l[x.origin]!;
        own.push(x);
        // Writes every node knows of can conflict with nothing later (and are never reached
        // by the scan above, which stops at the first write x knows): drop them.
        if (own.length > 64) {
          const floor = known(x.origin);
          if (own[own.length >> 1]!.counter <= floor)
            l[x.origin] = own.filter((y) => y.counter > floor);
        }
      }
      if (basis !== undefined && w.o.workload === "set") dropped(out, x, basis, key(x));
    },
  };
}

function dropped(out: Output, x: WriteRec, basis: readonly WriteRec[], key: string): void {
  const have = new Set(x.value as number[]);
  for (const b of basis) {
    const missing = (b.value as number[]).filter((v) => !have.has(v));
    if (missing.length === 0) continue;
    out.labelWrite(x, "siblings", "sibling-element-dropped", { key, missing, from: b.index });
    return;
  }
}
