/**
 * Which ops the search sees, and how they split into independent objects. Failed ops did
 * not happen (Knossos drops :fail); lone events and the ops of named processes that the
 * model does not read (a nemesis) are not ops of the object. By P-compositionality (Horn &
 * Kroening 2015; Herlihy & Wing's locality), a history is linearizable iff each object's
 * sub-history is: ops that share a key (or, for transactions, are connected through keys)
 * form one object.
 */
import { internKey } from "../history/columns.js";
import { type History, Status } from "../history/model.js";
import { isNamedProcess } from "./models/index.js";
import { fName, type Model } from "./models/types.js";

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

export function selectOps(h: History, model: Model): Selection {
  const ops: number[] = [];
  let failed = 0;
  let ignored = 0;
  for (let id = 0; id < h.size; id++) {
    const s = h.status[id];
    if (s === Status.event || (isNamedProcess(h, id) && !model.fs.includes(fName(h, id))))
      ignored++;
    else if (s === Status.fail) failed++;
    else ops.push(id);
  }
  return { ops, failed, ignored };
}

export interface Partitioning {
  parts: Part[];
  /** Ops whose keys the model could not read. */
  unreadable: { id: number; reason: string }[];
}

/** Splits `ops` by key when `split` and the model allows it; otherwise one part with every key. */
export function partitionOps(
  h: History,
  ops: readonly number[],
  model: Model,
  split: boolean,
): Partitioning {
  const unreadable: { id: number; reason: string }[] = [];
  const keyIds = new Map<unknown, number>();
  const keys: unknown[] = [];
  const opKeys: number[][] = [];
  for (const id of ops) {
    const ks = model.keysOf ? model.keysOf(h, id) : [];
    if ("unreadable" in ks) {
      unreadable.push({ id, reason: ks.unreadable });
      opKeys.push([]);
      continue;
    }
    opKeys.push(
      ks.map((k) => {
        const ik = internKey(k ?? null);
        let kid = keyIds.get(ik);
        if (kid === undefined) {
          kid = keys.length;
          keys.push(k ?? null);
          keyIds.set(ik, kid);
        }
        return kid;
      }),
    );
  }
  if (!split || !model.keysOf) return { parts: [{ keys, ops: [...ops] }], unreadable };
  return { parts: groupByKeys(ops, opKeys, keys), unreadable };
}

function groupByKeys(ops: readonly number[], opKeys: number[][], keys: unknown[]): Part[] {
  const parent = Array.from({ length: keys.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const ks of opKeys) for (let i = 1; i < ks.length; i++) parent[find(ks[i]!)] = find(ks[0]!);
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
    const ks = opKeys[i]!;
    if (ks.length > 0) partOf(find(ks[0]!)).ops.push(id);
  });
  return [...byRoot.values()].filter((p) => p.ops.length > 0);
}
