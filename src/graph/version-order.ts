/**
 * Version-order edges between the writes of each key, where the history proves the order:
 * numeric versions (and list positions) order a key's writes totally, so consecutive
 * versions are linked (writes sharing one version are not ordered among themselves; each is
 * linked to each of the next version's); version vectors order them partially, so each write
 * is linked to the writes just below it. A list append that no read saw comes after every
 * append a read saw. Writes with neither are left unordered.
 */
import { Access } from "../history/accesses.js";
import { compareVectors, type Observations } from "../history/observations.js";
import type { GraphBuilder } from "./builder.js";
import { EdgeKind } from "./edge-kinds.js";
import type { Evidence } from "./happens-before.js";

/** Vector writes of one key beyond this are not ordered pairwise (quadratic): the key is reported. */
export const MAX_VECTOR_WRITES = 2048;

/** Adds the edges; returns the keys whose vector writes were too many to order. */
export function addVersionOrder(o: Observations, b: GraphBuilder, evidence: Evidence): number[] {
  const numbered = new Map<number, number[]>();
  const vectored = new Map<number, number[]>();
  const { acc } = o;
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] !== Access.write) continue;
    const key = acc.key[a]!;
    const into = !Number.isNaN(o.num[a]!) ? numbered : o.vec.has(a) ? vectored : undefined;
    if (into === undefined) continue;
    const list = into.get(key);
    if (list) list.push(a);
    else into.set(key, [a]);
  }
  const link = (u: number, v: number) => {
    if (acc.op[u] !== acc.op[v])
      b.addEdge(acc.op[u]!, acc.op[v]!, EdgeKind.versionOrder, evidence.add(u, v));
  };
  for (const writes of numbered.values()) linkNumbered(o, writes, link);
  const tooMany: number[] = [];
  for (const [key, writes] of vectored) {
    if (writes.length > MAX_VECTOR_WRITES) tooMany.push(key);
    else linkVectors(o, writes, link);
  }
  return tooMany.sort((x, y) => x - y);
}

/** Groups of equal versions, in order; every write of one group precedes every write of the next. */
function linkNumbered(o: Observations, writes: number[], link: (u: number, v: number) => void) {
  writes.sort((x, y) => o.num[x]! - o.num[y]! || x - y);
  let start = 0;
  let previous: number[] = [];
  while (start < writes.length) {
    const v = o.num[writes[start]!]!;
    let end = start;
    while (end < writes.length && o.num[writes[end]!] === v) end++;
    const group = writes.slice(start, end);
    // Unseen list appends (+Infinity) share a "version" but are not ordered among themselves.
    for (const u of previous) for (const w of group) link(u, w);
    previous = v === Number.POSITIVE_INFINITY ? previous : group;
    start = end;
  }
}

/**
 * The transitive reduction of the vectors' order: writes by increasing component sum (a
 * linear extension), each linked to the greatest writes below it that no chosen one covers.
 */
function linkVectors(o: Observations, writes: number[], link: (u: number, v: number) => void) {
  const sum = (a: number) => {
    let s = 0;
    for (const n of o.vec.get(a)!.values()) s += n;
    return s;
  };
  const sums = new Map(writes.map((a) => [a, sum(a)]));
  writes.sort((x, y) => sums.get(x)! - sums.get(y)! || x - y);
  for (let j = 1; j < writes.length; j++) {
    const w = writes[j]!;
    const below: number[] = [];
    for (let i = j - 1; i >= 0; i--) {
      const u = writes[i]!;
      if (compareVectors(o.vec.get(u)!, o.vec.get(w)!) !== "lt") continue;
      if (below.some((x) => compareVectors(o.vec.get(u)!, o.vec.get(x)!) === "lt")) continue;
      below.push(u);
      link(u, w);
    }
  }
}
