/**
 * Clients: sessions that each run one op at a time (invoke, wait for the answer or time
 * out, think, invoke again) until the run's op budget is spent. A session is one client
 * process at a time; after an op times out (its outcome unknown) it reconnects under a new
 * process number, as Jepsen clients do. Protocols answer through `readOk` and `writeOk`.
 */
import type { HistoryEvent } from "./output.js";
import type { Vector } from "./versions.js";
import type { ClientOp, Observed, Reply, Session, World, WriteRec } from "./world.js";

export interface ReadResult {
  node: number;
  observed: Observed;
  replies?: readonly Reply[];
}

export interface WriteResult {
  node: number;
  write: WriteRec;
  acks: readonly number[];
}

/** What the rest of the simulation does around an op. */
export interface OpHooks {
  beforeInvoke(opNumber: number): void;
  read(op: ClientOp): void;
  write(op: ClientOp): void;
  /** Fields of the completion event beyond the common ones (replies, datacenter, home...). */
  readFields(op: ClientOp, r: ReadResult, ev: HistoryEvent): void;
  writeFields(op: ClientOp, r: WriteResult, ev: HistoryEvent): void;
  readOk(op: ClientOp, r: ReadResult): void;
  writeOk(op: ClientOp, r: WriteResult): void;
  /** An op the client gave up on (fail for reads, info for writes). */
  timedOut(op: ClientOp): void;
  showVersion(v: Vector | number): unknown;
}

export interface Clients {
  readonly sessions: readonly Session[];
  start(): void;
  readOk(op: ClientOp, r: ReadResult): void;
  writeOk(op: ClientOp, r: WriteResult): void;
}

export function createClients(w: World, hooks: OpHooks): Clients {
  const { o, rng, engine, out } = w;
  const sessions: Session[] = w.sessionNames.map((name, index) => ({
    index,
    name,
    process: index,
    writes: 0,
    watermark: 0,
    home: index,
    lastRead: new Map(),
    context: new Map(),
    basis: new Map(),
    done: false,
    current: undefined,
    watching: false,
  }));
  let invoked = 0;
  let running = 0;
  let nextProcess = sessions.length;
  let nextValue = 1;
  const f = (op: ClientOp) =>
    op.kind === "read" ? "read" : o.workload === "list-append" ? "append" : "write";

  const chooseKey = (): number => {
    const r = rng.next();
    return Math.floor(o.keys * (o.hotKeys ? r * r : r));
  };

  const writeValue = (s: Session, key: number): unknown => {
    const v = nextValue++;
    if (o.workload !== "set") return v;
    const before = (s.lastRead.get(key) as number[] | undefined) ?? [];
    return [...before, v].sort((a, b) => a - b);
  };

  const invoke = (s: Session) => {
    if (invoked >= o.ops) {
      s.done = true;
      if (--running === 0) w.clientsActive = false;
      return;
    }
    hooks.beforeInvoke(invoked);
    let kind: ClientOp["kind"] = rng.chance(o.writeRate) ? "write" : "read";
    let key = chooseKey();
    if (kind === "write" && o.writers === "owner") {
      const owned = Math.ceil((o.keys - s.index) / o.sessions);
      if (owned > 0) key = s.index + o.sessions * rng.int(0, owned - 1);
      else kind = "read";
    }
    const op: ClientOp = {
      id: invoked++,
      session: s,
      process: s.process,
      kind,
      key,
      value: kind === "write" ? writeValue(s, key) : undefined,
      invokeTime: engine.now,
      invokeIndex: -1,
      ackFloor: w.acked,
      index: -1,
      done: false,
      ok: false,
      write: undefined,
      context: kind === "write" ? s.context.get(key)?.slice() : undefined,
      past: undefined,
    };
    const ev: HistoryEvent = { index: 0, type: "invoke", process: op.process, session: s.name };
    ev.f = f(op);
    ev.key = w.keyNames[key];
    if (kind === "write") ev.value = op.value;
    ev.time = engine.now;
    op.invokeIndex = out.emit(ev);
    if (kind === "write") s.writes++;
    s.current = op;
    watch(s);
    if (kind === "write") hooks.write(op);
    else hooks.read(op);
  };

  const completion = (op: ClientOp, type: HistoryEvent["type"]): HistoryEvent => {
    op.done = true;
    op.ok = type === "ok";
    const ev: HistoryEvent = { index: 0, type, process: op.process, session: op.session.name };
    ev.f = f(op);
    ev.key = w.keyNames[op.key];
    return ev;
  };

  const next = (op: ClientOp) => {
    out.completed(op);
    // Its labels are out: the write record keeps only what it needs of the op.
    if (op.write !== undefined) op.write.op = undefined;
    engine.after(rng.int(o.think[0], o.think[1]), () => invoke(op.session));
  };

  /**
   * One watchdog per session rather than a timer per op: it wakes at the current op's
   * deadline, gives up on it if it is still pending, and otherwise sleeps until the deadline
   * of whatever op is pending then (or stops when none is). Timers per op would fill the
   * queue with a second of ops' worth of dead callbacks.
   */
  const watch = (s: Session) => {
    if (s.watching) return;
    s.watching = true;
    engine.after(s.current!.invokeTime + o.timeout - engine.now, () => {
      s.watching = false;
      const op = s.current;
      if (op === undefined || op.done) return;
      if (engine.now >= op.invokeTime + o.timeout) giveUp(op);
      else watch(s);
    });
  };

  const giveUp = (op: ClientOp) => {
    const ev = completion(op, op.kind === "write" ? "info" : "fail");
    if (op.kind === "write") ev.value = op.value;
    ev.time = engine.now;
    if (op.node !== undefined) ev.node = w.nodes[op.node]!.name;
    ev.error = "timeout";
    op.index = out.emit(ev);
    // The op may still take effect: the session goes on under a new process, as Jepsen's do.
    if (op.kind === "write") op.session.process = nextProcess++;
    hooks.timedOut(op);
    next(op);
  };

  return {
    sessions,
    start() {
      running = sessions.length;
      w.clientsActive = running > 0;
      for (const s of sessions) engine.after(rng.int(o.think[0], o.think[1]), () => invoke(s));
    },
    readOk(op, r) {
      if (op.done) return;
      const ev = completion(op, "ok");
      ev.value = r.observed.value;
      ev.time = engine.now;
      ev.node = w.nodes[r.node]!.name;
      if (r.observed.version !== undefined) ev.version = hooks.showVersion(r.observed.version);
      hooks.readFields(op, r, ev);
      op.index = out.emit(ev);
      hooks.readOk(op, r);
      next(op);
    },
    writeOk(op, r) {
      if (op.done) return;
      const ev = completion(op, "ok");
      ev.value = op.value;
      ev.time = engine.now;
      ev.node = w.nodes[r.node]!.name;
      ev.version = hooks.showVersion(r.write.version);
      hooks.writeFields(op, r, ev);
      op.index = out.emit(ev);
      const wr = r.write;
      wr.index = op.index;
      wr.ackTime = engine.now;
      wr.ackOrder = w.acked++;
      hooks.writeOk(op, r);
      next(op);
    },
  };
}
