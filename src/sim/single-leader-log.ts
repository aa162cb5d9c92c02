/**
 * Single-leader replication (DDIA 5.1) of one shard: the leader appends each write to its
 * log under the next log position (LSN), followers receive the log in order, each behind by
 * its own drifting lag, and apply it. A write commits when the synchronous followers have
 * acknowledged it (at once when there are none); only then does the leader apply it, so its
 * reads never show a write that a failover could take back. On failover the promoted
 * follower's log is the truth: entries past it are cut, replicas that had applied them roll
 * back, and new writes take positions after every position ever given out, so that a
 * version never names two different writes.
 */
import type { ProtocolContext } from "./protocol.js";
import type { ClientOp, WriteRec } from "./world.js";
import { reachable } from "./world.js";

export interface Rep {
  node: number;
  received: number;
  applied: number;
  /** Per key: log index of the latest applied entry, -1 for the initial value. */
  cur: Int32Array;
  busy: boolean;
  lag: number;
  maxLag: number;
  sync: boolean;
  /** Rollbacks owed since failovers cut entries this (then crashed) replica had: [cut, key to index to restore]. */
  restore: [number, Map<number, number>][] | undefined;
}

export interface Group {
  index: number;
  leader: number;
  term: number;
  key: number[];
  lsn: number[];
  time: number[];
  /** Index of the previous entry of the same key, -1 if none. */
  prev: number[];
  write: WriteRec[];
  lastOfKey: Int32Array;
  /** Per entry: how many replicas hold it as their current state of its key. */
  refs: number[];
  /** Entries no replica held when last looked at, whose causal past may be let go (see setCur). */
  orphans: number[];
  /** Whether pasts are let go at all: not on lists, whose every read shows every append. */
  letGo: boolean;
  /** Sweep the orphans once there are this many. */
  sweepAt: number;
  reps: Rep[];
  committed: number;
  lastLsn: number;
  syncAcks: Map<number, Set<number>>;
  waiting: Map<number, ClientOp>;
}

export interface LogHooks {
  /** A replica is about to apply entry i (its state of the entry's key changes). */
  applying(g: Group, rep: Rep, i: number): void;
  /** A replica's state of a key changed (apply, rollback). */
  changed(g: Group, rep: Rep, key: number): void;
  /** A failover cut this write from the log: it will never be applied anywhere again. */
  cut(w: WriteRec): void;
  /** Entry i committed: answer its client. */
  committed(g: Group, i: number): void;
}

export function createGroup(ctx: ProtocolContext, index: number, nodes: number): Group {
  const o = ctx.w.o;
  const r = o.replication as { lag: [number, number]; syncFollowers: number };
  const leader = index % nodes;
  const reps: Rep[] = [];
  for (let n = 0; n < nodes; n++) {
    const rank = (n - leader + nodes) % nodes;
    const span = nodes > 1 ? ((r.lag[1] - r.lag[0]) * rank) / (nodes - 1) : 0;
    reps.push({
      node: n,
      received: 0,
      applied: 0,
      cur: new Int32Array(o.keys).fill(-1),
      busy: false,
      lag: ctx.w.rng.int(r.lag[0], Math.round(r.lag[0] + span)),
      maxLag: Math.round(r.lag[0] + span),
      sync: rank >= 1 && rank <= r.syncFollowers,
      restore: undefined,
    });
  }
  return {
    index,
    leader,
    term: 0,
    key: [],
    lsn: [],
    time: [],
    prev: [],
    write: [],
    lastOfKey: new Int32Array(o.keys).fill(-1),
    refs: [],
    orphans: [],
    letGo: o.workload !== "list-append",
    sweepAt: SWEEP_MIN,
    reps,
    committed: 0,
    lastLsn: 0,
    syncAcks: new Map(),
    waiting: new Map(),
  };
}

export function lsnAt(g: Group, i: number): number {
  return i < 0 ? 0 : g.lsn[i]!;
}

/** The leader appends a write; returns its log index. */
export function append(g: Group, w: WriteRec, now: number): number {
  const i = g.key.length;
  g.key.push(w.key);
  g.lsn.push(w.version as number);
  g.time.push(now);
  g.prev.push(g.lastOfKey[w.key]!);
  g.write.push(w);
  g.lastOfKey[w.key] = i;
  return i;
}

/**
 * Points a replica's key at log entry i, counting how many replicas hold each entry. Once
 * none holds it and none ever will again, no read can observe the write again, and its
 * causal past is let go (the bulk of memory on long runs). No replica holding it is not
 * enough: a lagging follower that has not applied the entry yet will hold it later, and a
 * crashed replica that owes a rollback will be pointed back at it (see sweep). On list keys
 * nothing is let go: a replica shows every earlier append of the key with its current one.
 * `fromCut`: the old entry was cut by a failover, and its count went with it.
 */
