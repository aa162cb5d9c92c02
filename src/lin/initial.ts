/**
 * Initial values read off the history, and keys whose writes it leaves out.
 *
 * A read that completed before any write of its key was invoked can only have observed the
 * key's initial state. Stores name "absent" differently (nil, 0, "", []), and models assume
 * one (Knossos's multi-register starts at 0, Elle's rw-register histories read nil), so when
 * no initial value is given, a key whose early reads agree on such an empty value starts at
 * it. Any other value read that early is not a start: it is a value no write had produced
 * yet, which the search must judge. When the early reads disagree on the empty value, no
 * initial value fits them, and the key is undecided.
 *
 * A history in which no op ever tries to write (Jepsen's long-fork records only reads) leaves
 * its writes out: a key whose reads return more than its initial value is then undecided
 * rather than called not linearizable. Where the history records writes, a read of a value
 * nobody wrote is the search's to judge.
 */
import { Access } from "../history/accesses.js";
import type { History } from "../history/model.js";
import { accessesOf } from "../history/observations.js";
import { valueKey } from "../history/vocabulary.js";

export interface InitialReading {
  /** Per key (by value key): the empty value its early reads agree on, and the first such read. */
  values: Map<unknown, { key: unknown; value: unknown; op: number }>;
  /** Keys whose early reads disagree: two reads that returned different empty values. */
  conflicts: Map<unknown, { key: unknown; ops: [number, number] }>;
  /** In a history without writes: keys whose reads returned more than their initial value, and such a read. */
  unwritten: Map<unknown, { key: unknown; op: number }>;
}

const EMPTY = new Set<unknown>([null, 0, "", valueKey([])]);

/**
 * `initialOf(key)`: the initial value a key takes when its reads do not say otherwise, or, with
 * `infer` false, the one it takes in any case (an initial value was given).
 */
export function readInitialValues(
  h: History,
  initialOf: (key: unknown) => unknown,
  infer: boolean,
): InitialReading {
  const acc = accessesOf(h);
  const firstWrite = new Float64Array(acc.keys.length).fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] !== Access.write) continue;
    firstWrite[acc.key[a]!] = Math.min(firstWrite[acc.key[a]!]!, h.invPos[acc.op[a]!]!);
  }
  const out: InitialReading = { values: new Map(), conflicts: new Map(), unwritten: new Map() };
  for (let a = 0; infer && a < acc.size; a++) {
    const key = acc.key[a]!;
    const value = acc.value[a] ?? null;
    if (acc.kind[a] !== Access.read || h.cmpPos[acc.op[a]!]! > firstWrite[key]!) continue;
    if (!EMPTY.has(valueKey(value))) continue;
    const k = valueKey(acc.keys[key]);
    const seen = out.values.get(k);
    if (out.conflicts.has(k)) continue;
    if (seen === undefined) out.values.set(k, { key: acc.keys[key], value, op: acc.op[a]! });
    else if (valueKey(seen.value) !== valueKey(value)) {
      out.values.delete(k);
      out.conflicts.set(k, { key: seen.key, ops: [seen.op, acc.op[a]!] });
    }
  }
  findUnwritten(h, out, (k) =>
    out.values.has(valueKey(k)) ? out.values.get(valueKey(k))!.value : initialOf(k),
  );
  return out;
}

function findUnwritten(
  h: History,
  out: InitialReading,
  initialOf: (key: unknown) => unknown,
): void {
  const acc = accessesOf(h);
  if (acc.writes > 0) return;
  for (let a = 0; a < acc.size; a++) {
    const key = acc.keys[acc.key[a]!];
    const k = valueKey(key);
    if (acc.kind[a] !== Access.read || out.unwritten.has(k)) continue;
    if (valueKey(acc.value[a] ?? null) !== valueKey(initialOf(key))) {
      out.unwritten.set(k, { key, op: acc.op[a]! });
    }
  }
}
