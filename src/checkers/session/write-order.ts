/**
 * The engine of the write-order guarantees, monotonic writes and writes follow reads (Terry
 * et al. 1994): the same pass as scan.ts, but what is judged is each write, against what its
 * session had done before it began: its own earlier writes of the key (monotonic writes), or
 * the writes its earlier reads of the key observed (writes follow reads). A later write must
 * come after them in the key's version order; the history proves that order by versions,
 * vectors or list positions, or a stated assumption does; otherwise the write is undecided.
 */
import { Access } from "../../history/accesses.js";
import type { History } from "../../history/model.js";
import { compare, type Observations } from "../../history/observations.js";
import {
  type Finding,
  firstValue,
  type JudgeContext,
  type Requirement,
  vectorWitness,
} from "./requirement.js";
import { type ScanLimits, type SessionScan, scanSessionAccesses } from "./scan.js";

/** Why a write cannot be judged, beyond the reasons reads share. */
export type WriteUndecided =
  | "no-order"
  | "same-version"
  | "write-without-version"
  | "earlier-unidentified";

/** `feeds`: the session's own writes (monotonic writes) or its reads (writes follow reads). */
export function scanWriteOrder(
  h: History,
  o: Observations,
  feeds: "writes" | "reads",
  options: ScanLimits,
): SessionScan {
  const pass = {
    feeds,
    judged: Access.write,
    judge: judgeWrite,
    what: "scanning sessions' writes",
  };
  return scanSessionAccesses(h, o, pass, options);
}

/** Write w against the requirement: it must come after every write the requirement holds. */
export function judgeWrite(
  o: Observations,
  req: Requirement,
  w: number,
  ctx: JudgeContext,
): Finding | WriteUndecided | undefined {
  let undecided: WriteUndecided | undefined;
  if (req.maxNum >= 0) {
    const outcome = afterNumbered(o, req.maxNum, w);
    if (typeof outcome === "object") return outcome;
    undecided = outcome;
  }
  if (req.vecJoin !== undefined) {
    const vec = o.vec.get(w);
    if (vec === undefined) undecided ??= "write-without-version";
    else {
      const x = vectorWitness(req, vec);
      if (x !== undefined)
        return { witness: x, violation: compare(o, x, w) === "gt" ? "older" : "concurrent" };
    }
  }
  if (req.plain !== undefined) {
    const outcome = afterPlain(req.plain, w, ctx);
    if (typeof outcome === "object") return outcome;
    undecided ??= outcome;
  }
  if (req.opaque >= 0) undecided ??= "earlier-unidentified";
  return undecided;
}

function afterNumbered(
  o: Observations,
  x: number,
  w: number,
): Finding | WriteUndecided | undefined {
  // The initial value precedes every write.
  if (o.num[x] === Number.NEGATIVE_INFINITY) return undefined;
  if (Number.isNaN(o.num[w]!)) return "write-without-version";
  const rel = compare(o, x, w);
  if (rel === "gt") return { witness: x, violation: "older" };
  if (rel !== "eq") return undefined;
  // Two appends no read saw share the "version" +Infinity: their order is unknown.
  return o.num[w] === Number.POSITIVE_INFINITY ? "no-order" : "same-version";
}

/** Writes known only by value: ordered only by an assumption. */
function afterPlain(
  plain: Map<number, number>,
  w: number,
  ctx: JudgeContext,
): Finding | WriteUndecided | undefined {
  if (ctx.assumed === undefined) return plain.size === 1 && plain.has(w) ? undefined : "no-order";
  let unknown = false;
  for (const [x, citing] of plain) {
    if (x === w) continue;
    const rel = ctx.assumed.relation(x, w);
    if (rel === "gt") return { witness: citing, violation: "older", assumed: true };
    if (rel === "unknown") unknown = true;
  }
  if (unknown) return "no-order";
  if (firstValue(plain) !== undefined) ctx.decidedByAssumption++;
  return undefined;
}
