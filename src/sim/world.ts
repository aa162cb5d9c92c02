/**
 * The state every part of a simulation shares: options, clock, randomness, nodes (up or
 * crashed, which side of a partition, clock skew, extra lag), the writes made so far, and
 * where history events and ground-truth labels go.
 */
import type { Engine } from "./engine.js";
import type { SimOptions } from "./options.js";
import type { Output } from "./output.js";
import type { Rng } from "./rng.js";
import type { Vector, Version } from "./versions.js";

export interface NodeState {
  name: string;
  index: number;
  up: boolean;
  /** Side of the current network partition (all 0 when there is none). */
  side: number;
  /** Clock offset, ms (matters to last-write-wins timestamps). */
  skew: number;
  /** Extra replication lag while a lag spike lasts, ms. */
  extraLag: number;
}

/** One write a node accepted. */
export interface WriteRec {
  id: number;
  /** The client op, until it completes (then `index` says all that is needed of it, and it can go). */
  op: ClientOp | undefined;
  session: number;
  /** The session's count of writes up to and including this one. */
  seq: number;
  key: number;
  value: unknown;
  /** Numeric version (log position, timestamp), or a version vector. */
  version: Version;
  /** The node that accepted it first (leader, coordinator). */
  origin: number;
  /** Its position among the writes its origin accepted (multi-leader and leaderless). */
  counter: number;
  /** What the origin knew when it accepted the write: per node, how many of its writes (multi-leader and leaderless). */
  knows: Vector | undefined;
  /** Completion index once acknowledged ok, else -1. */
  index: number;
  ackTime: number;
  /** Order among acknowledged writes (for "acknowledged before this read began"). */
  ackOrder: number;
  /** Its causal past (single-leader; let go once no replica holds the write). */
  past: Int32Array | undefined;
}

export type OpKind = "read" | "write";

export interface Session {
  index: number;
  name: string;
  process: number;
  /** Writes invoked so far. */
  writes: number;
  /** Highest log position written or read (single-leader read routing). */
  watermark: number;
  /** The replica this session sticks to. */
  home: number;
  /** The last value read per key (set workload) and the context read (siblings). */
  lastRead: Map<number, unknown>;
  context: Map<number, Vector>;
  /** Per key, the writes the session's next write builds on: what it last read, or its own last write. */
  basis: Map<number, readonly WriteRec[]>;
  done: boolean;
  /** The op in flight (or the last one), and whether a timeout watchdog is armed. */
  current: ClientOp | undefined;
  watching: boolean;
}

export interface ClientOp {
  id: number;
  session: Session;
  process: number;
  kind: OpKind;
  key: number;
  /** What a write writes. */
  value: unknown;
  invokeTime: number;
  invokeIndex: number;
  /** Acknowledgement order when it was invoked: writes acknowledged before it began are those below. */
  ackFloor: number;
  /** Completion index once complete, -1 before. */
  index: number;
  done: boolean;
  ok: boolean;
  write: WriteRec | undefined;
  /** The version vector the client sent as its context (siblings). */
  context: Vector | undefined;
  /** A write's causal past when it was invoked: per session, how many of its writes happen before it (single-leader). */
  past: Int32Array | undefined;
  /** The node the op was sent to (a leader, a coordinator), once chosen: an op that times out still names it. */
  node?: number;
}

/** What a read observed: the writes whose values it returned (none: the initial value). */
export interface Observed {
  writes: readonly WriteRec[];
  /** The writes' causal pasts as they were when read (single-leader lets go of them later). */
  pasts?: readonly (Int32Array | undefined)[];
  version: Version | undefined;
  value: unknown;
}

export interface Reply {
  node: number;
  observed: Observed;
}

export interface World {
  readonly o: SimOptions;
  readonly rng: Rng;
  readonly engine: Engine;
  readonly out: Output;
  readonly nodes: NodeState[];
  readonly sessionNames: readonly string[];
  readonly keyNames: readonly string[];
  /** Writes acknowledged so far (ackOrder counts them). */
  acked: number;
  /** True while clients still invoke or wait for ops. */
  clientsActive: boolean;
}

/** Can a message from node a reach node b right now? */
export function reachable(w: World, a: number, b: number): boolean {
  const x = w.nodes[a]!;
  const y = w.nodes[b]!;
  return x.up && y.up && x.side === y.side;
}

/** A one-way delay drawn from a [min, max] range. */
export function delay(w: World, range: readonly [number, number]): number {
  return w.rng.int(range[0], range[1]);
}

/** A node's clock reading, skewed. */
export function clockOf(w: World, node: number): number {
  return w.engine.now + w.nodes[node]!.skew;
}
