/**
 * What an observer session knows, for consistent prefix: the writes of other sessions its
 * reads observed (B), and so every write that happened before one of them (A). In causal
 * order, knowledge is a vector clock over chains, the join of the strict pasts of the Bs; in
 * real time, the latest invocation of a B (A must have completed before some B began). Each
 * remembers the read that brought it, for the proof, and turns into the requirement of a read.
 */
import { Access } from "../../history/accesses.js";
import type { History } from "../../history/model.js";
import type { CausalClocks, CausalGraph } from "../causal/analysis.js";
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

/**
 * Causal knowledge: per chain, the last position known, and where it came from; and per key,
 * the requirement of every write known so far. Knowledge only grows, so as a chain's known
 * prefix grows, each newly known write joins its key's requirement once (every write, not
 * only each chain's latest: by value, or when a session's own writes are out of order, the
 * latest does not stand for the others). A read's requirement is then one lookup. A
 * transaction's copy reads its session's requirements and clones one only to add to it.
 */
export class CausalKnowledge implements Knowledge {
  private readonly known: Int32Array;
  private readonly from: (Source | undefined)[];
  /** By key id (an array: this is the hot path, every known write of every session lands here). */
  private readonly reqs: (Requirement | undefined)[] = [];
  private parent: CausalKnowledge | undefined;

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
      if (p <= this.known[c]!) continue;
      this.take(c, this.known[c]!, p);
      this.known[c] = p;
      source ??= { seen, read };
      this.from[c] = source;
    }
  }

  /** The writes of chain c at positions after `from`, up to `to`, join their keys' requirements. */
  private take(c: number, from: number, to: number): void {
    const o = this.g.hb.observations;
    const { opStart, kind, key } = o.acc;
    const { num } = o;
    const members = this.g.hb.chains.members[c]!;
    for (let pos = from; pos < to; pos++) {
      const op = members[pos]!;
      for (let a = opStart[op]!; a < opStart[op + 1]!; a++) {
        if (kind[a] !== Access.write) continue;
        const req = this.own(key[a]!);
        const v = num[a]!;
        // The common case, a numbered write below the highest known, changes nothing.
        if (!Number.isNaN(v) && req.maxNum >= 0 && v <= num[req.maxNum]!) continue;
        feed(o, req, a, this.ctx);
      }
    }
  }

  private own(key: number): Requirement {
    let req = this.reqs[key];
    if (req === undefined) {
      const base = this.parent?.reqs[key];
      req = base === undefined ? emptyRequirement() : cloneRequirement(base);
      this.reqs[key] = req;
    }
    return req;
  }

  requirement(r: number): Requirement | undefined {
    const key = this.g.hb.observations.acc.key[r]!;
    const req = this.reqs[key] ?? this.parent?.reqs[key];
    return req === undefined || req.last < 0 ? undefined : req;
  }

  sourceOf(w: number): Source | undefined {
    const op = this.g.hb.observations.acc.op[w]!;
    return this.from[this.g.hb.chains.chainOf[op]!];
  }

  copy(): CausalKnowledge {
    const k = new CausalKnowledge(this.g, this.clocks, this.ctx);
    k.known.set(this.known);
    for (let c = 0; c < this.from.length; c++) k.from[c] = this.from[c];
    k.parent = this;
    return k;
  }
}

function cloneRequirement(r: Requirement): Requirement {
  return {
    ...r,
    vecJoin: r.vecJoin && new Map(r.vecJoin),
    vecWitness: r.vecWitness && new Map(r.vecWitness),
    plain: r.plain && new Map(r.plain),
  };
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
