/**
 * Multi-leader replication (DDIA 5.3, figures 5-6 to 5-9): one leader per datacenter accepts
 * writes and answers at once; leaders replicate to each other asynchronously along a
 * topology (all-to-all, circular, or a star around n1), merging what arrives by the conflict
 * handling. Writes go to the session's datacenter, or to the key's home leader (conflict
 * avoidance); reads go to the key's home leader (routing `leader`), any leader (`any`), or
 * the session's own (`sticky`, `read-your-writes`). With causal delivery a leader holds back
 * a write until everything that happened before it has arrived, and a client's write until
 * it has received what that client had seen.
 *
 * Ground truth here: causal-delivery / causal-order-violation, an apply event of a write at
 * a leader whose state lacked some write that happens before it (src/sim/truth/delivery.ts).
 */
import type { ReadResult } from "./clients.js";

import { createLinks } from "./multi-leader-links.js";
import type { MultiLeaderOptions } from "./options.js";
import { createPeers } from "./peers.js";
import type { Protocol, ProtocolContext } from "./protocol.js";
import { stateFields } from "./store.js";
import { finalTruth } from "./truth/final.js";
import { versioner } from "./version-for.js";
import { type ClientOp, delay, type WriteRec } from "./world.js";

export function createMultiLeader(ctx: ProtocolContext): Protocol {
  const { w } = ctx;
  const { o, engine } = w;
  const r = o.replication as MultiLeaderOptions;
  const D = r.datacenters;
  const { store, knowledge, conflicts, delivery } = createPeers(w, D, r.conflicts);
  const received = Array.from({ length: D }, () => new Int32Array(D));
  const held: WriteRec[][] = Array.from({ length: D }, () => []);
  const accepted: WriteRec[] = [];
  const all = Array.from({ length: D }, (_, i) => i);
  const showState = stateFields(store, ctx.show);

  // A node learns a write's past only by applying it: one it discards as older than what it
  // holds (last write wins) leaves no event, and no part of its past that a history can show.
  const apply = (node: number, x: WriteRec) => {
    const lacking = delivery.missing(node, x);
    if (!store.merge(node, x)) return delivery.undo(node);
    knowledge.receive(node, x);
    if (!o.replicaEvents) return;
    const at = w.out.emit({
      index: 0,
      type: "ok",
      process: `replica:${w.nodes[node]!.name}`,
      f: "apply",
      key: w.keyNames[x.key],
      ...showState(node, x.key),
      time: engine.now,
    });
    if (lacking !== undefined)
      delivery.label(at, w.nodes[node]!.name, w.keyNames[x.key]!, x, lacking);
  };

  /** Where a write goes next from `at`, by topology. */
  const forward = (at: number, x: WriteRec) => {
    if (r.topology === "all-to-all") {
      if (at === x.origin) for (const n of all) if (n !== at) links.send(at, n, x);
    } else if (r.topology === "circular") {
      const next = (at + 1) % D;
      if (next !== x.origin) links.send(at, next, x);
    } else if (at === 0) {
      for (const n of all) if (n !== 0 && n !== x.origin) links.send(0, n, x);
    } else if (at === x.origin) links.send(at, 0, x);
  };

  const ready = (node: number, x: WriteRec) =>
    x.knows!.every((c, i) =>
      i === x.origin ? c === received[node]![i]! + 1 : c <= received[node]![i]!,
    );

  /** Client writes a leader holds back (causal delivery) until it has received what their session saw. */
  const parked: (() => void)[][] = Array.from({ length: D }, () => []);
  const hasSeen = (node: number, session: number) =>
    knowledge.sessionKnows(session).every((c, i) => i === node || c <= received[node]![i]!);

  const deliver = (node: number, x: WriteRec) => {
    received[node]![x.origin] = x.counter;
    apply(node, x);
    forward(node, x);
    const list = parked[node]!;
    parked[node] = [];
    for (const run of list) run();
  };

  const arrive = (_from: number, node: number, x: WriteRec) => {
    if (x.counter <= received[node]![x.origin]!) return;
    if (!r.causalDelivery) return deliver(node, x);
    held[node]!.push(x);
    for (let progress = true; progress; ) {
      progress = false;
      for (const [i, y] of held[node]!.entries()) {
        if (!ready(node, y)) continue;
        held[node]!.splice(i, 1);
        deliver(node, y);
        progress = true;
        break;
      }
    }
  };
  const links = createLinks(w, arrive);

  const versionFor = versioner(w, store, r, D, o.sessions);

  /** A leader takes a client's write (held back, with causal delivery, until it has what the client saw). */
  const accept = (op: ClientOp, leader: number): void => {
    if (!w.nodes[leader]!.up) return;
    if (r.causalDelivery && !hasSeen(leader, op.session.index)) {
      parked[leader]!.push(() => accept(op, leader));
      return;
    }
    const x = ctx.newWrite(op, leader, versionFor(op, leader));
    op.write = x;
    knowledge.accept(x, leader, op.session.index);
    delivery.accepted(x);
    received[leader]![leader] = x.counter;
    accepted.push(x);
    conflicts.accepted(x, op.context, op.session.basis.get(op.key));
    apply(leader, x);
    forward(leader, x);
    // A local write is acknowledged as it is accepted (the way back is folded into the way
    // there): nothing the leader applies can fall between the two, so what it knew when it
    // accepted the write is what the history shows at the acknowledgement, even when last
    // write wins leaves no apply event of the write itself (a leader whose clock is behind).
    ctx.respondWrite(op, { node: leader, write: x, acks: [leader] });
  };

  const local = (op: ClientOp) => op.session.home % D;
  const readAt = (op: ClientOp) =>
    o.routing === "leader" ? op.key % D : o.routing === "any" ? w.rng.int(0, D - 1) : local(op);

  return {
    numeric: r.conflicts !== "siblings",
    recordsAcks: false,
    start() {},
    read(op) {
      const node = readAt(op);
      engine.after(delay(w, o.clientDelay), () => {
        if (!w.nodes[node]!.up) return;
        const observed = store.observed(node, op.key);
        engine.after(delay(w, o.clientDelay), () => ctx.respondRead(op, { node, observed }));
      });
    },
    write(op) {
      const leader = r.writeTo === "home" ? op.key % D : local(op);
      op.node = leader;
      engine.after(delay(w, o.clientDelay), () => accept(op, leader));
    },
    readFields(_op, res: ReadResult, ev) {
      ev.datacenter = `dc${res.node + 1}`;
      if (res.observed.writes.length > 1)
        ev.siblings = res.observed.writes.map((x) => ({
          value: x.value,
          version: ctx.show(x.version),
        }));
    },
    writeFields(_op, res, ev) {
      ev.datacenter = `dc${res.node + 1}`;
    },
    readOk(op, res) {
      for (const x of res.observed.writes) knowledge.observe(op.session.index, x);
    },
    writeOk(op, res) {
      knowledge.observe(op.session.index, res.write);
    },
    crashed() {},
    recovered: () => links.retry(),
    healed: () => links.retry(),
    holds: (node, x) => store.includes(node, x),
    finish() {
      finalTruth(w, store, () => all, accepted, showState);
    },
  };
}
