/**
 * Who knew which writes (all three schemes): Lamport's happens-before among nodes
 * and clients. Each node numbers the writes it accepts; a write carries what its node and
 * its client knew when it was accepted (a vector over nodes of "how many of that node's
 * writes"), and whoever receives or reads it learns that. Write a happens before write b when
 * b's vector counts a. Two writes of a key where neither happens before the other are
 * concurrent: a write conflict.
 */
import type { Vector } from "./versions.js";
import { vvJoinInto } from "./versions.js";
import type { WriteRec } from "./world.js";

export interface Knowledge {
  /** Numbers the write at its node and records what was known then. */
  accept(w: WriteRec, node: number, session: number): void;
  /**
   * A node took the write in: applied it (its state changed) or stored it as a hint. A write
   * it discarded as older than what it holds teaches it nothing: no history event could show
   * that it arrived, so a checker could not know what the node knew.
   */
  receive(node: number, w: WriteRec): void;
  /** A client observed the write (its acknowledgement, or a read returning it). */
  observe(session: number, w: WriteRec): void;
  knowsOf(node: number): Vector;
  sessionKnows(session: number): Vector;
}

export function createKnowledge(nodes: number, sessions: number): Knowledge {
  const byNode = Array.from({ length: nodes }, () => new Int32Array(nodes));
  const bySession = Array.from({ length: sessions }, () => new Int32Array(nodes));
  return {
    accept(w, node, session) {
      const k = byNode[node]!;
      vvJoinInto(k, bySession[session]!);
      k[node] = k[node]! + 1;
      w.counter = k[node]!;
      w.knows = k.slice();
    },
    receive(node, w) {
      vvJoinInto(byNode[node]!, w.knows!);
    },
    observe(session, w) {
      vvJoinInto(bySession[session]!, w.knows!);
    },
    knowsOf: (node) => byNode[node]!,
    sessionKnows: (session) => bySession[session]!,
  };
}

/** Write a happens before write b. */
export function happensBefore(a: WriteRec, b: WriteRec): boolean {
  return a !== b && b.knows![a.origin]! >= a.counter;
}

/** How many of node o's writes every node knows of: those can conflict with no later write. */
export function minKnown(k: Knowledge, nodes: number, o: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let n = 0; n < nodes; n++) min = Math.min(min, k.knowsOf(n)[o]!);
  return min;
}
