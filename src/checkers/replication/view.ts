/**
 * The replication vocabulary of a history, read once and shared by the replication checkers:
 * what each op is (a client read or write, a replica's apply, repair, hint or handoff, a
 * cluster's promote, crash, recover or config), which node it concerns, the quorum
 * configuration (n, w, r) and each key's home replicas. Replica events are lone events of a
 * named process `replica:<node>` (or of any named process with a `node`); cluster events are
 * lone events with a `node`. Everything else of an op (acks, replies, siblings, for) is read
 * on demand from its extras (replicas.ts).
 */
import { getOrInsert, Interner } from "../../history/columns.js";
import { type History, Status } from "../../history/model.js";
import { eventOrder } from "../../history/timeline.js";
import { bareF, fClass } from "../../history/vocabulary.js";

export const Ev = {
  none: 0,
  read: 1,
  write: 2,
  apply: 3,
  repair: 4,
  hint: 5,
  handoff: 6,
  promote: 7,
  crash: 8,
  recover: 9,
  config: 10,
} as const;

const replicaFs = new Map<string, number>([
  ["apply", Ev.apply],
  ["repair", Ev.repair],
  ["hint", Ev.hint],
  ["handoff", Ev.handoff],
]);
const clusterFs = new Map<string, number>([
  ["promote", Ev.promote],
  ["crash", Ev.crash],
  ["recover", Ev.recover],
  ["config", Ev.config],
]);

export interface Quorum {
  n?: number;
  w?: number;
  r?: number;
}

export interface ReplicationView {
  readonly h: History;
  /** The history's events in order: op id * 2, plus 1 for a completion (lone events are completions). */
  readonly order: Int32Array;
  /** What each op is (Ev). */
  readonly kind: Uint8Array;
  /** The node each op concerns (index into `nodes`): a replica event's replica, a client op's serving node, a cluster event's node; -1 if none. */
  readonly node: Int32Array;
  readonly nodes: Interner<string>;
  readonly quorum: Quorum;
  /** Home replicas by key id (from `home` on writes and config events); `allKeys` from a config event without a key. */
  readonly homes: Map<number, number[]>;
  readonly allHomes: number[] | undefined;
  /** How many ops of each kind (by Ev). */
  readonly counts: Int32Array;
}

const cache = new WeakMap<History, ReplicationView>();

export function replicationView(h: History): ReplicationView {
  return getOrInsert(cache, h, () => buildView(h));
}

function buildView(h: History): ReplicationView {
  const nodes = new Interner<string>();
  for (const n of h.nodes) nodes.id(n);
  const kind = new Uint8Array(h.size);
  const node = new Int32Array(h.size).fill(-1);
  const counts = new Int32Array(11);
  const quorum: Quorum = {};
  const homes = new Map<number, number[]>();
  let allHomes: number[] | undefined;
  // Per f name and per process, once: what an op of it is, and the replica a process names.
  const byF = h.fs.map((f) => ({ client: clientKind(fClass(f)), lone: loneKind(bareF(f)) }));
  const named = h.processes.map((p) => typeof p === "string");
  const replicaOf = h.processes.map((p) =>
    typeof p === "string" && p.startsWith("replica:") ? nodes.id(p.slice(8)) : -1,
  );
  for (let id = 0; id < h.size; id++) {
    const f = byF[h.f[id]!]!;
    const p = h.process[id]!;
    const k = h.status[id] === Status.event ? f.lone : named[p] ? Ev.none : f.client;
    kind[id] = k;
    counts[k] = counts[k]! + 1;
    const own = h.node[id]!;
    node[id] = own >= 0 ? own : k >= Ev.apply && k <= Ev.handoff ? replicaOf[p]! : -1;
    if (k !== Ev.config && k !== Ev.write) continue;
    const extra = h.extras.get(id);
    if (extra === undefined) continue;
    if (quorum.r === undefined || quorum.n === undefined || quorum.w === undefined)
      readQuorum(extra, quorum);
    if (extra.home === undefined) continue;
    const home = names(extra.home, nodes);
    if (home === undefined) continue;
    if (h.key[id]! >= 0) homes.set(h.key[id]!, home);
    else if (k === Ev.config) allHomes = home;
  }
  return { h, order: eventOrder(h), kind, node, nodes, quorum, homes, allHomes, counts };
}

function clientKind(f: string): number {
  return f === "read" ? Ev.read : f === "write" ? Ev.write : Ev.none;
}

function loneKind(f: string): number {
  return replicaFs.get(f) ?? clusterFs.get(f) ?? Ev.none;
}

function readQuorum(extra: Readonly<Record<string, unknown>>, q: Quorum): void {
  for (const f of ["n", "w", "r"] as const) {
    const v = extra[f];
    if (q[f] === undefined && typeof v === "number" && Number.isSafeInteger(v)) q[f] = v;
  }
}

/** Node names (an array of strings, as `acks` and `home` hold them) as node ids; undefined if it is not one. */
export function names(v: unknown, nodes: Interner<string>): number[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: number[] = [];
  for (const x of v) if (typeof x === "string") out.push(nodes.id(x));
  return out;
}

/** The home replicas of a key, if the history names them. */
export function homeOf(v: ReplicationView, key: number): number[] | undefined {
  return v.homes.get(key) ?? v.allHomes;
}

/** Nodes with at least one replica event (apply, repair, hint, handoff): the others record nothing to judge them by. */
export function recordingNodes(v: ReplicationView): Set<number> {
  const out = new Set<number>();
  for (let id = 0; id < v.h.size; id++) {
    const k = v.kind[id]!;
    if (k >= Ev.apply && k <= Ev.handoff && v.node[id]! >= 0) out.add(v.node[id]!);
  }
  return out;
}

/** Whether the history records any replica-side events (apply, repair, hint, handoff). */
export function hasReplicaEvents(v: ReplicationView): boolean {
  return v.counts[Ev.apply]! + v.counts[Ev.repair]! + v.counts[Ev.hint]! > 0;
}
