/**
 * Jepsen's independent keys: a register test run over many keys (jepsen.independent) records
 * each op's value as a tuple [key value] (a cas as [key [from to]]) and no `key` field. Read
 * as one register, such a history would look wrong everywhere, so when every read, write and
 * cas of a keyless history has that shape, the tuples are split into key and value.
 */
import { Interner } from "./columns.js";
import type { History } from "./model.js";

const registerFs = new Set(["read", "write", "cas", "r", "w"]);

export function splitIndependentKeys(h: History): History {
  if (h.keys.length > 0 || h.txns.size > 0) return h;
  const tupled = opsWithTuples(h);
  if (tupled === undefined || tupled.length === 0) return h;
  const keys = new Interner<unknown>();
  const key = h.key.slice();
  const value = h.value.slice();
  for (const id of tupled) {
    const [k, v] = h.value[id] as [unknown, unknown];
    key[id] = keys.id(k);
    value[id] = v;
  }
  return { ...h, key, keys: keys.values, value, independent: true };
}

/** The register ops, if every one of them holds a [key value] tuple; else undefined. */
function opsWithTuples(h: History): number[] | undefined {
  const ids: number[] = [];
  for (let id = 0; id < h.size; id++) {
    const f = h.fs[h.f[id]!]!;
    if (!registerFs.has(f)) continue;
    const v = h.value[id];
    if (!isTuple(v)) return undefined;
    if (f === "cas" && !(Array.isArray(v[1]) && v[1].length === 2)) return undefined;
    ids.push(id);
  }
  return ids;
}

function isTuple(v: unknown): v is [string | number | bigint, unknown] {
  if (!Array.isArray(v) || v.length !== 2) return false;
  const k = typeof v[0];
  return k === "string" || k === "number" || k === "bigint";
}
