/**
 * The bad patterns of causal consistency on reads (Bouajjani, Enea, Guerraoui and Hamza,
 * "On verifying causal consistency", POPL 2017, table 2), found in one pass with vector
 * clocks (a read's made as it is visited, op-clocks.ts): for a read r of key x, and each
 * chain, the latest write w2 of x in r's causal past (the strongest the chain requires):
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
  UNORDERED,
  UNRECORDED,
  UNWRITTEN,
} from "../../history/observations.js";
import type { CausalClocks, CausalGraph } from "./analysis.js";
import { OpClocks } from "./op-clocks.js";
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
  const scan = new ReadScan(g, clocks);
  for (let a = 0; a < acc.size && !sink.expired(); a++) {
    const op = acc.op[a]!;
    if (acc.kind[a] === Access.write) {
      if (o.vec.has(a) && g.placed[op] === 1) {
        scan.opClocks.load(op);
        const cause = excludedCause(g, scan.opClocks, a, a);
        if (cause >= 0) sink.found({ kind: "version-excludes-cause", op: a, cause });
      }
      continue;
    }
    const id = g.hb.observed[a]!;
    if (id === GARBAGE) sink.found({ kind: "thin-air-read", read: a });
    else if (g.placed[op] === 0) sink.undecide("after-cycle", op);
    else if (id < 0 && id !== INITIAL) sink.undecide(undecidedCodes.get(id) ?? "no-order", op);
    else {
      const p = scan.pattern(a, id);
      if (p !== undefined) sink.found(p);
    }
  }
}

/**
 * The per-read search, with the arrays it reads hoisted. Reads are visited in op order, so
 * each chain's reads come in chain order and their clocks only grow: per (reading chain,
 * key), a cursor into each writing chain's writes only moves forward (amortised O(1) per
 * chain and read, instead of a binary search).
 */
class ReadScan {
  readonly opClocks: OpClocks;
  private readonly cursors = new Map<number, Int32Array>();
  private readonly op: Int32Array;
  private readonly chainOf: Int32Array;
  private readonly posOf: Int32Array;

  constructor(
    private readonly g: CausalGraph,
    private readonly clocks: CausalClocks,
  ) {
    this.op = g.hb.observations.acc.op;
    this.chainOf = g.hb.chains.chainOf;
    this.posOf = g.hb.chains.posOf;
    this.opClocks = new OpClocks(g, clocks.co);
  }

  /** The first pattern read r (which observed write w1, or INITIAL) forms with a write in its past. */
  pattern(r: number, w1: number): ReadPattern | undefined {
    const { acc } = this.g.hb.observations;
    const entries = this.g.writes.get(acc.key[r]!);
    if (entries === undefined) return undefined;
    const op = this.op[r]!;
    const cursor = this.cursorOf(op, acc.key[r]!, entries.length);
    this.opClocks.load(op);
    const { rows, start: row } = this.opClocks;
    const ordered = this.clocks.ordered;
    const c1 = w1 >= 0 ? this.chainOf[this.op[w1]!]! : -1;
    const p1 = w1 >= 0 ? this.posOf[this.op[w1]!]! : 0;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const upTo = rows[row + entry.chain]!;
      let k = cursor[i]!;
      while (k < entry.pos.length && entry.pos[k]! <= upTo) k++;
      cursor[i] = k;
      if (k === 0) continue;
      const w2 = entry.acc[k - 1]!;
      if (w1 === INITIAL) return { kind: "write-co-init-read", read: r, write: w2 };
      const op2 = this.op[w2]!;
      if (op2 === this.op[w1]! || c1 < 0) continue;
      if (ordered.rows[ordered.rowOf[op2]! * ordered.width + c1]! >= p1) {
        return { kind: "write-co-read", read: r, observed: w1, newer: w2 };
      }
    }
    const cause = excludedCause(this.g, this.opClocks, r, w1);
    return cause >= 0 ? { kind: "version-excludes-cause", op: r, cause } : undefined;
  }

  /** The cursors of op's chain on a key (each op outside a chain gets fresh ones). */
  private cursorOf(op: number, key: number, n: number): Int32Array {
    const c = this.chainOf[op]!;
    if (c < 0) return new Int32Array(n);
    const id = c * this.g.hb.observations.acc.keys.length + key;
    let cursor = this.cursors.get(id);
    if (cursor === undefined) {
      cursor = new Int32Array(n);
      this.cursors.set(id, cursor);
    }
    return cursor;
  }
}

/**
 * A write of a's key in the causal past of a's op that a's version vector does not include
 * (-1 if none, or a carries no vector). For a read, its vector is its own or the observed
 * write's; `self` is the write it observed (or a itself), which it trivially includes.
 */
function excludedCause(g: CausalGraph, clock: OpClocks, a: number, self: number): number {
  const o = g.hb.observations;
  const vec = o.vec.get(a);
  if (vec === undefined || vec.size === 0) return -1;
  const op = o.acc.op[a]!;
  const entries = g.writes.get(o.acc.key[a]!);
  if (entries === undefined) return -1;
  const { rows, start } = clock;
  for (const entry of entries) {
    const w = latestUpTo(entry, rows[start + entry.chain]!);
    if (w < 0 || w === self || o.acc.op[w] === op) continue;
    const wv = o.vec.get(w);
    if (wv === undefined) continue;
    const rel = compareVectors(wv, vec);
    if (rel === "gt" || rel === "concurrent") return w;
  }
  return -1;
}
