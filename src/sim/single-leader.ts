/**
 * The single-leader scheme (DDIA 5.1 to 5.3, figures 5-1 to 5-5) as a Protocol: writes go to
 * the leader of the key's shard, reads to a replica chosen by the routing policy; with
 * `read-your-writes` routing the session carries the highest log position it has seen, and a
 * replica that has not applied that far hands the read to the leader.
 *
 * Ground truth here: causal-delivery / causal-order-violation (src/sim/truth/delivery.ts),
 * found only across shards (each follower applies each shard's log in order, but the shards
 * independently), and never for writes a failover cut.
 */
import type { ReadResult } from "./clients.js";
import { createKnowledge } from "./knowledge.js";
import type { SingleLeaderOptions } from "./options.js";
import type { Protocol, ProtocolContext } from "./protocol.js";
import { leaderCrashed, retryFailover, settleRecovered } from "./single-leader-failover.js";
import {
  append,
  commit,
  createGroup,
  type Group,
  type LogHooks,
  lsnAt,
  pump,
  pumpAll,
  type Rep,
} from "./single-leader-log.js";
import { createCausalTruth } from "./truth/causal.js";
import { createDeliveryTruth } from "./truth/delivery.js";
import type { ClientOp, Observed, WriteRec } from "./world.js";
import { delay } from "./world.js";

