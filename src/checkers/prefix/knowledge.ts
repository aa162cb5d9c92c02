/**
 * What an observer session knows, for consistent prefix: the writes of other sessions its
 * reads observed (B), and so every write that happened before one of them (A). In causal
 * order, knowledge is a vector clock over chains, the join of the strict pasts of the Bs; in
 * real time, the latest invocation of a B (A must have completed before some B began). Each
 * remembers the read that brought it, for the proof, and turns into the requirement of a read.
 */
import type { History } from "../../history/model.js";
import type { Requirement } from "../session/requirement.js";
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
