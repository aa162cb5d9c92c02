/**
 * Leaderless replication (DDIA 5.4, figures 5-10 to 5-13): a client sends each op to a
 * coordinator node (any node, or the session's own), which sends it to the key's n home
 * replicas and answers after w acknowledgements (writes) or r replies (reads). With a sloppy
 * quorum, an unreachable home replica's share goes to the next node of the ring as a hint.
 * Reads return the newest reply (or the first, a bug), merging siblings; read repair writes
 * the result back to stale repliers, after answering (async) or before (blocking).
 *
 * Ground truth here: quorum-overlap / quorum-miss, an ok read whose result misses a write
 * acknowledged before the read began (the newest such), with `cause`: stale-pick when a
 * replier was among the write's acknowledgers, sloppy when the write's acknowledgers or the
 * read's repliers include nodes outside the key's home set, config otherwise (w + r <= n);
 * read-repair / repair-missing, an ok read that a replier answered with a state not
 * including the newest reply (what read repair writes back), and that replier's state
 * never came to include it before the end; causal-delivery / causal-order-violation
 * (src/sim/truth/delivery.ts) at every apply of a write by a replica that lacked one it
 * depends on. A write takes effect (gets its place in its coordinator's order) when a
 * replica first stores it.
 */
import type { ReadResult } from "./clients.js";
import { createReplicas } from "./leaderless-replicas.js";
import type { LeaderlessOptions } from "./options.js";
import { createPeers } from "./peers.js";
import type { Protocol, ProtocolContext } from "./protocol.js";
import { pickReplies, stateFields } from "./store.js";
import { finalTruth } from "./truth/final.js";
import { versioner } from "./version-for.js";
import { includes } from "./versions.js";
import {
  type ClientOp,
  delay,
  type Observed,
  type Reply,
  reachable,
  type WriteRec,
} from "./world.js";

