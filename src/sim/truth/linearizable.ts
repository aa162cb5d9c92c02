/**
 * Ground truth for linearizability of register runs (numeric versions, register workload),
 * decided exactly, per key, once the run is over. With unique values and every read known to
 * have read one write (or the initial value), a history is linearizable if and only if no
 * two clusters' zones conflict (Gibbons and Korach 1997; in the zone form of Golab, Li and
 * Shah, PODC 2011): a write's cluster is the write and the reads of it; its zone runs from
 * the earliest completion to the latest invocation among them, forward when that completion
 * comes first, backward otherwise; two forward zones must not overlap, and no backward zone
 * may lie inside a forward zone. The initial value is a write that completed before
 * everything; a write that timed out (info) may complete any time after its invocation,
 * and counts only if some read returned it. Times are event indices.
 *
 * - linearizable / not-linearizable: one label per key that is not linearizable, citing an
 *   op of a conflicting pair (`ops` holds one op of each cluster; the checker may name a
 *   different op of the key, so compare by key).
 */
import { Float64Column, Int32Column } from "../../history/columns.js";
import type { Output } from "../output.js";
import type { ClientOp, WriteRec } from "../world.js";

export interface LinearizableTruth {
  /** A client op completed ok, or a write timed out; `read` is the write a read returned (null: the initial value). */
  completed(op: ClientOp, read: WriteRec | null | undefined): void;
  finish(): void;
}

interface Zone {
  lo: number;
  hi: number;
  /** The earliest completion index of an op of the cluster, to cite. */
  op: number;
}

const INITIAL = -1;

export function createLinearizableTruth(
  out: Output,
  keyNames: readonly string[],
): LinearizableTruth {
  const key = new Int32Column();
  const inv = new Float64Column();
  const cmp = new Float64Column();
  /** The write id the op wrote (writes) or read (reads; INITIAL for the initial value). */
  const ref = new Int32Column();
  const pendingInfo: ClientOp[] = [];
  const record = (op: ClientOp, done: number, id: number) => {
    key.push(op.key);
    inv.push(op.invokeIndex);
    cmp.push(done);
    ref.push(id);
  };
  return {
    completed(op, read) {
      if (op.kind === "read") record(op, op.index, read ? read.id : INITIAL);
      else if (op.ok) record(op, op.index, op.write!.id);
      else pendingInfo.push(op);
    },
    finish() {
      // A write that timed out but took effect may complete at any time after its invocation.
      for (const op of pendingInfo) if (op.write) record(op, Number.POSITIVE_INFINITY, op.write.id);
      const byKey = new Map<number, Map<number, Zone>>();
      for (let i = 0; i < key.length; i++) {
        let zones = byKey.get(key.get(i));
        if (zones === undefined) {
          zones = new Map();
          byKey.set(key.get(i), zones);
        }
        widen(zones, ref.get(i), inv.get(i), cmp.get(i));
      }
      for (const k of [...byKey.keys()].sort((a, b) => a - b)) {
        const conflict = findConflict([...byKey.get(k)!.entries()]);
        if (conflict === undefined) continue;
        const ops = conflict.map((z) => z.op);
        out.label(Math.max(...ops), "linearizable", "not-linearizable", { key: keyNames[k], ops });
      }
    },
  };
}

/** Adds an op to its cluster's zone; the initial value's cluster starts with a write that completed at minus infinity. */
function widen(zones: Map<number, Zone>, id: number, start: number, end: number): void {
  let z = zones.get(id);
  if (z === undefined) {
    const lo = id === INITIAL ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    z = { lo, hi: Number.NEGATIVE_INFINITY, op: -1 };
    zones.set(id, z);
  }
  if (end < z.lo) z.lo = end;
  if (start > z.hi) z.hi = start;
  if (Number.isFinite(end) && (z.op < 0 || end < z.op)) z.op = end;
}

/** Two conflicting zones of one key (a forward zone first), or undefined if there are none. */
function findConflict(entries: [number, Zone][]): [Zone, Zone] | undefined {
  const zones = entries.map(([, z]) => z).filter((z) => z.op >= 0);
  const forward = zones.filter((z) => z.lo < z.hi).sort((a, b) => a.lo - b.lo);
  let widest: Zone | undefined;
  for (const f of forward) {
    if (widest !== undefined && f.lo < widest.hi) return [widest, f];
    if (widest === undefined || f.hi > widest.hi) widest = f;
  }
  // A backward zone [hi, lo] inside a forward zone [lo', hi']: lo' < hi and lo < hi'.
  const backward = zones.filter((z) => z.lo >= z.hi).sort((a, b) => a.hi - b.hi);
  widest = undefined;
  let i = 0;
  for (const b of backward) {
    while (i < forward.length && forward[i]!.lo < b.hi) {
      if (widest === undefined || forward[i]!.hi > widest.hi) widest = forward[i];
      i++;
    }
    if (widest !== undefined && b.lo < widest.hi) return [widest, b];
  }
  return undefined;
}
