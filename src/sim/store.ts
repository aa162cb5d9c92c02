/**
 * Replica state for schemes where any node may accept a write (multi-leader, leaderless):
 * per node and key, the write it holds, or several under sibling handling. How an incoming
 * write is merged depends on the conflict handling: last write wins keeps the higher
 * timestamp; overwrite takes whatever arrives (replicas that see writes in different orders
 * end up different); siblings keep every write no other write's vector includes.
 */
import type { Conflicts } from "./options.js";
import { type Version, vvJoin, vvLeq } from "./versions.js";
import type { Observed, WriteRec } from "./world.js";

export interface Store {
  readonly conflicts: Conflicts;
  held(node: number, key: number): readonly WriteRec[];
  /** Merges a write into a node's state; true if the state changed. */
  merge(node: number, w: WriteRec): boolean;
  observed(node: number, key: number): Observed;
  /** Does the node's state include the write (hold it or something that supersedes it)? */
  includes(node: number, w: WriteRec): boolean;
}

const NONE: readonly WriteRec[] = [];

/** A node's state of a key as a replica event shows it: value, version, and siblings when it holds several. */
export function stateFields(store: Store, show: (v: Version) => unknown) {
  return (node: number, key: number): Record<string, unknown> => {
    const s = store.observed(node, key);
    const fields: Record<string, unknown> = { value: s.value };
    if (s.version !== undefined) fields.version = show(s.version);
    if (s.writes.length > 1)
      fields.siblings = s.writes.map((x) => ({ value: x.value, version: show(x.version) }));
    return fields;
  };
}

export function createStore(
  nodes: number,
  keys: number,
  conflicts: Conflicts,
  sessions: number,
): Store {
  const state: (readonly WriteRec[] | undefined)[][] = Array.from({ length: nodes }, () =>
    new Array(keys).fill(undefined),
  );
  const held = (node: number, key: number) => state[node]![key] ?? NONE;
  /** What a node's state of a key looks like to a read, kept until the state changes: reads far outnumber changes. */
  const seen: (Observed | undefined)[][] = Array.from({ length: nodes }, () => new Array(keys));
  return {
    conflicts,
    held,
    merge(node, w) {
      const cur = held(node, w.key);
      const next = merged(conflicts, cur, w);
      if (next === cur) return false;
      state[node]![w.key] = next;
      seen[node]![w.key] = undefined;
      return true;
    },
    observed(node, key) {
      let o = seen[node]![key];
      if (o === undefined) {
        o = observedOf(held(node, key), conflicts, sessions);
        seen[node]![key] = o;
      }
      return o;
    },
    includes(node, w) {
      const cur = held(node, w.key);
      if (conflicts !== "siblings")
        return cur.length > 0 && (cur[0]!.version as number) >= (w.version as number);
      return cur.some((x) => vvLeq(w.version as Int32Array, x.version as Int32Array));
    },
  };
}

function merged(conflicts: Conflicts, cur: readonly WriteRec[], w: WriteRec): readonly WriteRec[] {
  if (conflicts === "overwrite") return cur[0] === w ? cur : [w];
  if (conflicts === "lww") {
    return cur.length === 0 || (w.version as number) > (cur[0]!.version as number) ? [w] : cur;
  }
  const v = w.version as Int32Array;
  if (cur.some((x) => vvLeq(v, x.version as Int32Array))) return cur;
  return [...cur.filter((x) => !vvLeq(x.version as Int32Array, v)), w];
}

export function observedOf(
  writes: readonly WriteRec[],
  conflicts: Conflicts,
  sessions: number,
): Observed {
  if (conflicts !== "siblings") {
    const x = writes[0];
    return {
      writes,
      version: x === undefined ? 0 : x.version,
      value: x === undefined ? null : x.value,
    };
  }
  if (writes.length === 0) return { writes, version: undefined, value: null };
  const sorted = writes.length === 1 ? writes : [...writes].sort((a, b) => a.id - b.id);
  const version: Version = vvJoin(
    sorted.map((x) => x.version as Int32Array),
    sessions,
  );
  const value = sorted.length === 1 ? sorted[0]!.value : sorted.map((x) => x.value);
  return { writes: sorted, version, value };
}

/** What a coordinator makes of several replies: the newest (or merged siblings), or the first (a bug). */
export function pickReplies(
  replies: readonly Observed[],
  conflicts: Conflicts,
  pick: "newest" | "first",
  sessions: number,
): Observed {
  if (pick === "first" || replies.length === 1) return replies[0]!;
  if (conflicts !== "siblings") {
    let best = replies[0]!;
    for (const r of replies) if ((r.version as number) > (best.version as number)) best = r;
    return best;
  }
  let all: readonly WriteRec[] = [];
  for (const r of replies)
    for (const x of r.writes) if (!all.includes(x)) all = merged("siblings", all, x);
  return observedOf(all, conflicts, sessions);
}
