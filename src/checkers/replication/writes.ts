/**
 * The client writes of a history and how a replica state or a read names them: by the key
 * and the version it holds (one version, or each of its `siblings`), or, for a write whose
 * completion carries no version (it timed out), by its value, once a replica event shows that
 * value with a version. Writes are numbered by ordinal (0, 1, ... in op order).
 */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { valueKey } from "../../history/vocabulary.js";
import { opVersion, rawVersion, type Version, vectorKey } from "./versions.js";
import { Ev, type ReplicationView, replicationView } from "./view.js";

export interface WriteIndex {
  /** Op id of each write ordinal. */
  readonly ids: Int32Array;
  /** Write ordinal of each op id, -1 for ops that are not client writes. */
  readonly ordinal: Int32Array;
  /** The write's version: its own, or the one a replica event showed for its value. */
  version(w: number): Version | undefined;
  /** The writes a replica event or a read names (its version, or each sibling's), as ordinals; unknown versions are left out. */
  named(id: number): number[];
  /** The write of `key` at exactly this version, or -1. */
  find(key: number, v: Version): number;
}

const cache = new WeakMap<History, WriteIndex>();

export function writeIndex(h: History): WriteIndex {
  return getOrInsert(cache, h, () => buildIndex(replicationView(h)));
}

function slotKey(v: Version): number | string {
  return typeof v === "number" ? v : vectorKey(v);
}

function buildIndex(view: ReplicationView): WriteIndex {
  const { h } = view;
  const ordinal = new Int32Array(h.size).fill(-1);
  const ids: number[] = [];
  const byVersion = new Map<number, Map<number | string, number>>();
  const byValue = new Map<number, Map<unknown, number>>();
  const bound = new Map<number, Version>();
  for (let id = 0; id < h.size; id++) {
    if (view.kind[id] !== Ev.write || h.status[id] === 1) continue;
    const w = ids.push(id) - 1;
    ordinal[id] = w;
    const key = h.key[id]!;
    const v = opVersion(h, id);
    if (v !== undefined)
      getOrInsert(byVersion, key, () => new Map<number | string, number>()).set(slotKey(v), w);
    else getOrInsert(byValue, key, () => new Map<unknown, number>()).set(valueKey(h.value[id]), w);
  }
  const version = (w: number): Version | undefined => opVersion(h, ids[w]!) ?? bound.get(w);
  const find = (key: number, v: Version): number => byVersion.get(key)?.get(slotKey(v)) ?? -1;
  /** A state's version and value name a write; a versionless write is bound to the version its value shows. */
  const resolve = (key: number, v: Version | undefined | null, value: unknown): number => {
    if (v === undefined || v === null) return -1;
    const w = find(key, v);
    if (w >= 0) return w;
    const free = byValue.get(key);
    const candidate = free?.get(valueKey(value));
    if (candidate === undefined) return -1;
    free!.delete(valueKey(value));
    bound.set(candidate, v);
    getOrInsert(byVersion, key, () => new Map<number | string, number>()).set(
      slotKey(v),
      candidate,
    );
    return candidate;
  };
  const named = (id: number): number[] => {
    const key = h.key[id]!;
    const siblings = h.extras.get(id)?.siblings;
    if (Array.isArray(siblings) && siblings.length > 0) {
      const out: number[] = [];
      for (const s of siblings) {
        if (typeof s !== "object" || s === null) continue;
        const { value, version } = s as { value?: unknown; version?: unknown };
        const w = resolve(key, rawVersion(h, version), value ?? null);
        if (w >= 0) out.push(w);
      }
      return out;
    }
    const w = resolve(key, opVersion(h, id), h.value[id] ?? null);
    return w >= 0 ? [w] : [];
  };
  // Bind every versionless write now, in history order, so that what a write is named by never depends on who asked first.
  if (byValue.size > 0)
    for (let id = 0; id < h.size; id++)
      if (view.kind[id]! >= Ev.apply && view.kind[id]! <= Ev.handoff) named(id);
  return { ids: Int32Array.from(ids), ordinal, version, named, find };
}
