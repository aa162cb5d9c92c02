/**
 * What an observer session knows, for consistent prefix: the writes of other sessions its
 * reads observed (B), and so every write that happened before one of them (A). In causal
 * order, knowledge is a vector clock over chains, the join of the strict pasts of the Bs; in
 * real time, the latest invocation of a B (A must have completed before some B began). Each
 * remembers the read that brought it, for the proof, and turns into the requirement of a read.
 */
import type { History } from "../../history/model.js";
import type { CausalClocks, CausalGraph } from "../causal/analysis.js";
import { latestUpTo } from "../causal/writes-index.js";
import {
  emptyRequirement,
  feed,
  type JudgeContext,
  type Requirement,
} from "../session/requirement.js";
import type { RealTimePrefixes } from "./real-time.js";

export interface Source {
  /** The write observed (B), an op id, and the read access that observed it (RB). */
  seen: number;
  read: number;
}

export interface Knowledge {
  /** B (an op) was observed by read access `read`. */
  learn(seen: number, read: number): void;
  /** What read access r must observe: the writes of its key known to precede a B, or undefined if none. */
  requirement(r: number): Requirement | undefined;
  /** The source that made write access `w` required. */
  sourceOf(w: number): Source | undefined;
  /** A copy, for a transaction that learns from its own reads. */
  copy(): Knowledge;
}

/** Causal knowledge: per chain, the last position known, and where it came from. */
export class CausalKnowledge implements Knowledge {
  private readonly known: Int32Array;
  private readonly from: (Source | undefined)[];

  constructor(
    private readonly g: CausalGraph,
    private readonly clocks: CausalClocks,
    private readonly ctx: JudgeContext,
  ) {
    this.known = new Int32Array(clocks.co.width);
    this.from = new Array(clocks.co.width);
  }

  learn(seen: number, read: number): void {
    const { rows, rowOf, width } = this.clocks.co;
    const start = rowOf[seen]! * width;
    let source: Source | undefined;
    for (let c = 0; c < width; c++) {
      const p = rows[start + c]!;
      if (p > this.known[c]!) {
        this.known[c] = p;
        source ??= { seen, read };
        this.from[c] = source;
      }
    }
  }

  requirement(r: number): Requirement | undefined {
    const o = this.g.hb.observations;
    let req: Requirement | undefined;
    for (const entry of this.g.writes.get(o.acc.key[r]!) ?? []) {
      const w = latestUpTo(entry, this.known[entry.chain]!);
      if (w < 0 || o.acc.op[w] === o.acc.op[r]) continue;
      req ??= emptyRequirement();
      feed(o, req, w, this.ctx);
    }
    return req;
  }

  sourceOf(w: number): Source | undefined {
    const op = this.g.hb.observations.acc.op[w]!;
    return this.from[this.g.hb.chains.chainOf[op]!];
  }

  copy(): CausalKnowledge {
    const k = new CausalKnowledge(this.g, this.clocks, this.ctx);
    k.known.set(this.known);
    for (let c = 0; c < this.from.length; c++) k.from[c] = this.from[c];
    return k;
  }
}

/** Real-time knowledge: the latest invocation of a B, and where it came from. */
export class RealTimeKnowledge implements Knowledge {
  private upTo = -1;
  private from: Source | undefined;

  constructor(
    private readonly h: History,
    private readonly prefixes: RealTimePrefixes,
  ) {}

  learn(seen: number, read: number): void {
    const at = this.h.invPos[seen]!;
    if (at > this.upTo) {
      this.upTo = at;
      this.from = { seen, read };
    }
  }

  requirement(r: number): Requirement | undefined {
    return this.prefixes.before(r, this.upTo);
  }

  sourceOf(): Source | undefined {
    return this.from;
  }

  copy(): RealTimeKnowledge {
    const k = new RealTimeKnowledge(this.h, this.prefixes);
    k.upTo = this.upTo;
    k.from = this.from;
    return k;
  }
}
