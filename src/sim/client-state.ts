/**
 * What a session remembers of a key between its ops: the context it sends with a write
 * (the join of every version vector it read or wrote, so its writes supersede what it has
 * seen), and for sets (carts) the set it last read, merged from siblings as configured, and
 * the writes that set came from.
 */
import { vvJoinInto } from "./versions.js";
import type { ClientOp, Observed, World, WriteRec } from "./world.js";

export function rememberRead(w: World, op: ClientOp, seen: Observed): void {
  const s = op.session;
  if (seen.version !== undefined && typeof seen.version !== "number") {
    const ctx = s.context.get(op.key) ?? new Int32Array(seen.version.length);
    vvJoinInto(ctx, seen.version);
    s.context.set(op.key, ctx);
  }
  if (w.o.workload !== "set") return;
  s.lastRead.set(op.key, mergeSets(w, seen.writes));
  s.basis.set(op.key, seen.writes);
}

export function rememberWrite(w: World, op: ClientOp, wr: WriteRec): void {
  const s = op.session;
  if (typeof wr.version !== "number") {
    const ctx = s.context.get(op.key) ?? new Int32Array(wr.version.length);
    vvJoinInto(ctx, wr.version);
    s.context.set(op.key, ctx);
  }
  if (w.o.workload !== "set") return;
  s.lastRead.set(op.key, op.value as number[]);
  s.basis.set(op.key, [wr]);
}

/** Union of the siblings' sets (a correct merge), or the first sibling alone (figure 5-13's bug). */
function mergeSets(w: World, writes: readonly WriteRec[]): number[] {
  const r = w.o.replication as { merge?: string };
  if (writes.length === 0) return [];
  if (writes.length === 1 || r.merge === "pick-one") return writes[0]!.value as number[];
  const all = new Set<number>();
  for (const x of writes) for (const v of x.value as number[]) all.add(v);
  return [...all].sort((a, b) => a - b);
}
