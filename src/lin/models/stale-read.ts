/**
 * A proof that a key-value history is not linearizable, found in polynomial time rather than by
 * searching orders: a stale get. In every sequential run of the kv model a get returns the value
 * of the last put before it (or the key's initial value, when there is none) followed by the
 * values of the appends between that put and the get. So if a get X returned V, and
 *
 *   - a write W (put or append) of X's key completed before X was invoked, so W precedes X;
 *   - every write V could be built from (a put or the initial value whose text starts V, then
 *     appends spelling out the rest, in any order that fits) completed before W was invoked, so
 *     all of them precede W; and W is not one of them,
 *
 * then no order works: W comes before X, after every write X's value can be made of. If W is
 * a put, X's value would have to start at W or at a put after it; if an append, the appends
 * after the last put before X include W. Either way V would contain a write it cannot contain.
 *
 * The writes V could be built from are over-approximated (an append may be counted twice, an
 * info write that never happened counted as happening), which only makes the proof harder to
 * find, never wrong. The cost, for each get, is the ops of the object plus the characters of
 * its value times the distinct values appended; it is bounded by WORK_LIMIT per object, so that
 * a huge key gives up rather than stalls.
 */

/** One op of an object as the proof reads it: its value's text and its events' positions. */
export interface TextOp {
  kind: "get" | "put" | "append";
  /** The key (register) it acts on. */
  slot: number;
  text: string;
  call: number;
  /** +Infinity: it may take effect at any point after its call, or never. */
  ret: number;
}

/** Indices of the ops: the get, the write W, and every write its value could be built from. */
export interface StaleRead {
  read: number;
  write: number;
  sources: number[];
}

/** Ops and characters looked at, in all, before the proof gives up (about 0.1 s). */
export const WORK_LIMIT = 1 << 27;

/** The first get (by invocation) proven stale, or undefined; `initials[slot]` undefined: not a string, not proven. */
export function findStaleRead(
  ops: readonly TextOp[],
  initials: readonly (string | undefined)[],
): StaleRead | undefined {
  const work = { left: WORK_LIMIT };
  const gets = ops
    .map((_, i) => i)
    .filter((i) => ops[i]!.kind === "get" && ops[i]!.ret < Number.POSITIVE_INFINITY)
    .sort((a, b) => ops[a]!.call - ops[b]!.call);
  for (const x of gets) {
    const initial = initials[ops[x]!.slot];
    if (initial === undefined) continue;
    const found = staleAt(ops, x, initial, work);
    if (found !== undefined) return found;
    if (work.left < 0) return undefined;
  }
  return undefined;
}

function staleAt(
  ops: readonly TextOp[],
  x: number,
  initial: string,
  work: { left: number },
): StaleRead | undefined {
  const { slot, call, ret } = ops[x]!;
  work.left -= ops.length;
  if (work.left < 0) return undefined;
  const writes: number[] = [];
  let before = false;
  ops.forEach((o, i) => {
    if (o.kind === "get" || o.slot !== slot || o.call > ret) return;
    writes.push(i);
    if (o.ret < call) before = true;
  });
  if (!before) return undefined;
  const sources = sourcesOf(ops, writes, ops[x]!.text, initial, work);
  if (sources === undefined) return undefined;
  let latest = Number.NEGATIVE_INFINITY;
  for (const s of sources) latest = Math.max(latest, ops[s]!.ret);
  // A write invoked after every source completed is not a source itself (it completes later).
  let write = -1;
  for (const w of writes) {
    const o = ops[w]!;
    if (o.ret < call && o.call > latest) {
      if (write < 0 || o.call < ops[write]!.call) write = w;
    }
  }
  return write < 0 ? undefined : { read: x, write, sources };
}

/**
 * Every write (of `writes`) on some way of building `value`: a put whose text starts it (or
 * the initial value), then appends that match the rest, one after another. Undefined when
 * there is no way at all (another proof's business) or the work ran out.
 */
function sourcesOf(
  ops: readonly TextOp[],
  writes: readonly number[],
  value: string,
  initial: string,
  work: { left: number },
): number[] | undefined {
  const appends = new Map<string, number[]>();
  for (const w of writes) {
    if (ops[w]!.kind !== "append") continue;
    const t = ops[w]!.text;
    const same = appends.get(t);
    if (same === undefined) appends.set(t, [w]);
    else same.push(w);
  }
  work.left -= (appends.size + 1) * (value.length + 1);
  if (work.left < 0) return undefined;
  // Edges of the appends along the value: from where a piece starts to where it ends.
  const edges: [number, number, string][] = [];
  for (const t of appends.keys()) {
    if (t.length === 0) continue;
    for (let at = value.indexOf(t); at >= 0; at = value.indexOf(t, at + 1)) {
      edges.push([at, at + t.length, t]);
    }
  }
  edges.sort((a, b) => a[0] - b[0]);
  const reach = new Uint8Array(value.length + 1);
  if (value.startsWith(initial)) reach[initial.length] = 1;
  for (const w of writes) {
    const o = ops[w]!;
    if (o.kind === "put" && value.startsWith(o.text)) reach[o.text.length] = 1;
  }
  for (const [from, to] of edges) if (reach[from] === 1) reach[to] = 1;
  const coreach = new Uint8Array(value.length + 1);
  coreach[value.length] = 1;
  for (let e = edges.length - 1; e >= 0; e--) {
    const [from, to] = edges[e]!;
    if (coreach[to] === 1) coreach[from] = 1;
  }
  if (!reach.some((r, i) => r === 1 && coreach[i] === 1)) return undefined;
  const used = new Set<string>([""]);
  for (const [from, to, t] of edges) if (reach[from] === 1 && coreach[to] === 1) used.add(t);
  return writes.filter((w) => {
    const o = ops[w]!;
    if (o.kind === "append") return used.has(o.text);
    return value.startsWith(o.text) && coreach[o.text.length] === 1;
  });
}
