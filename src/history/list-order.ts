/**
 * The version order of list-append keys (Elle's list-append workload; Kingsbury and Alvaro,
 * "Elle", VLDB 2020, section 3): every read returns the whole list appended so far, so when
 * every read of a key is a prefix of its longest read, that list is the key's version order.
 * An append's version is its position in it (+Infinity if no read ever saw it), a read's
 * version is its length. Keys whose reads disagree, or that append one value twice, have no
 * knowable order: their versions stay NaN and their reads are undecided.
 */
import { Access, type Accesses } from "./accesses.js";
import { valueKey } from "./vocabulary.js";

export interface ListVersions {
  /** Per access on a list key: as above; NaN elsewhere. */
  readonly num: Float64Array;
  /** List keys without a knowable order, and why. */
  readonly unordered: ReadonlyMap<number, "incompatible-reads" | "duplicate-appends">;
}

export function listVersions(acc: Accesses): ListVersions {
  const num = new Float64Array(acc.size).fill(Number.NaN);
  const longest = longestReads(acc);
  const unordered = new Map<number, "incompatible-reads" | "duplicate-appends">();
  const positions = new Map<number, Map<unknown, number>>();
  for (const [key, list] of longest) {
    const pos = new Map<unknown, number>();
    for (const [i, v] of list.entries()) pos.set(valueKey(v), i + 1);
    if (pos.size < list.length) unordered.set(key, "duplicate-appends");
    positions.set(key, pos);
  }
  const appended = new Map<number, Set<unknown>>();
  for (let a = 0; a < acc.size; a++) {
    const key = acc.key[a]!;
    if (!acc.lists.has(key) || unordered.has(key)) continue;
    if (acc.kind[a] === Access.read) {
      const list = (acc.value[a] as unknown[] | null) ?? [];
      if (!isPrefix(list, longest.get(key) ?? [])) unordered.set(key, "incompatible-reads");
      num[a] = list.length;
    } else {
      const vk = valueKey(acc.value[a]);
      const seen = appended.get(key) ?? new Set();
      if (seen.has(vk)) unordered.set(key, "duplicate-appends");
      appended.set(key, seen.add(vk));
      num[a] = positions.get(key)?.get(vk) ?? Number.POSITIVE_INFINITY;
    }
  }
  for (let a = 0; a < acc.size; a++) if (unordered.has(acc.key[a]!)) num[a] = Number.NaN;
  return { num, unordered };
}

function longestReads(acc: Accesses): Map<number, readonly unknown[]> {
  const longest = new Map<number, readonly unknown[]>();
  for (let a = 0; a < acc.size; a++) {
    const key = acc.key[a]!;
    if (acc.kind[a] !== Access.read || !acc.lists.has(key)) continue;
    const list = (acc.value[a] as unknown[] | null) ?? [];
    if (list.length > (longest.get(key)?.length ?? -1)) longest.set(key, list);
  }
  return longest;
}

function isPrefix(list: readonly unknown[], of: readonly unknown[]): boolean {
  if (list.length > of.length) return false;
  for (let i = 0; i < list.length; i++) if (valueKey(list[i]) !== valueKey(of[i])) return false;
  return true;
}
