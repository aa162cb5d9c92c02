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
  findings: SessionFinding[];
  findingCount: number;
  /** By code: an UndecidedReason, or a code of the write-order checks. */
  undecided: Map<string, { count: number; examples: number[] }>;
  /** Judgements that held only by the assumption. */
  decidedByAssumption: number;
}

export interface ScanOptions {
  maxFindings: number;
  stopAtFirst?: boolean;
  assumed?: AssumedOrder;
}

/** `feeds`: what joins the requirement when it completes: the session's writes (read-your-writes) or reads (monotonic reads). */
export function scanSessions(
  h: History,
  o: Observations,
  feeds: "writes" | "reads",
  options: ScanOptions,
): SessionScan {
  const { acc } = o;
  const feedKind = feeds === "writes" ? Access.write : Access.read;
  const nKeys = acc.keys.length;
  const state = requirementTable(h.sessions.length * nKeys);
  const scan = emptyScan();
  const ctx: JudgeContext = { decidedByAssumption: 0 };
  if (options.assumed) Object.assign(ctx, { assumed: options.assumed });
  const order = eventOrder(h);
  for (let p = 0; p < order.length && !(options.stopAtFirst && scan.findingCount > 0); p++) {
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
      } else if (kind === Access.read) {
        const req = state.get(slot + acc.key[a]!);
        if (req !== undefined && req.last >= 0) {
          scan.readsChecked++;
          tally(scan, a, judge(o, req, a, ctx), options.maxFindings);
        }
      }
    }
  }
  scan.decidedByAssumption = ctx.decidedByAssumption;
  return scan;
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
