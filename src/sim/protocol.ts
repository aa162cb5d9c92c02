/** The interface every replication scheme implements, and what it is given to work with. */
import type { ReadResult, WriteResult } from "./clients.js";
import type { HistoryEvent } from "./output.js";
import type { AckIndex } from "./truth/acks.js";
import type { Version } from "./versions.js";
import type { ClientOp, World, WriteRec } from "./world.js";

export interface Protocol {
  /** Versions are numbers (log positions, timestamps) rather than vectors. */
  readonly numeric: boolean;
  /** Writes carry `acks` (some replica other than the one that took the write may acknowledge). */
  readonly recordsAcks: boolean;
  /** Cluster events at time 0 (configuration). */
  start(): void;
  read(op: ClientOp): void;
  write(op: ClientOp): void;
  readFields(op: ClientOp, r: ReadResult, ev: HistoryEvent): void;
  writeFields(op: ClientOp, r: WriteResult, ev: HistoryEvent): void;
  /** Scheme-specific ground truth for a completed op. */
  readOk(op: ClientOp, r: ReadResult): void;
  writeOk(op: ClientOp, r: WriteResult): void;
  /** Node lifecycle and network changes (the world's flags are already updated). */
  crashed(node: number): void;
  recovered(node: number): void;
  healed(): void;
  /** Does the node hold the write (in its state, or as a hint)? For acknowledgements. */
  holds(node: number, w: WriteRec): boolean;
  /** End of the run: every message that could be delivered was; labels about the final state. */
  finish(): void;
}

/** What a scheme is given: the world, the way back to clients, and the truth it shares. */
export interface ProtocolContext {
  w: World;
  respondRead(op: ClientOp, r: ReadResult): void;
  respondWrite(op: ClientOp, r: WriteResult): void;
  acks: AckIndex;
  show(v: Version): unknown;
  /** Allocates a write record (ids are dense). */
  newWrite(op: ClientOp, origin: number, version: Version): WriteRec;
}
