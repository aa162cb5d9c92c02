/**
 * Ground truth about the end of a run (multi-leader and leaderless), once every message
 * that could be delivered was:
 *
 * - convergence / divergence: a key whose replicas that are up hold different states (a
 *   different write, or different siblings). Labelled at the history's last index, with
 *   each replica's state.
 * - lost-writes / lost-write: an ok write that no replica's final state reflects (holds it,
 *   or holds a write that happens after it: by Lamport's order with numeric versions, by
 *   vectors with siblings). `cause`, from a write the replicas kept (one that did not
 *   know it, if any: diverged replicas keep different writes): concurrent (last write wins
 *   dropped it for a write that did not know it), clock-skew (an earlier write won on its timestamp), arrival-order
 *   (overwrite kept whatever came last), sibling-overwritten, never-applied (only hints held it,
 *   and they were never handed off).
 */
import { happensBefore } from "../knowledge.js";
import type { Store } from "../store.js";
import { vvLeq } from "../versions.js";
import type { World, WriteRec } from "../world.js";

export function finalTruth(
  w: World,
  store: Store,
  holders: (key: number) => readonly number[],
  writes: readonly WriteRec[],
  show: (node: number, key: number) => Record<string, unknown>,
): void {
  const last = w.out.events - 1;
  for (let key = 0; key < w.o.keys; key++) {
    const states = new Map<string, number[]>();
    for (const n of holders(key)) {
      if (!w.nodes[n]!.up) continue;
      const sig = store
        .held(n, key)
        .map((x) => x.id)
        .sort((a, b) => a - b)
        .join(",");
      states.set(sig, [...(states.get(sig) ?? []), n]);
    }
    if (states.size < 2) continue;
    const byNode: Record<string, unknown> = {};
    for (const n of holders(key)) if (w.nodes[n]!.up) byNode[w.nodes[n]!.name] = show(n, key);
    w.out.label(last, "convergence", "divergence", { key: w.keyNames[key], states: byNode });
  }
  for (const x of writes) {
    if (x.index < 0) continue;
    const reflected = holders(x.key).some((n) =>
      store.held(n, x.key).some((y) => y === x || reflects(store, x, y)),
    );
    if (reflected) continue;
    // Diverged replicas may keep different writes: the cause is told from one that did not know x, if any.
    const kept = holders(x.key)
      .map((n) => store.held(n, x.key)[0])
      .filter((y) => y !== undefined);
    const winner = kept.find((y) => !happensBefore(y, x)) ?? kept[0];
    w.out.label(x.index, "lost-writes", "lost-write", {
      key: w.keyNames[x.key],
      cause: cause(store, x, winner),
      by: winner?.index ?? -1,
    });
  }
}

function reflects(store: Store, x: WriteRec, y: WriteRec): boolean {
  if (store.conflicts === "siblings")
    return vvLeq(x.version as Int32Array, y.version as Int32Array);
  return happensBefore(x, y);
}

function cause(store: Store, x: WriteRec, winner: WriteRec | undefined): string {
  if (winner === undefined) return "never-applied";
  if (store.conflicts === "siblings") return "sibling-overwritten";
  if (!happensBefore(winner, x)) return "concurrent";
  return store.conflicts === "lww" ? "clock-skew" : "arrival-order";
}
