/**
 * Leader failure and failover (DDIA 5.1, "Handling node outages"): after the failover delay
 * a follower is promoted (the most up-to-date one, or, to show what goes wrong, the most
 * lagging one). Its log is the truth from then on: entries past its end are cut, whatever
 * replica had applied them rolls back (a crashed one when it recovers). A partition only
 * delays replication: it never triggers a failover, so there is no split brain.
 *
 * Ground truth here: durability / lost-on-failover, an ok write whose log entry a failover
 * cut (the promoted follower had not received it), citing the promote event and the node.
 */
import type { SingleLeaderOptions } from "./options.js";
import type { ProtocolContext } from "./protocol.js";
import {
  applyEntry,
  commit,
  type Group,
  type LogHooks,
  pumpAll,
  type Rep,
  setCur,
} from "./single-leader-log.js";

type Restore = Map<number, number>;

export function leaderCrashed(ctx: ProtocolContext, g: Group, hooks: LogHooks): void {
  const r = ctx.w.o.replication as SingleLeaderOptions;
  if (r.failover === "none") return;
  const term = g.term;
  ctx.w.engine.after(r.failoverDelay, () => {
    if (g.term === term && !ctx.w.nodes[g.leader]!.up) failover(ctx, g, hooks);
  });
}

function failover(ctx: ProtocolContext, g: Group, hooks: LogHooks): void {
  const { w } = ctx;
  const r = w.o.replication as SingleLeaderOptions;
  let best: Rep | undefined;
  for (const rep of g.reps) {
    if (rep.node === g.leader || !w.nodes[rep.node]!.up) continue;
    if (best === undefined) best = rep;
    else if (r.failover === "lagging" ? rep.received < best.received : rep.received > best.received)
      best = rep;
  }
  if (best !== undefined) promote(ctx, g, best, hooks);
}

function promote(ctx: ProtocolContext, g: Group, p: Rep, hooks: LogHooks): void {
  const { w } = ctx;
  while (p.applied < p.received) applyEntry(g, p, p.applied, hooks);
  const cut = p.applied;
  g.term++;
  g.leader = p.node;
  const at = w.out.emit({
    index: 0,
    type: "ok",
    process: "cluster",
    f: "promote",
    node: w.nodes[p.node]!.name,
    time: w.engine.now,
  });
  const restore: Restore = new Map();
  for (let i = cut; i < g.key.length; i++) {
    const key = g.key[i]!;
    if (!restore.has(key)) restore.set(key, g.prev[i]!);
    const lost = g.write[i]!;
    hooks.cut(lost);
    w.out.labelWrite(lost, "durability", "lost-on-failover", {
      key: w.keyNames[key],
      version: lost.version,
      promote: at,
      node: w.nodes[p.node]!.name,
    });
    // No replica will hold a cut entry again (one that is down rolls back before it serves).
    lost.past = undefined;
  }
  for (const arr of [g.key, g.lsn, g.time, g.prev, g.write, g.refs]) arr.length = cut;
  // Indices past the cut will name new entries.
  g.orphans = g.orphans.filter((i) => i < cut);
  for (const [key, j] of restore) g.lastOfKey[key] = j;
  g.committed = cut;
  g.syncAcks.clear();
  g.waiting.clear();
  const n = g.reps.length;
  const sync = (w.o.replication as SingleLeaderOptions).syncFollowers;
  for (const rep of g.reps) {
    const rank = (rep.node - p.node + n) % n;
    rep.sync = rank >= 1 && rank <= sync;
    if (rep === p) continue;
    const ahead = rep.applied > cut;
    rep.applied = Math.min(rep.applied, cut);
    rep.received = Math.min(rep.received, cut);
    if (!ahead && rep.received <= cut) continue;
    if (w.nodes[rep.node]!.up) rollback(g, rep, cut, restore, hooks);
    else rep.restore = [...(rep.restore ?? []), [cut, restore]];
  }
  commit(g, hooks);
  pumpAll(ctx, g, hooks);
}

function rollback(g: Group, rep: Rep, cut: number, restore: Restore, hooks: LogHooks): void {
  for (const [key, j] of restore) {
    if (rep.cur[key]! < cut) continue;
    setCur(g, rep, key, j, true);
    hooks.changed(g, rep, key);
  }
}

/** A replica back from a crash first rolls back what failovers cut while it was down. */
export function settleRecovered(g: Group, rep: Rep, hooks: LogHooks): void {
  const debts = rep.restore;
  if (debts === undefined) return;
  rep.restore = undefined;
  for (const [cut, restore] of debts) rollback(g, rep, cut, restore, hooks);
}

/** A follower came back while the leader is down: it may be the one to promote now. */
export function retryFailover(ctx: ProtocolContext, g: Group, hooks: LogHooks): void {
  if (!ctx.w.nodes[g.leader]!.up) leaderCrashed(ctx, g, hooks);
}
