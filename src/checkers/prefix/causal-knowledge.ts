/**
 * Causal knowledge: per chain, the last position known (the strict causal pasts of the writes
 * observed, walked by past.ts), and where it came from; and per key,
 * what every write known so far requires. Knowledge only grows, so as a chain's known prefix
 * grows, each newly known write joins its key's requirement once (every write, not only each
 * chain's latest: by value, or when a session's own writes are out of order, the latest does
 * not stand for the others); a read's requirement is then one lookup. This is the hot path of
 * the 1M-op benchmark (every session comes to know nearly every write), so the writes of each
 * chain are flat arrays, and a numbered write (a version, a list position) only raises its
 * key's highest number, in a typed array per session; other writes are fed to a Requirement.
 */
import { Access } from "../../history/accesses.js";
import type { Observations } from "../../history/observations.js";
import type { CausalGraph } from "../causal/analysis.js";
import {
  emptyRequirement,
  feed,
  type JudgeContext,
  type Requirement,
} from "../session/requirement.js";
import type { Knowledge, Source } from "./knowledge.js";
import type { PastWalker } from "./past.js";

/** Each chain's writes in position order: those of the op at position p are [start[p-1], start[p]). */
export interface ChainWriteLists {
  readonly start: readonly Int32Array[];
  readonly acc: readonly Int32Array[];
}

export function chainWriteLists(g: CausalGraph): ChainWriteLists {
  const { acc } = g.hb.observations;
  const start: Int32Array[] = [];
  const writes: Int32Array[] = [];
  for (const members of g.hb.chains.members) {
    const offsets = new Int32Array(members.length + 1);
    const list: number[] = [];
    members.forEach((op, p) => {
      for (let a = acc.opStart[op]!; a < acc.opStart[op + 1]!; a++) {
        if (acc.kind[a] === Access.write) list.push(a);
      }
      offsets[p + 1] = list.length;
    });
    start.push(offsets);
    writes.push(Int32Array.from(list));
  }
  return { start, acc: writes };
}

export class CausalKnowledge implements Knowledge {
  private readonly known: Int32Array;
  /** Per chain, the last position learned directly (a B itself, which `known` leaves out). */
  private readonly learned: Int32Array;
  private readonly from: (Source | undefined)[];
  /** Per key id: the known numbered write with the highest number (-1: none), and its number. */
  private top: Int32Array;
  private topNum: Float64Array;
  /** Per key id: the requirement of the known writes without a number. */
  private readonly reqs: (Requirement | undefined)[] = [];
  private parent: CausalKnowledge | undefined;
  private readonly scratch = emptyRequirement();

  constructor(
    private readonly g: CausalGraph,
    private readonly walker: PastWalker,
    private readonly lists: ChainWriteLists,
    private readonly ctx: JudgeContext,
  ) {
    const keys = g.hb.observations.acc.keys.length;
    const width = g.hb.chains.count;
    this.known = new Int32Array(width);
    this.learned = new Int32Array(width);
    this.from = new Array(width);
    this.top = new Int32Array(keys).fill(-1);
    this.topNum = new Float64Array(keys).fill(Number.NEGATIVE_INFINITY);
  }

  private get o(): Observations {
    return this.g.hb.observations;
  }

  learn(seen: number, read: number): void {
    // Knowledge is closed downwards: once an op of B's chain at or after B is known (or was
    // learned), so is B's whole past.
    const { chainOf, posOf } = this.g.hb.chains;
    const chain = chainOf[seen]!;
    if (chain < 0 || Math.max(this.known[chain]!, this.learned[chain]!) >= posOf[seen]!) return;
    this.learned[chain] = posOf[seen]!;
    const w = this.walker;
    w.walk(seen, this.known);
    if (w.count === 0) return;
    // Chain by chain in order, as a clock would be read: the first write of a version cited stays the one cited.
    const source: Source = { seen, read };
    for (let i = 0; i < w.count; i++) {
      const c = w.raised[i]!;
      this.take(c, w.previous(c), this.known[c]!);
      this.from[c] = source;
    }
  }

  /** The writes of chain c at positions after `from`, up to `to`, join their keys' requirements. */
  private take(c: number, from: number, to: number): void {
    const { key } = this.o.acc;
    const { num } = this.o;
    const writes = this.lists.acc[c]!;
    const offsets = this.lists.start[c]!;
    const top = this.top;
    const topNum = this.topNum;
    for (let i = offsets[from]!; i < offsets[to]!; i++) {
      const a = writes[i]!;
      const k = key[a]!;
      const v = num[a]!;
      if (Number.isNaN(v)) feed(this.o, this.own(k), a, this.ctx);
      else if (top[k]! < 0 || v > topNum[k]!) {
        top[k] = a;
        topNum[k] = v;
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
    const key = this.o.acc.key[r]!;
    const top = this.top[key]!;
    const req = this.reqs[key] ?? this.parent?.reqs[key];
    if (req === undefined) {
      if (top < 0) return undefined;
      Object.assign(this.scratch, emptyRequirement(), { maxNum: top, last: top });
      return this.scratch;
    }
    // The numbered writes join the requirement's highest number only when asked for.
    const merged = top < 0 ? req : { ...req, maxNum: higher(this.o, req.maxNum, top), last: top };
    return merged.last < 0 ? undefined : merged;
  }

  sourceOf(w: number): Source | undefined {
    return this.from[this.g.hb.chains.chainOf[this.o.acc.op[w]!]!];
  }

  copy(): CausalKnowledge {
    const k = new CausalKnowledge(this.g, this.walker, this.lists, this.ctx);
    k.known.set(this.known);
    k.learned.set(this.learned);
    k.top = this.top.slice();
    k.topNum = this.topNum.slice();
    for (let c = 0; c < this.from.length; c++) k.from[c] = this.from[c];
    k.parent = this;
    return k;
  }
}

function higher(o: Observations, a: number, b: number): number {
  return a < 0 || o.num[b]! > o.num[a]! ? b : a;
}

function cloneRequirement(r: Requirement): Requirement {
  return {
    ...r,
    vecJoin: r.vecJoin && new Map(r.vecJoin),
    vecWitness: r.vecWitness && new Map(r.vecWitness),
    plain: r.plain && new Map(r.plain),
  };
}
