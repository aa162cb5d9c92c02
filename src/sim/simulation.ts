/**
 * One simulation, assembled: the world, the replication scheme, the clients, the faults and
 * the ground truth that every scheme shares (session guarantees, staleness, durability of
 * acknowledged writes). `step` runs the event loop until enough history has accumulated,
 * so callers can stream a run of any length.
 */

import { rememberRead, rememberWrite } from "./client-state.js";
import { createClients, type OpHooks } from "./clients.js";
import { createEngine } from "./engine.js";
import { createFaults } from "./faults.js";
import { createLeaderless } from "./leaderless.js";
import { createMultiLeader } from "./multi-leader.js";
import type { SimOptions } from "./options.js";
import { createOutput, type HistoryEvent, type TruthLabel } from "./output.js";
import type { Protocol, ProtocolContext } from "./protocol.js";
import { createRng } from "./rng.js";
import { createSingleLeader } from "./single-leader.js";
import { createAckIndex } from "./truth/acks.js";
import { createLinearizableTruth } from "./truth/linearizable.js";
import { createSessionTruth } from "./truth/session.js";
import { createListSessionTruth } from "./truth/session-lists.js";
import { labelAckWithoutApply, labelStaleRead } from "./truth/shared.js";
import { nodeNames } from "./validate.js";
import { type Version, vvJson } from "./versions.js";
import type { ClientOp, NodeState, World, WriteRec } from "./world.js";

export interface Simulation {
  /** Runs until at least `events` more history events exist or the run is over; false once over. */
  step(events: number): boolean;
  takeEvents(): HistoryEvent[];
  takeLabels(): TruthLabel[];
}

export function createSimulation(o: SimOptions): Simulation {
  const nodes: NodeState[] = nodeNames(o.replication).map((name, index) => ({
    name,
    index,
    up: true,
    side: 0,
    skew: 0,
    extraLag: 0,
  }));
  const w: World = {
    o,
    rng: createRng(o.seed),
    engine: createEngine(),
    out: createOutput(),
    nodes,
    sessionNames: Array.from({ length: o.sessions }, (_, i) => `s${i}`),
    keyNames: Array.from({ length: o.keys }, (_, i) => `k${i}`),
    acked: 0,
    clientsActive: false,
  };
  const show = (v: Version): unknown => (typeof v === "number" ? v : vvJson(v, w.sessionNames));
  const late: { protocol?: Protocol; respond?: ReturnType<typeof createClients> } = {};
  let writes = 0;
  const ctx: ProtocolContext = {
    w,
    respondRead: (op, r) => late.respond!.readOk(op, r),
    respondWrite: (op, r) => late.respond!.writeOk(op, r),
    acks: createAckIndex(
      o.replication.mode !== "leaderless" && o.replication.mode !== "multi-leader"
        ? true
        : (o.replication as { conflicts: string }).conflicts !== "siblings",
    ),
    show,
    newWrite: (op, origin, version) => newWrite(writes++, op, origin, version),
  };
  const protocol = createProtocol(ctx);
  late.protocol = protocol;
  const faults = createFaults(w, protocol);
  const sessionTruth =
    o.workload === "list-append"
      ? createListSessionTruth(w.out, w.keyNames)
      : createSessionTruth(w.out, w.keyNames, show);
  const lin =
    o.workload === "register" && protocol.numeric
      ? createLinearizableTruth(w.out, w.keyNames)
      : undefined;
  const hooks: OpHooks = {
    beforeInvoke: (n) => faults.beforeOp(n),
    read: (op) => protocol.read(op),
    write: (op) => {
      (protocol as { invoked?: (op: ClientOp) => void }).invoked?.(op);
      protocol.write(op);
    },
    readFields: (op, r, ev) => protocol.readFields(op, r, ev),
    writeFields: (op, r, ev) => protocol.writeFields(op, r, ev),
    readOk: (op, r) => {
      lin?.completed(op, r.observed.writes[0] ?? null);
      sessionTruth.readOk(op, r.observed);
      labelStaleRead(w, ctx.acks, op, r, o.workload === "list-append");
      protocol.readOk(op, r);
      rememberRead(w, op, r.observed);
    },
    writeOk: (op, r) => {
      lin?.completed(op, undefined);
      ctx.acks.add(r.write);
      sessionTruth.writeOk(op, r.write);
      labelAckWithoutApply(w, protocol, op, r);
      protocol.writeOk(op, r);
      rememberWrite(w, op, r.write);
    },
    timedOut: (op) => {
      if (op.kind === "write") lin?.completed(op, undefined);
    },
    showVersion: show,
  };
  const clients = createClients(w, hooks);
  late.respond = clients;
  let started = false;
  let over = false;
  return {
    step(events) {
      if (over) return false;
      if (!started) {
        started = true;
        faults.start();
        protocol.start();
        clients.start();
      }
      const target = w.out.events + events;
      if (w.engine.runUntil(() => w.out.events >= target)) return true;
      protocol.finish();
      lin?.finish();
      over = true;
      return false;
    },
    takeEvents: () => w.out.takeEvents(),
    takeLabels: () => w.out.takeLabels(),
  };
}

function createProtocol(ctx: ProtocolContext): Protocol {
  const mode = ctx.w.o.replication.mode;
  if (mode === "single-leader") return createSingleLeader(ctx);
  if (mode === "leaderless") return createLeaderless(ctx);
  if (mode === "multi-leader") return createMultiLeader(ctx);
  throw new RangeError(`simulate: unknown replication mode ${String(mode)}`);
}

function newWrite(id: number, op: ClientOp, origin: number, version: Version): WriteRec {
  return {
    id,
    op,
    session: op.session.index,
    seq: op.session.writes,
    key: op.key,
    value: op.value,
    version,
    origin,
    counter: 0,
    knows: undefined,
    index: -1,
    ackTime: Number.NaN,
    ackOrder: -1,
    past: op.past,
  };
}
