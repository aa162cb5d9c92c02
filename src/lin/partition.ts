/**
 * Which ops the search sees, and how they split into independent objects. Failed ops did
 * not happen (Knossos drops :fail); lone events and the ops of named processes (a nemesis,
 * a replica) are not ops of the object: named processes are not clients. By P-compositionality (Horn &
 * Kroening 2015; Herlihy & Wing's locality), a history is linearizable iff each object's
 * sub-history is: ops that share a key (or, for transactions, are connected through keys)
 * form one object.
 */
import { type History, Status } from "../history/model.js";
import { isClientOp, valueKey } from "../history/vocabulary.js";
import type { Model } from "./models/types.js";
import type { UnreadableOp } from "./problem.js";

export interface Part {
  /** The keys of this object, in order of first appearance. */
  keys: unknown[];
  /** History op ids, ascending. */
  ops: number[];
}

export interface Selection {
  ops: number[];
  failed: number;
  ignored: number;
}

export function selectOps(h: History): Selection {
  const ops: number[] = [];
  let failed = 0;
  let ignored = 0;
  for (let id = 0; id < h.size; id++) {
    const s = h.status[id];
    if (!isClientOp(h, id)) ignored++;
    else if (s === Status.fail) failed++;
    else ops.push(id);
  }
  return { ops, failed, ignored };
}

export interface Partitioning {
  parts: Part[];
  /** Ops whose keys the model could not read. */
  unreadable: UnreadableOp[];
}

/** Splits `ops` by key when `split` and the model allows it; otherwise one part with every key. */
export function partitionOps(
  h: History,
  ops: readonly number[],
  model: Model,
  split: boolean,
): Partitioning {
  const unreadable: UnreadableOp[] = [];
  const keyIds = new Map<unknown, number>();
  const keys: unknown[] = [];
  // Most ops have one key: its id in a typed array (-1 for none), the rest of a transaction's
  // keys apart; an array per op cost about 50 bytes each (half a gigabyte at 10M ops).
  const opKeys: OpKeys = { first: new Int32Array(ops.length).fill(-1), rest: new Map() };
  const idOf = (k: unknown): number => {
    const ik = valueKey(k ?? null);
    let kid = keyIds.get(ik);
    if (kid === undefined) {
      kid = keys.length;
      keys.push(k ?? null);
      keyIds.set(ik, kid);
    }
    return kid;
  };
  for (let i = 0; i < ops.length; i++) {
    const id = ops[i]!;
    const ks = model.keysOf ? model.keysOf(h, id) : [];
    if ("unreadable" in ks) {
      unreadable.push({ id, why: ks });
      continue;
    }
    if (ks.length === 0) continue;
    opKeys.first[i] = idOf(ks[0]);
    if (ks.length > 1) opKeys.rest.set(i, ks.slice(1).map(idOf));
  }
  if (!split || !model.keysOf) return { parts: [{ keys, ops: [...ops] }], unreadable };
  return { parts: groupByKeys(ops, opKeys, keys), unreadable };
}

/** Each op's key ids (by position in the selection): the first, and any others. */
interface OpKeys {
  first: Int32Array;
  rest: Map<number, number[]>;
}

function groupByKeys(ops: readonly number[], opKeys: OpKeys, keys: unknown[]): Part[] {
  const parent = Array.from({ length: keys.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [i, ks] of opKeys.rest) {
    for (const k of ks) parent[find(k)] = find(opKeys.first[i]!);
  }
  const byRoot = new Map<number, Part>();
  const partOf = (root: number): Part => {
    let part = byRoot.get(root);
    if (!part) {
      part = { keys: [], ops: [] };
      byRoot.set(root, part);
    }
    return part;
  };
  for (const [i, k] of keys.entries()) partOf(find(i)).keys.push(k);
  ops.forEach((id, i) => {
    const k = opKeys.first[i]!;
    if (k >= 0) partOf(find(k)).ops.push(id);
  });
  return [...byRoot.values()].filter((p) => p.ops.length > 0);
}