export function createLeaderless(ctx: ProtocolContext): Protocol {
  const { w } = ctx;
  const { o, engine } = w;
  const r = o.replication as LeaderlessOptions;
  const N = r.nodes;
  const { store, knowledge, conflicts, delivery } = createPeers(w, N, r.conflicts);
  const homes = Array.from({ length: Math.min(o.keys, N) }, (_, k) =>
    Array.from({ length: r.n }, (_, i) => (k + i) % N),
  );
  const homeOf = (key: number) => homes[key % N]!;
  const showState = stateFields(store, ctx.show);
  const replicas = createReplicas(w, store, knowledge, homeOf, showState, ctx.show, delivery);
  /** The nodes that acknowledged each write, as a bit set (at most 16 nodes). */
  const ackers: number[] = [];
  const accepted: WriteRec[] = [];
  const hop = () => delay(w, r.replicaDelay);

  const coordinator = (op: ClientOp): number =>
    o.routing === "sticky" ? op.session.home % N : w.rng.int(0, N - 1);

  const versionFor = versioner(w, store, r, N, o.sessions);

  /** Where each share of a write goes: the home replica, or (sloppy) a stand-in holding a hint for it. */
  const targets = (c: number, key: number): [number, number][] => {
    const home = homeOf(key);
    const used = new Set(home);
    const out: [number, number][] = [];
    for (const h of home) {
      if (h === c || reachable(w, c, h)) out.push([h, h]);
      else if (r.sloppy) {
        for (let i = 1; i < N; i++) {
          const f = (home[0]! + r.n - 1 + i) % N;
          if (used.has(f) || !reachable(w, c, f)) continue;
          used.add(f);
          out.push([f, h]);
          break;
        }
      }
    }
    return out;
  };

  const acceptWrite = (op: ClientOp, c: number) => {
    const wr = ctx.newWrite(op, c, versionFor(op, c));
    op.write = wr;
    // The write takes effect when a replica first stores it (at once where the coordinator is
    // a home replica): one that reaches no replica is accepted nowhere, and depends on nothing.
    let stored = false;
    const accept = () => {
      if (stored) return;
      stored = true;
      knowledge.accept(wr, c, op.session.index);
      delivery.accepted(wr);
      accepted.push(wr);
      conflicts.accepted(wr, op.context, op.session.basis.get(op.key));
    };
    const acks: number[] = [];
    const gotAck = (n: number) => {
      if (acks.length >= r.w || !w.nodes[c]!.up) return;
      acks.push(n);
      if (acks.length < r.w) return;
      const list = acks.slice();
      ackers[wr.id] = list.reduce((m, n) => m | (1 << n), 0);
      engine.after(delay(w, o.clientDelay), () =>
        ctx.respondWrite(op, { node: c, write: wr, acks: list }),
      );
    };
    for (const [t, home] of targets(c, op.key)) {
      const store1 = () => {
        accept();
        if (t === home) replicas.deliver(t, wr, "apply");
        else replicas.hint(t, wr, home);
      };
      if (t === c) {
        store1();
        gotAck(t);
        continue;
      }
      engine.after(hop(), () => {
        if (!reachable(w, c, t)) return;
        store1();
        engine.after(hop(), () => reachable(w, t, c) && gotAck(t));
      });
    }
  };

  /** Answers a read from its replies; stale repliers are owed the newest reply (read repair sends it). */
  const finishRead = (op: ClientOp, c: number, replies: Reply[]) => {
    const seen = replies.map((x) => x.observed);
    const newest = pickReplies(seen, r.conflicts, "newest", o.sessions);
    const result =
      r.pick === "newest" ? newest : pickReplies(seen, r.conflicts, r.pick, o.sessions);
    const stale =
      newest.version === undefined
        ? []
        : replies.filter((x) => !includes(x.observed.version, newest.version!));
    const answer = () =>
      engine.after(delay(w, o.clientDelay), () =>
        ctx.respondRead(op, { node: c, observed: result, replies }),
      );
    for (const s of stale) replicas.owe(op, s.node, newest.version!);
    if (r.readRepair === "off" || stale.length === 0) return answer();
    let waiting = stale.length;
    for (const s of stale) {
      engine.after(hop(), () => {
        if (!reachable(w, c, s.node)) return;
        for (const x of newest.writes) replicas.deliver(s.node, x, "repair");
        if (r.readRepair === "blocking")
          engine.after(hop(), () => {
            if (!reachable(w, s.node, c)) return;
            waiting -= 1;
            if (waiting === 0) answer();
          });
      });
    }
    if (r.readRepair === "async") answer();
  };

  /** Home replica h answers the coordinator c with its state now; the first r answers make the read. */
  const ask = (op: ClientOp, c: number, h: number, replies: Reply[]) => {
    const observed: Observed = store.observed(h, op.key);
    const back = () => {
      if (replies.length >= r.r || !w.nodes[c]!.up) return;
      replies.push({ node: h, observed });
      if (replies.length === r.r) finishRead(op, c, replies);
    };
    if (h === c) back();
    else engine.after(hop(), () => reachable(w, h, c) && back());
  };

  const startRead = (op: ClientOp, c: number) => {
    const replies: Reply[] = [];
    for (const h of homeOf(op.key)) {
      if (h === c) ask(op, c, h, replies);
      else engine.after(hop(), () => reachable(w, c, h) && ask(op, c, h, replies));
    }
  };

  return {
    numeric: r.conflicts !== "siblings",
    recordsAcks: true,
    start() {
      w.out.emit({
        index: 0,
        type: "ok",
        process: "cluster",
        f: "config",
        n: r.n,
        w: r.w,
        r: r.r,
        time: engine.now,
      });
      replicas.startBackground();
    },
    read(op) {
      const c = coordinator(op);
      engine.after(delay(w, o.clientDelay), () => w.nodes[c]!.up && startRead(op, c));
    },
    write(op) {
      const c = coordinator(op);
      op.node = c;
      engine.after(delay(w, o.clientDelay), () => w.nodes[c]!.up && acceptWrite(op, c));
    },
    readFields(_op, res: ReadResult, ev) {
      ev.replies = (res.replies ?? []).map((x) =>
        replyShown(ctx, w.nodes[x.node]!.name, x.observed),
      );
      if (res.observed.writes.length > 1)
        ev.siblings = res.observed.writes.map((x) => ({
          value: x.value,
          version: ctx.show(x.version),
        }));
    },
    writeFields(op, res, ev) {
      ev.acks = res.acks.map((n) => w.nodes[n]!.name);
      // The key's home replicas, wherever they are not every node (a sloppy quorum, or n < nodes).
      if (r.sloppy || r.n < N) ev.home = homeOf(op.key).map((n) => w.nodes[n]!.name);
    },
    readOk(op, res) {
      for (const x of res.observed.writes) knowledge.observe(op.session.index, x);
      const m = ctx.acks.missed(op.key, res.observed.version, op.ackFloor);
      if (m.newest === undefined) return;
      const mask = ackers[m.newest.id] ?? 0;
      const acks = [...Array(N).keys()].filter((n) => (mask >> n) & 1);
      const replied = (res.replies ?? []).map((x) => x.node);
      const home = homeOf(op.key);
      const cause = replied.some((n) => acks.includes(n))
        ? "stale-pick"
        : [...acks, ...replied].some((n) => !home.includes(n))
          ? "sloppy"
          : "config";
      w.out.label(op.index, "quorum-overlap", "quorum-miss", {
        key: w.keyNames[op.key],
        cause,
        missed: m.newest.index,
      });
    },
    writeOk(op, res) {
      knowledge.observe(op.session.index, res.write);
    },
    crashed() {},
    recovered() {},
    healed() {},
    holds: (node, x) => store.includes(node, x) || replicas.holdsHint(node, x),
    finish() {
      for (const [op, nodes] of replicas.unpaid()) {
        if (op.ok)
          w.out.label(op.index, "read-repair", "repair-missing", {
            key: w.keyNames[op.key],
            replicas: nodes.map((n) => w.nodes[n]!.name),
          });
      }
      finalTruth(w, store, homeOf, accepted, showState);
    },
  };
}

/** One reply as a read event lists it: node, value, version. */
function replyShown(ctx: ProtocolContext, node: string, s: Observed): Record<string, unknown> {
  return s.version === undefined
    ? { node, value: s.value }
    : { node, value: s.value, version: ctx.show(s.version) };
}
