/**
 * What a session must observe on one key, and the judgement of one access against it:
 * shared by the session guarantees (scan.ts, write-order.ts) and consistent prefix. Only
 * what the history proves is claimed (src/history/observations.ts); a stated assumption
 * (src/history/assumed-order.ts) orders writes known only by value, and every judgement that
 * rests on it says so.
 */
import type { AssumedOrder } from "../../history/assumed-order.js";
import type { VersionVector } from "../../history/model.js";
import {
  AMBIGUOUS,
  compare,
  GARBAGE,
  INITIAL,
  type Observations,
  observedWrite,
  UNORDERED,
  UNRECORDED,
  UNWRITTEN,
} from "../../history/observations.js";

/** Why a read breaks the guarantee: it observed an older, concurrent, initial or never-written state. */
export type Violation = "older" | "concurrent" | "initial" | "garbage";

export type UndecidedReason =
  | "no-order"
  | "read-without-version"
  | "ambiguous-value"
  | "unrecorded-version"
  | "earlier-unidentified"
  | "list-order-unknown"
  | "writes-unrecorded";

export interface Finding {
  /** The required access the judged one failed to observe. */
  witness: number;
  violation: Violation;
  /** The order that proves it comes from the assumption. */
  assumed?: true;
}

/**
 * The requirement, kept in O(1) or O(replicas) space whatever the session's length, so that
 * each access is judged in constant time: the highest numeric version; the join of version
 * vectors, with for each replica the access that set its component (a witness when a vector
 * falls short); and the distinct writes known only by value (identities; under an assumption
 * only those no other one follows), with an access citing each.
 */
export interface Requirement {
  maxNum: number;
  vecJoin: Map<string, number> | undefined;
  vecWitness: Map<string, number> | undefined;
  plain: Map<number, number> | undefined;
  opaque: number;
  last: number;
}

/** What judgements share: the assumption, if any, and how many holds rested on it. */
export interface JudgeContext {
  readonly assumed?: AssumedOrder;
  decidedByAssumption: number;
}

export function emptyRequirement(): Requirement {
  return {
    maxNum: -1,
    vecJoin: undefined,
    vecWitness: undefined,
    plain: undefined,
    opaque: -1,
    last: -1,
  };
}

/** Access a (a write, or a read through what it observed) joins the requirement. */
export function feed(o: Observations, req: Requirement, a: number, ctx?: JudgeContext): void {
  const num = o.num[a]!;
  const vec = o.vec.get(a);
  const id = o.identity[a]!;
  if (!Number.isNaN(num)) {
    if (req.maxNum < 0 || num > o.num[req.maxNum]!) req.maxNum = a;
  } else if (vec !== undefined) {
    feedVector(req, vec, a);
  } else if (id >= 0) {
    req.plain ??= new Map();
    if (!req.plain.has(id)) feedPlain(req.plain, id, a, ctx?.assumed);
  } else if (id !== INITIAL) {
    if (req.opaque < 0) req.opaque = a;
  } else return;
  req.last = a;
}

function feedVector(req: Requirement, vec: VersionVector, a: number): void {
  req.vecJoin ??= new Map();
  req.vecWitness ??= new Map();
  for (const [replica, n] of vec) {
    if (n > (req.vecJoin.get(replica) ?? 0)) {
      req.vecJoin.set(replica, n);
      req.vecWitness.set(replica, a);
    }
  }
}

/** Under an assumption, a write that another required one follows is implied by it: not kept. */
function feedPlain(plain: Map<number, number>, id: number, a: number, assumed?: AssumedOrder) {
  if (assumed !== undefined) {
    for (const x of plain.keys()) {
      const rel = assumed.relation(id, x);
      if (rel === "lt") return;
      if (rel === "gt") plain.delete(x);
    }
  }
  plain.set(id, a);
}

/** The access's outcome against the requirement: a violation, the reason it is undecided, or nothing (it holds). */
export function judge(
  o: Observations,
  req: Requirement,
  r: number,
  ctx?: JudgeContext,
): Finding | UndecidedReason | undefined {
  const id = o.identity[r]!;
  const older = id === INITIAL ? "initial" : "older";
  let undecided: UndecidedReason | undefined;
  // A value nobody wrote is no version at all: it breaks the guarantee when the session had
  // something known to see (an own write, an identified read), not when all it had was as
  // unidentifiable as this read.
  if (id === GARBAGE) {
    const known =
      req.maxNum >= 0 ? req.maxNum : (firstValue(req.vecWitness) ?? firstValue(req.plain));
    if (known !== undefined) return { witness: known, violation: "garbage" };
    return "earlier-unidentified";
  }
  if (id === UNORDERED) return "list-order-unknown";
  if (req.maxNum >= 0) {
    const rel = compare(o, req.maxNum, r);
    if (rel === "gt") return { witness: req.maxNum, violation: older };
    if (rel === "unknown") undecided = versionlessReason(id);
  }
  if (req.vecJoin !== undefined) {
    const vec = o.vec.get(r);
    if (vec === undefined) undecided = versionlessReason(id);
    else {
      const w = vectorWitness(req, vec);
      if (w !== undefined) {
        const rel = compare(o, w, r);
        return { witness: w, violation: rel === "gt" ? older : "concurrent" };
      }
    }
  }
  if (req.plain !== undefined) {
    // Writes known only by value are ordered after the initial value and equal to themselves,
    // nothing more (unless an assumption orders them): the read holds only if it observed
    // the one write the session requires.
    if (id === INITIAL) return { witness: firstValue(req.plain)!, violation: "initial" };
    const plain = judgePlain(req.plain, id, ctx);
    if (plain === "unknown") undecided ??= unknownReason(o, r);
    else if (plain !== undefined) return plain;
  }
  if (req.opaque >= 0) undecided ??= "earlier-unidentified";
  return undecided;
}

function judgePlain(
  plain: Map<number, number>,
  id: number,
  ctx: JudgeContext | undefined,
): Finding | "unknown" | undefined {
  const assumed = ctx?.assumed;
  if (assumed === undefined || id < 0) {
    return plain.size > 1 || !plain.has(id) ? "unknown" : undefined;
  }
  let unknown = false;
  let used = false;
  for (const [x, citing] of plain) {
    if (x === id) continue;
    const rel = assumed.relation(x, id);
    if (rel === "gt") return { witness: citing, violation: "older", assumed: true };
    if (rel === "unknown") unknown = true;
    else used = true;
  }
  if (unknown) return "unknown";
  if (used) ctx!.decidedByAssumption++;
  return undefined;
}

/** An access whose vector component the read's vector does not reach, if any. */
export function vectorWitness(req: Requirement, vec: VersionVector): number | undefined {
  for (const [replica, n] of req.vecJoin!) {
    if ((vec.get(replica) ?? 0) < n) return req.vecWitness!.get(replica);
  }
  return undefined;
}

export function firstValue(map: Map<unknown, number> | undefined): number | undefined {
  if (map !== undefined) for (const x of map.values()) return x;
  return undefined;
}

function versionlessReason(id: number): UndecidedReason {
  if (id === UNORDERED) return "list-order-unknown";
  if (id === UNWRITTEN) return "writes-unrecorded";
  return id === AMBIGUOUS ? "ambiguous-value" : "read-without-version";
}

export function unknownReason(o: Observations, r: number): UndecidedReason {
  const id = observedWrite(o, r);
  if (id === AMBIGUOUS) return "ambiguous-value";
  if (id === UNRECORDED) return "unrecorded-version";
  if (id === UNORDERED) return "list-order-unknown";
  if (id === UNWRITTEN) return "writes-unrecorded";
  return "no-order";
}
