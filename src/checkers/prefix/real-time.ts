/**
 * Requirements in real time, for consistent prefix with the real-time order (Jepsen's
 * causal-reverse): per key, the acknowledged writes in order of completion, and after each
 * one the requirement of all writes completed so far (the highest version, the join of
 * vectors, the writes known by value), so that the requirement of "every write of x that
 * completed before position p" is one binary search.
 */
import { Access } from "../../history/accesses.js";
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import type { Observations } from "../../history/observations.js";
import {
  emptyRequirement,
  feed,
  type JudgeContext,
  type Requirement,
} from "../session/requirement.js";

export class RealTimePrefixes {
  private readonly byKey = new Map<number, { completed: number[]; after: Requirement[] }>();

  constructor(
    h: History,
    private readonly o: Observations,
    ctx: JudgeContext,
  ) {
    const { acc } = o;
    const writes: number[] = [];
    for (let a = 0; a < acc.size; a++) {
      if (acc.kind[a] === Access.write && h.status[acc.op[a]!] === 0) writes.push(a);
    }
    writes.sort((x, y) => h.cmpPos[acc.op[x]!]! - h.cmpPos[acc.op[y]!]! || x - y);
    for (const w of writes) {
      const k = getOrInsert(this.byKey, acc.key[w]!, () => ({ completed: [], after: [] }));
      const req = cloneRequirement(k.after[k.after.length - 1] ?? emptyRequirement(), ctx);
      feed(o, req, w, ctx);
      k.completed.push(h.cmpPos[acc.op[w]!]!);
      k.after.push(req);
    }
  }

  /** The requirement of the writes of r's key that completed before event position `upTo`. */
  before(r: number, upTo: number): Requirement | undefined {
    const k = this.byKey.get(this.o.acc.key[r]!);
    if (k === undefined || upTo < 0) return undefined;
    let lo = 0;
    let hi = k.completed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k.completed[mid]! < upTo) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : k.after[lo - 1];
  }
}

/**
 * A copy to feed one more write into. Without an assumption, two writes known by value
 * already leave every read undecided, so no more than two are kept (else the copies would be
 * quadratic in the writes of a key).
 */
function cloneRequirement(r: Requirement, ctx: JudgeContext): Requirement {
  const plain = r.plain && new Map(ctx.assumed ? r.plain : [...r.plain].slice(0, 2));
  return {
    ...r,
    vecJoin: r.vecJoin && new Map(r.vecJoin),
    vecWitness: r.vecWitness && new Map(r.vecWitness),
    plain,
  };
}
