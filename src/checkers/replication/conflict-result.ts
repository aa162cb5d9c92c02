/** Write conflicts as anomalies: each write found concurrent with another, with how the history shows the conflict resolved. */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { compareVectors } from "../../history/observations.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import type { Partners } from "./conflicts.js";
import type { FinalStates } from "./final.js";
import type { Version } from "./versions.js";
import type { WriteIndex } from "./writes.js";

/**
 * How the conflict ended: `one-won` (a replica ended with one of the two, `kept`),
 * `superseded` (later writes replaced both), `siblings` (vectors: the store keeps both),
 * `merged` (a later write's vector includes both: a client merged them, `kept`).
 */
export type Resolution = "one-won" | "superseded" | "siblings" | "merged";

export interface WriteConflict extends AnomalyBase {
  kind: "write-conflict";
  key: unknown;
  /** Op ids: the write W, and V, a write of the key concurrent with it. */
  write: number;
  partner: number;
  /** The nodes that accepted them. */
  nodes: [string | null, string | null];
  resolution: Resolution;
  kept?: number;
}

export function reportConflicts(
  h: History,
  writes: WriteIndex,
  partner: Partners,
  final: FinalStates,
  sink: Findings<WriteConflict>,
): number {
  let conflicting = 0;
  const byKey = new Map<number, number[]>();
  for (let w = 0; w < writes.ids.length; w++)
    if (typeof writes.version(w) === "object")
      getOrInsert(byKey, h.key[writes.ids[w]!]!, () => []).push(w);
  for (let w = 0; w < writes.ids.length && !sink.stopped; w++) {
    const v = partner[w]!;
    if (v < 0) continue;
    conflicting++;
    // Only acknowledged writes are anomalies; a write of unknown outcome only proves others concurrent.
    if (h.status[writes.ids[w]!] !== 0) continue;
    sink.add(() => conflict(h, writes, w, v, final, byKey.get(h.key[writes.ids[w]!]!) ?? []));
  }
  return conflicting;
}

function conflict(
  h: History,
  writes: WriteIndex,
  w: number,
  v: number,
  final: FinalStates,
  sameKey: readonly number[],
): WriteConflict {
  const a = writes.ids[w]!;
  const b = writes.ids[v]!;
  const node = (id: number) => (h.node[id]! >= 0 ? h.nodes[h.node[id]!]! : null);
  const out: WriteConflict = {
    kind: "write-conflict",
    ops: opDetails(h, [a, b]),
    key: h.keys[h.key[a]!],
    write: a,
    partner: b,
    nodes: [node(a), node(b)],
    resolution: "superseded",
  };
  const va = writes.version(w);
  const vb = writes.version(v);
  if (va !== undefined && vb !== undefined && typeof va !== "number" && typeof vb !== "number") {
    const merger = mergedBy(writes, sameKey, Math.max(w, v), va, vb);
    out.resolution = merger < 0 ? "siblings" : "merged";
    if (merger >= 0) {
      out.kept = writes.ids[merger]!;
      out.ops = opDetails(h, [a, b, out.kept]);
    }
    return out;
  }
  const kept = final.held[w] === 1 ? a : final.held[v] === 1 ? b : -1;
  if (kept >= 0) {
    out.resolution = "one-won";
    out.kept = kept;
  }
  return out;
}

/** A later write of the key whose vector includes both (a client's merge), or -1. */
function mergedBy(
  writes: WriteIndex,
  sameKey: readonly number[],
  after: number,
  a: Version,
  b: Version,
): number {
  for (const x of sameKey) {
    if (x <= after) continue;
    const v = writes.version(x);
    if (v === undefined || typeof v === "number" || typeof a === "number" || typeof b === "number")
      continue;
    const ra = compareVectors(a, v);
    const rb = compareVectors(b, v);
    if ((ra === "lt" || ra === "eq") && (rb === "lt" || rb === "eq")) return x;
  }
  return -1;
}
