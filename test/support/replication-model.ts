/**
 * Histories of a correct replicated register store, for property tests of the replication
 * checkers: each key has one home node that accepts its writes (conflict avoidance), a write
 * takes the next global version, its home applies it at once and every other node right
 * after, in the order writes happen (so every replica applies in causal order and converges),
 * and reads return some node's state. One fault can then be injected at a chosen write:
 *
 * - `concurrent`: another node accepts a write of the same key before the first write
 *   reaches it; last write wins keeps the newer everywhere: one conflict (both writes), and
 *   the older write lost;
 * - `dropped`: one node never applies the last write of a key: that key diverges;
 * - `overtaken`: one node applies the next write before this one, which it depends on: one
 *   causal-order violation at that node.
 */
import fc from "fast-check";

export type Fault = "concurrent" | "dropped" | "overtaken";

export interface ModelStep {
  session: number;
  write: boolean;
  key: number;
  node: number;
}

export const NODES = ["n1", "n2", "n3"];

export const steps = fc.array(
  fc.record({
    session: fc.integer({ min: 0, max: 2 }),
    write: fc.boolean(),
    key: fc.integer({ min: 0, max: 2 }),
    node: fc.integer({ min: 0, max: 2 }),
  }),
  { minLength: 4, maxLength: 40 },
);

type Event = Record<string, unknown>;

interface Store {
  events: Event[];
  state: { version: number; value: unknown }[][];
  version: number;
  /** Replications waiting to be applied: [node, key, version, value]. */
  pending: [number, number, number, unknown][];
}

/** The store's history, and (when a fault is injected) the writes it concerns as event positions of their completions. */
export function history(
  plan: ModelStep[],
  fault?: { kind: Fault; at: number },
): { events: Event[]; injected: number[] } {
  const s: Store = {
    events: [],
    state: NODES.map(() => [0, 1, 2].map(() => ({ version: 0, value: null }))),
    version: 0,
    pending: [],
  };
  const writes = plan.filter((p) => p.write);
  // A dropped delivery must be of a key's last write, or a later write would mend it.
  const target =
    fault === undefined || writes.length === 0
      ? undefined
      : fault.kind === "dropped"
        ? writes[writes.length - 1]
        : writes[fault.at % writes.length];
  const injected: number[] = [];
  // Every node is a home replica of every key: one that never applied a write still counts.
  s.events.push({ type: "ok", process: "cluster", f: "config", home: NODES });
  for (const p of plan) {
    if (!p.write) {
      read(s, p);
      continue;
    }
    const home = p.key % NODES.length;
    const done = write(s, p.session, p.key, home);
    if (p !== target) {
      flush(s);
      continue;
    }
    injected.push(done);
    inject(s, fault!.kind, p, home, injected);
  }
  flush(s);
  return { events: s.events, injected };
}

function read(s: Store, p: ModelStep): void {
  const { version, value } = s.state[p.node]![p.key]!;
  s.events.push({ type: "invoke", process: p.session, f: "read", key: `k${p.key}` });
  s.events.push({
    type: "ok",
    process: p.session,
    f: "read",
    key: `k${p.key}`,
    value,
    version,
    node: NODES[p.node],
  });
}

/** A write accepted and applied at `node`; returns the position of its completion. */
function write(s: Store, session: number, key: number, node: number): number {
  flush(s);
  const version = ++s.version;
  const value = version * 10;
  s.events.push({ type: "invoke", process: session, f: "write", key: `k${key}`, value });
  apply(s, node, key, version, value);
  s.events.push({
    type: "ok",
    process: session,
    f: "write",
    key: `k${key}`,
    value,
    version,
    node: NODES[node],
  });
  for (let n = 0; n < NODES.length; n++) if (n !== node) s.pending.push([n, key, version, value]);
  return s.events.length - 1;
}

/** Applies a version at a node if it is newer than what it holds (last write wins). */
function apply(s: Store, node: number, key: number, version: number, value: unknown): void {
  const cur = s.state[node]![key]!;
  if (version <= cur.version) return;
  s.state[node]![key] = { version, value };
  s.events.push({
    type: "ok",
    process: `replica:${NODES[node]}`,
    f: "apply",
    key: `k${key}`,
    value,
    version,
  });
}

function flush(s: Store): void {
  for (const [n, k, v, value] of s.pending) apply(s, n, k, v, value);
  s.pending = [];
}

function inject(s: Store, kind: Fault, p: ModelStep, home: number, injected: number[]): void {
  const other = (home + 1) % NODES.length;
  if (kind === "dropped") {
    s.pending = s.pending.filter(([n]) => n !== other);
    flush(s);
    return;
  }
  if (kind === "concurrent") {
    // Another node takes a write of the key before the first reaches it.
    const held = s.pending;
    s.pending = [];
    injected.push(write(s, (p.session + 1) % 3, p.key, other));
    s.pending = [...held, ...s.pending];
    flush(s);
    return;
  }
  // overtaken: the session's next write, of the key homed at `other`, is taken there before
  // this write reaches it.
  const mine = s.pending.filter(([n]) => n === other);
  s.pending = s.pending.filter(([n]) => n !== other);
  flush(s);
  injected.push(write(s, p.session, (p.key + 1) % 3, other));
  s.pending = [...s.pending, ...mine];
  flush(s);
}
