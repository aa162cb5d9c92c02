/**
 * The anomalies of the causality checkers as data: op ids (each listed in `ops`), keys,
 * values, and the proof as links from op to op, each with its relation and the fields that
 * prove it. A path or cycle is a list of links; explain.ts puts them into words.
 */

import type { EdgeKindName } from "../../graph/edge-kinds.js";
import type { Assumption } from "../../history/assumed-order.js";
import type { AnomalyBase, VersionShown } from "../types.js";

/** One step of a proof: `from` precedes `to` by `relation`. */
export interface Link {
  from: number;
  to: number;
  relation: EdgeKindName;
  /** reads-from: the key read and the value read; conflict and view-order: the key. */
  key?: unknown;
  value?: unknown;
  /** version-order: the versions of the two writes (null: the write carries none). */
  versions?: [VersionShown | null, VersionShown | null];
  /** version-order on a list key: the appends' positions in the longest read (null: in none). */
  positions?: [number | null, number | null];
  /** assumed-order: the assumption it rests on. */
  assumption?: Assumption;
  /** conflict and view-order: the read that forces the order. */
  via?: number;
  /** conflict and view-order: why `from` came before `via` (a path of links without nesting). */
  viaPath?: Link[];
}

interface Proven extends AnomalyBase {
  /** Set when a link of the proof rests on a stated assumption. */
  assumed?: Assumption;
}

/** Causal order (with version order) has a cycle: an op happens before itself. */
export interface CyclicCo extends Proven {
  kind: "cyclic-co";
  cycle: Link[];
}

/** A read returned a value that no op wrote to its key. */
export interface ThinAirRead extends Proven {
  kind: "thin-air-read";
  read: number;
  key: unknown;
  value: unknown;
}

/** A read returned the initial value although a write of its key happened before it. */
export interface WriteCoInitRead extends Proven {
  kind: "write-co-init-read";
  read: number;
  write: number;
  key: unknown;
  value: unknown;
  /** write ⇝ read, in causal order. */
  path: Link[];
}

/** A read returned W1 although W2, which comes after W1, happened before the read. */
export interface WriteCoRead extends Proven {
  kind: "write-co-read";
  read: number;
  key: unknown;
  value: unknown;
  observed: number;
  newer: number;
  /** observed ⇝ newer, in causal order with version order. */
  order: Link[];
  /** newer ⇝ read, in causal order. */
  path: Link[];
  /** The key is a list: the read returned a list whose last append is observed's. */
  list?: true;
}

/** An op's version vector leaves out a write of its key that happened before the op. */
export interface VersionExcludesCause extends Proven {
  kind: "version-excludes-cause";
  op: number;
  cause: number;
  key: unknown;
  opVersion: VersionShown;
  causeVersion: VersionShown;
  /** cause ⇝ op, in causal order. */
  path: Link[];
}

/** Causal order with the conflict order cf has a cycle (causal convergence). */
export interface CyclicCf extends Proven {
  kind: "cyclic-cf";
  cycle: Link[];
}

/** In one session's view (hb_o), a write of a key precedes the session's read of its initial value. */
export interface WriteHbInitRead extends Proven {
  kind: "write-hb-init-read";
  session: string | number;
  /** The op whose view it is (the session's last). */
  view: number;
  read: number;
  write: number;
  key: unknown;
  value: unknown;
  path: Link[];
}

/** One session's view (hb_o) has a cycle (causal memory). */
export interface CyclicHb extends Proven {
  kind: "cyclic-hb";
  session: string | number;
  view: number;
  cycle: Link[];
}

export type CausalAnomaly =
  | CyclicCo
  | ThinAirRead
  | WriteCoInitRead
  | WriteCoRead
  | VersionExcludesCause
  | CyclicCf
  | WriteHbInitRead
  | CyclicHb;
