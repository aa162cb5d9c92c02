/**
 * Jepsen's independent keys: a register test run over many keys (jepsen.independent) records
 * each op's value as a tuple [key value] (a cas as [key [from to]]) and no `key` field. Read
 * as one register, such a history would look wrong everywhere, so when every read, write and
 * cas of a keyless history has that shape, the tuples are split into key and value.
 *
 * A keyless register whose values happen to be pairs looks the same. Jepsen's independent
 * histories carry no versions, sessions or nodes, so any of those is evidence of one register
 * of pairs: then the values are kept, and the report says which reading was chosen and how
 * to force the other (`independentKeys`: "auto", "split" or "keep").
 */
import { Interner } from "./columns.js";
import type { History, IndependentKeys } from "./model.js";
import { narrowIds } from "./op-columns.js";
import { fClass, isClientOp } from "./vocabulary.js";

export type IndependentMode = "auto" | "split" | "keep";

export const independentModes: readonly IndependentMode[] = ["auto", "split", "keep"];

export function splitIndependentKeys(h: History, mode: IndependentMode = "auto"): History {
  if (mode === "keep" || h.keys.length > 0 || h.txns.size > 0) return h;
  const tupled = opsWithTuples(h);
  if (tupled === undefined || tupled.length === 0) return h;
  const evidence = mode === "auto" ? evidenceOfOneRegister(h, tupled) : undefined;
  if (evidence !== undefined) {
    return { ...h, independentKeys: { split: false, evidence } };
  }
  const keys = new Interner<unknown>();
  const key = Int32Array.from(h.key);
  const value = h.value.slice();
  for (const id of tupled) {
    const [k, v] = h.value[id] as [unknown, unknown];
    key[id] = keys.id(k);
    value[id] = v;
  }
  const independentKeys: IndependentKeys = { split: true, forced: mode === "split" };
  return {
    ...h,
    key: narrowIds(key, keys.values.length),
    keys: keys.values,
    value,
    independentKeys,
  };
}

/** The register ops, if every one of them holds a [key value] tuple; else undefined. */
function opsWithTuples(h: History): number[] | undefined {
  const ids: number[] = [];
  for (let id = 0; id < h.size; id++) {
    if (!isClientOp(h, id)) continue;
    const c = fClass(h.fs[h.f[id]!]!);
    if (c !== "read" && c !== "write" && c !== "cas") continue;
    const v = h.value[id];
    if (!isTuple(v)) return undefined;
    if (c === "cas" && !(Array.isArray(v[1]) && v[1].length === 2)) return undefined;
    ids.push(id);
  }
  return ids;
}

/** What the tupled ops record that Jepsen's independent histories never do. */
function evidenceOfOneRegister(
  h: History,
  ids: readonly number[],
): IndependentKeys["evidence"] | undefined {
  for (const id of ids) {
    if (!Number.isNaN(h.version[id]!) || h.vectors.has(id)) return "version";
    if (h.node[id]! >= 0) return "node";
    if (h.sessions[h.session[id]!] !== h.processes[h.process[id]!]) return "session";
  }
  return undefined;
}

function isTuple(v: unknown): v is [string | number | bigint, unknown] {
  if (!Array.isArray(v) || v.length !== 2) return false;
  const k = typeof v[0];
  return k === "string" || k === "number" || k === "bigint";
}