export function createSingleLeader(ctx: ProtocolContext): Protocol & {
  invoked(op: ClientOp): void;
} {
  const { w } = ctx;
  const { o, engine } = w;
  const r = o.replication as SingleLeaderOptions;
  const groups: Group[] = [];
  for (let p = 0; p < r.partitions; p++) groups.push(createGroup(ctx, p, r.nodes));
  const groupOf = (key: number) => groups[key % groups.length]!;
  const marks = new Float64Array(o.sessions * groups.length);
  // Lamport's knowledge of nodes and clients, for causal delivery across shards (figure 5-5's
  // partitions replicate independently, so a follower may apply an answer before its question).
  const knowledge = createKnowledge(r.nodes, o.sessions);
  const holds = (node: number, wr: WriteRec) => {
    const g = groupOf(wr.key);
    return lsnAt(g, g.reps[node]!.cur[wr.key]!) >= (wr.version as number);
  };
  const delivery = createDeliveryTruth(w.out, holds, r.nodes);
  let lacking: WriteRec | undefined;
  const isList = o.workload === "list-append";
  const causal = createCausalTruth(w.out, o.sessions, w.keyNames, isList);

  const stateOf = (g: Group, rep: Rep, key: number): Observed => {
    const i = rep.cur[key]!;
    if (i < 0) return { writes: [], version: 0, value: isList ? [] : null };
    if (!isList) return { writes: [g.write[i]!], version: g.lsn[i]!, value: g.write[i]!.value };
    const writes: WriteRec[] = [];
    for (let j = i; j >= 0; j = g.prev[j]!) writes.push(g.write[j]!);
    writes.reverse();
    return { writes, version: g.lsn[i]!, value: writes.map((x) => x.value) };
  };

  const hooks: LogHooks = {
    applying(g, rep, i) {
      lacking = delivery.missing(rep.node, g.write[i]!);
    },
    cut: (x) => delivery.skip(x),
    changed(g, rep, key) {
      const i = rep.cur[key]!;
      // A rollback restores an entry without `applying`: nothing to judge then.
      const applied = lacking;
      lacking = undefined;
      if (i >= 0) knowledge.receive(rep.node, g.write[i]!);
      if (!o.replicaEvents) return;
      const s = stateOf(g, rep, key);
      const at = w.out.emit({
        index: 0,
        type: "ok",
        process: `replica:${w.nodes[rep.node]!.name}`,
        f: "apply",
        key: w.keyNames[key],
        value: s.value,
        version: s.version,
        time: engine.now,
      });
      if (applied !== undefined && i >= 0)
        delivery.label(at, w.nodes[rep.node]!.name, w.keyNames[key]!, g.write[i]!, applied);
    },
    committed(g, i) {
      const op = g.waiting.get(i);
      if (op === undefined) return;
      g.waiting.delete(i);
      const acks = [g.leader];
      for (const rep of g.reps) if (rep.sync) acks.push(rep.node);
      const write = g.write[i]!;
      const node = g.leader;
      engine.after(delay(w, o.clientDelay), () => ctx.respondWrite(op, { node, write, acks }));
    },
  };

  const route = (op: ClientOp, g: Group): number => {
    const n = r.nodes;
    if (o.routing === "leader") return g.leader;
    if (o.routing === "sticky") return op.session.home % n;
    return w.rng.int(0, n - 1);
  };

  const serve = (op: ClientOp, g: Group, node: number) => {
    if (!w.nodes[node]!.up) return;
    const rep = g.reps[node]!;
    const mark = marks[op.session.index * groups.length + g.index]!;
    if (o.routing === "read-your-writes" && node !== g.leader && lsnAt(g, rep.applied - 1) < mark) {
      const leader = g.leader;
      engine.after(delay(w, o.clientDelay), () => serve(op, g, leader));
      return;
    }
    const observed = stateOf(g, rep, op.key);
    observed.pasts = observed.writes.map((x) => x.past);
    engine.after(delay(w, o.clientDelay), () => ctx.respondRead(op, { node, observed }));
  };

  const raiseMark = (op: ClientOp, v: number) => {
    const at = op.session.index * groups.length + groupOf(op.key).index;
    if (v > marks[at]!) marks[at] = v;
  };

  return {
    numeric: true,
    recordsAcks: r.syncFollowers > 0,
    start() {},
    invoked(op) {
      if (op.kind === "write") causal.writeInvoked(op);
    },
    read(op) {
      const g = groupOf(op.key);
      const node = route(op, g);
      engine.after(delay(w, o.clientDelay), () => serve(op, g, node));
    },
    write(op) {
      const g = groupOf(op.key);
      const leader = g.leader;
      op.node = leader;
      engine.after(delay(w, o.clientDelay), () => {
        if (!w.nodes[leader]!.up || g.leader !== leader) return;
        const wr = ctx.newWrite(op, leader, ++g.lastLsn);
        op.write = wr;
        knowledge.accept(wr, leader, op.session.index);
        delivery.accepted(wr);
        causal.accepted(wr);
        g.waiting.set(append(g, wr, engine.now), op);
        commit(g, hooks);
        pumpAll(ctx, g, hooks);
      });
    },
    readFields() {},
    writeFields(_op, res, ev) {
      // Without synchronous followers the leader's own acknowledgement is all there is: implied.
      if (r.syncFollowers > 0) ev.acks = res.acks.map((n) => w.nodes[n]!.name);
    },
    readOk(op, res: ReadResult) {
      for (const x of res.observed.writes) knowledge.observe(op.session.index, x);
      causal.readOk(op, res.observed);
      raiseMark(op, res.observed.version as number);
    },
    writeOk(op, res) {
      knowledge.observe(op.session.index, res.write);
      raiseMark(op, res.write.version as number);
    },
    crashed(node) {
      for (const g of groups) {
        const rep = g.reps[node]!;
        rep.received = rep.applied;
        if (g.leader === node) leaderCrashed(ctx, g, hooks);
      }
    },
    recovered(node) {
      for (const g of groups) {
        settleRecovered(g, g.reps[node]!, hooks);
        if (g.leader === node) pumpAll(ctx, g, hooks);
        else {
          pump(ctx, g, g.reps[node]!, hooks);
          retryFailover(ctx, g, hooks);
        }
      }
    },
    healed() {
      for (const g of groups) pumpAll(ctx, g, hooks);
    },
    holds(node, wr) {
      const g = groupOf(wr.key);
      return lsnAt(g, g.reps[node]!.cur[wr.key]!) >= (wr.version as number);
    },
    finish() {},
  };
}
