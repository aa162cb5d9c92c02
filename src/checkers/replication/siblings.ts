/**
 * Siblings (DDIA 5.4, "Capturing the happens-before relationship", figure 5-13; "Merging
 * concurrently written values"). A client's write carries the version vector of what it has
 * seen of the key (its session's reads and writes of it), and may supersede only those:
 *
 * - sibling-overwritten: a write whose vector includes the vector of another session's write
 *   of the key that the client's context does not include: it claims to supersede a sibling it
 *   never read (a server that lets a blind write replace every sibling);
 * - sibling-element-dropped: a write of a set (a list of elements, such as a cart) that lacks
 *   an element of what it was built on (the siblings its session last read, or its own last
 *   write of the key): a merge that dropped items.
 *
 * Writes of a key are compared pairwise (vectors are a partial order), up to a limit per key.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History, VersionVector } from "../../history/model.js";
import { compareVectors } from "../../history/observations.js";
import { valueKey } from "../../history/vocabulary.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import { MAX_VECTOR_WRITES } from "./conflicts.js";
import { joinAll, opVersion } from "./versions.js";
import { Ev, type ReplicationView } from "./view.js";
import type { WriteIndex } from "./writes.js";

export interface SiblingOverwritten extends AnomalyBase {
  kind: "sibling-overwritten";
  key: unknown;
  /** Op ids: the write W and the sibling S it claims to supersede; C, the op that last gave W's session its context (-1: none). */
  write: number;
  overwritten: number;
  context: number;
}

export interface SiblingElementDropped extends AnomalyBase {
  kind: "sibling-element-dropped";
  key: unknown;
  /** Op ids: the write W and B, the read or write it was built on. */
  write: number;
  basis: number;
  /** The set in B that W dropped elements of, and those elements. */
  from: unknown[];
  missing: unknown[];
}

export type SiblingAnomaly = SiblingOverwritten | SiblingElementDropped;

interface SessionKey {
  context: VersionVector | undefined;
  /** The session's last completed op of the key, and the sets it holds (a read's siblings, a write's value). */
  last: number;
  sets: unknown[][];
}

/** Every write's context and basis, from its session's earlier ops of the key; returns the writes checked. */
export function checkSiblings(
  view: ReplicationView,
  writes: WriteIndex,
  sink: Findings<SiblingAnomaly>,
): number {
  const { h } = view;
  const bySession = new Map<number, SessionKey>();
  const slot = (id: number) => h.session[id]! * Math.max(1, h.keys.length) + h.key[id]!;
  const byKey = vectorWritesByKey(h, writes);
  let checked = 0;
  for (let p = 0; p < view.order.length && !sink.stopped; p++) {
    const e = view.order[p]!;
    if (e < 0 || sink.expired()) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    if ((kind !== Ev.read && kind !== Ev.write) || h.status[id] !== 0) continue;
    const s = bySession.get(slot(id));
    if ((e & 1) === 0) {
      if (kind !== Ev.write) continue;
      checked++;
      const v = opVersion(h, id);
      if (v !== undefined && typeof v !== "number") overwritten(h, writes, byKey, id, v, s, sink);
      if (s !== undefined) dropped(h, id, s, sink);
      continue;
    }
    remember(
      h,
      id,
      kind,
      getOrInsert(bySession, slot(id), () => ({ context: undefined, last: -1, sets: [] })),
    );
  }
  return checked;
}

function vectorWritesByKey(h: History, writes: WriteIndex): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let w = 0; w < writes.ids.length; w++) {
    if (typeof writes.version(w) === "object")
      getOrInsert(out, h.key[writes.ids[w]!]!, () => []).push(w);
  }
  return out;
}

function remember(h: History, id: number, kind: number, s: SessionKey): void {
  const v = opVersion(h, id);
  if (v !== undefined && typeof v !== "number")
    s.context = s.context === undefined ? v : joinAll([s.context, v]);
  s.last = id;
  s.sets = kind === Ev.write ? setsOf([h.value[id]]) : readSets(h, id);
}

/** The sets a read returned: each sibling's value, or the siblings listed in its value, or its value. */
function readSets(h: History, id: number): unknown[][] {
  const siblings = h.extras.get(id)?.siblings;
  if (Array.isArray(siblings))
    return setsOf(siblings.map((s) => (s as { value?: unknown })?.value));
  const v = h.value[id];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => Array.isArray(x))) return setsOf(v);
  return setsOf([v]);
}

function setsOf(values: unknown[]): unknown[][] {
  return values.filter((v): v is unknown[] => Array.isArray(v));
}

function overwritten(
  h: History,
  writes: WriteIndex,
  byKey: Map<number, number[]>,
  id: number,
  v: VersionVector,
  s: SessionKey | undefined,
  sink: Findings<SiblingAnomaly>,
): void {
  const same = byKey.get(h.key[id]!) ?? [];
  if (same.length > MAX_VECTOR_WRITES) {
    sink.undecide("too-many-vector-writes", id, { keys: 1, max: MAX_VECTOR_WRITES });
    return;
  }
  // The most recent write it claims without having seen: the sibling it actually displaced.
  let found = -1;
  for (const y of same) {
    const yid = writes.ids[y]!;
    if (yid === id || h.session[yid] === h.session[id]) continue;
    const yv = writes.version(y) as VersionVector;
    if (!leq(yv, v) || (s?.context !== undefined && leq(yv, s.context))) continue;
    found = yid;
  }
  if (found < 0) return;
  const context = s?.last ?? -1;
  sink.add(() => ({
    kind: "sibling-overwritten",
    ops: opDetails(h, [id, found, ...(context >= 0 ? [context] : [])]),
    key: h.keys[h.key[id]!],
    write: id,
    overwritten: found,
    context,
  }));
}

function leq(a: VersionVector, b: VersionVector): boolean {
  const r = compareVectors(a, b);
  return r === "lt" || r === "eq";
}

function dropped(h: History, id: number, s: SessionKey, sink: Findings<SiblingAnomaly>): void {
  const value = h.value[id];
  if (!Array.isArray(value) || s.sets.length === 0) return;
  const have = new Set(value.map(valueKey));
  for (const set of s.sets) {
    const missing = set.filter((x) => !have.has(valueKey(x)));
    if (missing.length === 0) continue;
    sink.add(() => ({
      kind: "sibling-element-dropped",
      ops: opDetails(h, [id, s.last]),
      key: h.keys[h.key[id]!],
      write: id,
      basis: s.last,
      from: set,
      missing,
    }));
    return;
  }
}