export function setCur(g: Group, rep: Rep, key: number, i: number, fromCut = false): void {
  const old = rep.cur[key]!;
  if (old >= 0 && !fromCut) {
    g.refs[old] = g.refs[old]! - 1;
    if (g.refs[old] === 0 && g.letGo) {
      g.orphans.push(old);
      if (g.orphans.length >= g.sweepAt) sweep(g);
    }
  }
  rep.cur[key] = i;
  if (i >= 0) g.refs[i] = (g.refs[i] ?? 0) + 1;
}

const SWEEP_MIN = 256;

/**
 * Lets go of the causal past of every orphan that no replica holds and none can hold again:
 * every replica (crashed ones too) has applied past it, and no rollback a crashed replica
 * owes restores it. Orphans held again are dropped (they come back when let go again);
 * those that may still be applied or restored wait for the next sweep, which comes once
 * the list has doubled, so the work stays linear in the entries.
 */
export function sweep(g: Group): void {
  let applied = Number.POSITIVE_INFINITY;
  let owed: Set<number> | undefined;
  for (const rep of g.reps) {
    if (rep.applied < applied) applied = rep.applied;
    for (const [, restore] of rep.restore ?? []) {
      owed ??= new Set();
      for (const j of restore.values()) owed.add(j);
    }
  }
  let k = 0;
  for (const i of g.orphans) {
    if (g.refs[i]! > 0) continue;
    if (i < applied && !owed?.has(i)) g.write[i]!.past = undefined;
    else g.orphans[k++] = i;
  }
  g.orphans.length = k;
  g.sweepAt = Math.max(SWEEP_MIN, 2 * k);
}

export function applyEntry(g: Group, rep: Rep, i: number, hooks: LogHooks): void {
  hooks.applying(g, rep, i);
  setCur(g, rep, g.key[i]!, i);
  rep.applied = i + 1;
  if (rep.received < rep.applied) rep.received = rep.applied;
  hooks.changed(g, rep, g.key[i]!);
}

/** Commits entries in order once every synchronous follower acknowledged them. */
export function commit(g: Group, hooks: LogHooks): void {
  const leader = g.reps[g.leader]!;
  while (g.committed < g.key.length) {
    const i = g.committed;
    const acks = g.syncAcks.get(i);
    for (const rep of g.reps) if (rep.sync && !acks?.has(rep.node)) return;
    g.committed++;
    if (leader.applied <= i) applyEntry(g, leader, i, hooks);
    hooks.committed(g, i);
    g.syncAcks.delete(i);
  }
}

/** Sends the next log entry to a follower, if it can receive one. */
export function pump(ctx: ProtocolContext, g: Group, rep: Rep, hooks: LogHooks): void {
  const { w } = ctx;
  if (rep.busy || rep.node === g.leader || g.leader < 0 || rep.received >= g.key.length) return;
  if (!reachable(w, g.leader, rep.node)) return;
  rep.busy = true;
  const i = rep.received;
  const term = g.term;
  const due = g.time[i]! + rep.lag + w.nodes[rep.node]!.extraLag;
  w.engine.after(due - w.engine.now, () => {
    rep.busy = false;
    if (g.term !== term || rep.received !== i || !reachable(w, g.leader, rep.node)) {
      pump(ctx, g, rep, hooks);
      return;
    }
    receive(ctx, g, rep, i, hooks);
    pump(ctx, g, rep, hooks);
  });
}

function receive(ctx: ProtocolContext, g: Group, rep: Rep, i: number, hooks: LogHooks): void {
  const { w } = ctx;
  const r = w.o.replication as { lag: [number, number]; syncAck: string; applyDelay: number };
  rep.received = i + 1;
  if (w.rng.chance(0.1)) rep.lag = w.rng.int(r.lag[0], rep.maxLag);
  if (rep.sync && r.syncAck === "receive") sendAck(ctx, g, rep, i, hooks);
  const apply = () => {
    applyEntry(g, rep, i, hooks);
    if (rep.sync && r.syncAck === "apply") sendAck(ctx, g, rep, i, hooks);
  };
  if (r.applyDelay === 0) {
    apply();
    return;
  }
  const term = g.term;
  w.engine.after(r.applyDelay, () => {
    if (g.term === term && w.nodes[rep.node]!.up && rep.applied === i) apply();
  });
}

function sendAck(ctx: ProtocolContext, g: Group, rep: Rep, i: number, hooks: LogHooks): void {
  const { w } = ctx;
  const term = g.term;
  w.engine.after(w.rng.int(w.o.clientDelay[0], w.o.clientDelay[1]), () => {
    if (g.term !== term || !reachable(w, rep.node, g.leader)) return;
    let acks = g.syncAcks.get(i);
    if (acks === undefined) {
      acks = new Set();
      g.syncAcks.set(i, acks);
    }
    acks.add(rep.node);
    commit(g, hooks);
  });
}

export function pumpAll(ctx: ProtocolContext, g: Group, hooks: LogHooks): void {
  for (const rep of g.reps) pump(ctx, g, rep, hooks);
}
