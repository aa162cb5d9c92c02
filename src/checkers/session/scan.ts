/**
 * The engine shared by the session guarantees (Terry et al. 1994, in the operational form:
 * each session carries the set of writes it must see, and each read is a containment check).
 * One pass over the events in real-time order: when an access of the session completes, it
 * joins the session's requirement for its key; when a read is invoked, what it observed must
 * be at or after everything in the requirement. Only what the history proves is claimed
 * (see src/history/observations.ts); the rest is reported as undecided, with the reason.
 */
import { Access } from "../../history/accesses.js";
import type { AssumedOrder } from "../../history/assumed-order.js";
import { getOrInsert } from "../../history/columns.js";
import { type History, Status } from "../../history/model.js";
import type { Observations } from "../../history/observations.js";
import { eventOrder } from "../../history/timeline.js";
import type { CheckProgress } from "../types.js";
import {
  emptyRequirement,
  type Finding,
  feed,
  type JudgeContext,
  judge,
  type Requirement,
  type Violation,
} from "./requirement.js";

export type { UndecidedReason, Violation } from "./requirement.js";

export interface SessionFinding {
  read: number;
  /** The required access (a write, or an earlier read) the read failed to observe. */
  witness: number;
  violation: Violation;
  /** The order that proves it comes from the stated assumption. */
  assumed?: true;
}

export interface SessionScan {
  readsChecked: number;
  /** Set when the time budget ran out: how many events of how many were scanned. */
  cutOff?: { done: number; total: number };
  findings: SessionFinding[];
  findingCount: number;
  /** By code: an UndecidedReason, or a code of the write-order checks. */
  undecided: Map<string, { count: number; examples: number[] }>;
  /** Judgements that held only by the assumption. */
  decidedByAssumption: number;
}

export interface ScanLimits {
  maxFindings: number;
  stopAtFirst: boolean;
  /** performance.now() past which the scan stops, undecided. */
  deadline: number;
  /** Told how many events were scanned, every CLOCK_EVERY events. */
  progress?: ((p: CheckProgress) => void) | undefined;
  /** Orders writes known only by value (the assume option). */
  assumed?: AssumedOrder | undefined;
}

/** How many events pass between looks at the clock. */
const CLOCK_EVERY = 4096;

/** `feeds`: what joins the requirement when it completes: the session's writes (read-your-writes) or reads (monotonic reads). */
export function scanSessions(
  h: History,
  o: Observations,
  feeds: "writes" | "reads",
  limits: ScanLimits,
): SessionScan {
  return scanSessionAccesses(
    h,
    o,
    { feeds, judged: Access.read, judge, what: "scanning sessions" },
    limits,
  );
}

/** One pass of a session guarantee: what joins the session's requirement, which accesses are judged against it, and how. */
export interface SessionPass {
  feeds: "writes" | "reads";
  /** The kind of access judged when its op is invoked: reads (read guarantees) or writes (write guarantees). */
  judged: number;
  judge(
    o: Observations,
    req: Requirement,
    a: number,
    ctx: JudgeContext,
  ): Finding | string | undefined;
  /** What the progress line says the pass is doing. */
  what: string;
}

/**
 * The pass every session guarantee makes, over the events in real-time order: when an access
 * of the session completes, it joins the session's requirement for its key if it is what the
 * guarantee feeds on; when an access of the judged kind is invoked, it is judged against the
 * requirement of its session and key.
 */
export function scanSessionAccesses(
  h: History,
  o: Observations,
  pass: SessionPass,
  limits: ScanLimits,
): SessionScan {
  const { maxFindings, stopAtFirst } = limits;
  const { acc } = o;
  const feedKind = pass.feeds === "writes" ? Access.write : Access.read;
  const nKeys = acc.keys.length;
  const state = requirementTable(h.sessions.length * nKeys);
  const scan = emptyScan();
  const ctx: JudgeContext = { decidedByAssumption: 0 };
  if (limits.assumed) Object.assign(ctx, { assumed: limits.assumed });
  const order = eventOrder(h);
  for (let p = 0; p < order.length && !(stopAtFirst && scan.findingCount > 0); p++) {
    if (outOfTime(scan, p, order.length, limits, pass.what)) break;
    const e = order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    if (h.status[id] !== Status.ok) continue;
    const slot = h.session[id]! * nKeys;
    const completion = (e & 1) === 1;
    for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) {
      const kind = acc.kind[a]!;
      if (completion) {
        if (kind !== feedKind) continue;
        const k = slot + acc.key[a]!;
        feed(o, getOrInsert(state, k, emptyRequirement), a, ctx);
      } else if (kind === pass.judged) {
        const req = state.get(slot + acc.key[a]!);
        if (req !== undefined && req.last >= 0) {
          scan.readsChecked++;
          tally(scan, a, pass.judge(o, req, a, ctx), maxFindings);
        }
      }
    }
  }
  scan.decidedByAssumption = ctx.decidedByAssumption;
  return scan;
}

/** Every CLOCK_EVERY events: true (and the scan marked cut off) once past the deadline; else reports progress. */
export function outOfTime(
  scan: SessionScan,
  p: number,
  total: number,
  limits: ScanLimits,
  what: string,
): boolean {
  if (p % CLOCK_EVERY !== CLOCK_EVERY - 1) return false;
  if (performance.now() > limits.deadline) {
    scan.cutOff = { done: p, total };
    return true;
  }
  limits.progress?.({ what, done: p, total, unit: "events" });
  return false;
}

export function emptyScan(): SessionScan {
  return {
    readsChecked: 0,
    findings: [],
    findingCount: 0,
    undecided: new Map(),
    decidedByAssumption: 0,
  };
}

/** Requirements by session and key: a dense array where that is small enough, else a Map. */
export function requirementTable(
  slots: number,
):
  | Map<number, Requirement>
  | { get(k: number): Requirement | undefined; set(k: number, r: Requirement): void } {
  if (slots > 1 << 22) return new Map();
  const table: (Requirement | undefined)[] = new Array(slots);
  return {
    get: (k) => table[k],
    set: (k, r) => {
      table[k] = r;
    },
  };
}

/** Counts an outcome of judging access r: a finding (kept up to max), an undecided reason, or nothing. */
export function tally(
  scan: SessionScan,
  r: number,
  outcome: Finding | string | undefined,
  max: number,
): void {
  if (outcome === undefined) return;
  if (typeof outcome === "string") {
    const u = getOrInsert(scan.undecided, outcome, () => ({ count: 0, examples: [] }));
    u.count++;
    if (u.examples.length < 3) u.examples.push(r);
    return;
  }
  scan.findingCount++;
  if (scan.findings.length < max) scan.findings.push({ read: r, ...outcome });
}
