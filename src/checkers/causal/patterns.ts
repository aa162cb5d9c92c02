/**
 * The bad patterns of causal consistency on reads (Bouajjani, Enea, Guerraoui and Hamza,
 * "On verifying causal consistency", POPL 2017, table 2), found in one pass with vector
 * clocks: for a read r of key x, and each chain, the latest write w2 of x in r's causal
 * past (the strongest the chain requires):
 *
 * - ThinAirRead: r returned a value no op wrote to x;
 * - WriteCOInitRead: r returned the initial value, yet w2 co r;
 * - WriteCORead: r returned w1, yet w1 comes before w2 (causal order with the version order
 *   the history gives), and w2 co r;
 * - and, where ops carry version vectors, an op whose vector leaves out a write of its key
 *   in its causal past (version-excludes-cause): what RYW, MR and consistent prefix judge by
 *   vectors, so that causal never holds where they break.
 *
 * The latest write per chain suffices: if w1 precedes an earlier write of the chain, it
 * precedes the later one (session order), and a chain's writes of x are in causal order.
 */
import { Access } from "../../history/accesses.js";
import {
  AMBIGUOUS,
  compareVectors,
  GARBAGE,
  INITIAL,
  observedWrite,
  UNORDERED,
  UNRECORDED,
  UNWRITTEN,
} from "../../history/observations.js";
import { before, type CausalClocks, type CausalGraph } from "./analysis.js";
import { latestUpTo } from "./writes-index.js";

/** A pattern found, by accesses: what make.ts turns into an anomaly with its proof. */
export type ReadPattern =
  | { kind: "thin-air-read"; read: number }
  | { kind: "write-co-init-read"; read: number; write: number }
  | { kind: "write-co-read"; read: number; observed: number; newer: number }
  | { kind: "version-excludes-cause"; op: number; cause: number };

export interface PatternSink {
  found(p: ReadPattern): void;
  undecide(code: string, op: number): void;
  expired(): boolean;
}

const undecidedCodes = new Map<number, string>([
  [AMBIGUOUS, "not-differentiated"],
  [UNRECORDED, "unrecorded-version"],
  [UNWRITTEN, "writes-unrecorded"],
  [UNORDERED, "list-order-unknown"],
]);

export function findReadPatterns(g: CausalGraph, clocks: CausalClocks, sink: PatternSink): void {
  const o = g.hb.observations;
  const { acc } = o;
  for (let a = 0; a < acc.size && !sink.expired(); a++) {
    const op = acc.op[a]!;
    if (acc.kind[a] === Access.write) {
      if (o.vec.has(a) && g.placed[op] === 1) {
        const cause = excludedCause(g, clocks, a, a);
        if (cause >= 0) sink.found({ kind: "version-excludes-cause", op: a, cause });
      }
      continue;
    }
    const id = observedWrite(o, a);
    if (id === GARBAGE) sink.found({ kind: "thin-air-read", read: a });
    else if (g.placed[op] === 0) sink.undecide("after-cycle", op);
    else if (id < 0 && id !== INITIAL) sink.undecide(undecidedCodes.get(id) ?? "no-order", op);
    else {
      const p = readPattern(g, clocks, a, id);
      if (p !== undefined) sink.found(p);
    }
  }
}

/** The first pattern read r (which observed write w1, or INITIAL) forms with a write in its past. */
function readPattern(
  g: CausalGraph,
  clocks: CausalClocks,
  r: number,
  w1: number,
): ReadPattern | undefined {
  const o = g.hb.observations;
  const op = o.acc.op[r]!;
  const entries = g.writes.get(o.acc.key[r]!);
  if (entries === undefined) return undefined;
  const row = clocks.co.rowOf[op]! * clocks.co.width;
  for (const entry of entries) {
    const w2 = latestUpTo(entry, clocks.co.rows[row + entry.chain]!);
    if (w2 < 0) continue;
    if (w1 === INITIAL) return { kind: "write-co-init-read", read: r, write: w2 };
    if (o.acc.op[w2] === o.acc.op[w1]) continue;
    if (before(clocks.ordered, g, o.acc.op[w1]!, o.acc.op[w2]!)) {
      return { kind: "write-co-read", read: r, observed: w1, newer: w2 };
    }
  }
  const cause = excludedCause(g, clocks, r, w1);
  return cause >= 0 ? { kind: "version-excludes-cause", op: r, cause } : undefined;
}

/**
 * A write of a's key in the causal past of a's op that a's version vector does not include
 * (-1 if none, or a carries no vector). For a read, its vector is its own or the observed
 * write's; `self` is the write it observed (or a itself), which it trivially includes.
 */
function excludedCause(g: CausalGraph, clocks: CausalClocks, a: number, self: number): number {
  const o = g.hb.observations;
  const vec = o.vec.get(a);
  if (vec === undefined || vec.size === 0) return -1;
  const op = o.acc.op[a]!;
  const entries = g.writes.get(o.acc.key[a]!);
  if (entries === undefined) return -1;
  const row = clocks.co.rowOf[op]! * clocks.co.width;
  for (const entry of entries) {
    const w = latestUpTo(entry, clocks.co.rows[row + entry.chain]!);
    if (w < 0 || w === self || o.acc.op[w] === op) continue;
    const wv = o.vec.get(w);
    if (wv === undefined) continue;
    const rel = compareVectors(wv, vec);
    if (rel === "gt" || rel === "concurrent") return w;
  }
  return -1;
}
