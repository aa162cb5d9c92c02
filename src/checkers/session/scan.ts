/**
 * The engine shared by the session guarantees (Terry et al. 1994, in the operational form:
 * each session carries the set of writes it must see, and each read is a containment check).
 * One pass over the events in real-time order: when an access of the session completes, it
 * joins the session's requirement for its key; when a read is invoked, what it observed must
 * be at or after everything in the requirement. Only what the history proves is claimed
 * (see src/history/observations.ts); the rest is reported as undecided, with the reason.
 */
import { Access } from "../../history/accesses.js";
import { getOrInsert } from "../../history/columns.js";
import { type History, Status, type VersionVector } from "../../history/model.js";
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
import { eventOrder } from "../../history/timeline.js";
import type { CheckProgress } from "../types.js";

/** Why a read breaks the guarantee: it observed an older, concurrent, initial or never-written state. */
export type Violation = "older" | "concurrent" | "initial" | "garbage";

export interface SessionFinding {
  read: number;
  /** The required access (a write, or an earlier read) the read failed to observe. */
  witness: number;
  violation: Violation;
}

export type UndecidedReason =
  | "no-order"
  | "read-without-version"
  | "ambiguous-value"
  | "unrecorded-version"
  | "earlier-unidentified"
  | "list-order-unknown"
  | "writes-unrecorded";

export interface SessionScan {
  readsChecked: number;
  /** Set when the time budget ran out: how many events of how many were scanned. */
  cutOff?: { done: number; total: number };
  findings: SessionFinding[];
  findingCount: number;
  undecided: Map<UndecidedReason, { count: number; examples: number[] }>;
}

/**
 * What a session must observe on one key, kept in O(1) or O(replicas) space whatever the
 * session's length, so that each read is judged in constant time: the highest numeric
 * version; the join of version vectors, with for each replica the access that set its
 * component (a witness when a read's vector falls short); and the distinct writes known
 * only by value (identities), with an access citing each.
 */
interface Requirement {
  maxNum: number;
  vecJoin: Map<string, number> | undefined;
  vecWitness: Map<string, number> | undefined;
  plain: Map<number, number> | undefined;
  opaque: number;
  last: number;
}

export interface ScanLimits {
  maxFindings: number;
  stopAtFirst: boolean;
  /** performance.now() past which the scan stops, undecided. */
  deadline: number;
  /** Told how many events were scanned, every CLOCK_EVERY events. */
  progress?: ((p: CheckProgress) => void) | undefined;
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
  const { maxFindings, stopAtFirst, deadline, progress } = limits;
  const { acc } = o;
  const feedKind = feeds === "writes" ? Access.write : Access.read;
  const nKeys = acc.keys.length;
  const state = requirementTable(h.sessions.length * nKeys);
  const scan: SessionScan = {
    readsChecked: 0,
    findings: [],
    findingCount: 0,
    undecided: new Map(),
  };
  const order = eventOrder(h);
  for (let p = 0; p < order.length && !(stopAtFirst && scan.findingCount > 0); p++) {
    if (p % CLOCK_EVERY === CLOCK_EVERY - 1) {
      if (performance.now() > deadline) {
        scan.cutOff = { done: p, total: order.length };
        break;
      }
      progress?.({ what: "scanning sessions", done: p, total: order.length, unit: "events" });
    }
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
        feed(o, getOrInsert(state, k, emptyRequirement), a);
      } else if (kind === Access.read) {
        const req = state.get(slot + acc.key[a]!);
        if (req !== undefined) checkRead(o, req, a, scan, maxFindings);
      }
    }
  }
  return scan;
}

/** Requirements by session and key: a dense array where that is small enough, else a Map. */
function requirementTable(
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

function emptyRequirement(): Requirement {
  return {
    maxNum: -1,
    vecJoin: undefined,
    vecWitness: undefined,
    plain: undefined,
    opaque: -1,
    last: -1,
  };
}

function feed(o: Observations, req: Requirement, a: number): void {
  const num = o.num[a]!;
  const vec = o.vec.get(a);
  const id = o.identity[a]!;
  if (!Number.isNaN(num)) {
    if (req.maxNum < 0 || num > o.num[req.maxNum]!) req.maxNum = a;
  } else if (vec !== undefined) {
    feedVector(req, vec, a);
  } else if (id >= 0) {
    req.plain ??= new Map();
    if (!req.plain.has(id)) req.plain.set(id, a);
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

function checkRead(o: Observations, req: Requirement, r: number, scan: SessionScan, max: number) {
  if (req.last < 0) return;
  scan.readsChecked++;
  const outcome = judge(o, req, r);
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

/** The read's outcome against the requirement: a violation, the reason it is undecided, or nothing (it holds). */
function judge(
  o: Observations,
  req: Requirement,
  r: number,
): Omit<SessionFinding, "read"> | UndecidedReason | undefined {
  const id = o.identity[r]!;
  const older: Violation = id === INITIAL ? "initial" : "older";
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
    // nothing more: the read holds only if it observed the one write the session requires.
    if (id === INITIAL) return { witness: firstValue(req.plain)!, violation: "initial" };
    if (req.plain.size > 1 || !req.plain.has(id)) undecided ??= unknownReason(o, r);
  }
  if (req.opaque >= 0) undecided ??= "earlier-unidentified";
  return undecided;
}

/** An access whose vector component the read's vector does not reach, if any. */
function vectorWitness(req: Requirement, vec: VersionVector): number | undefined {
  for (const [replica, n] of req.vecJoin!) {
    if ((vec.get(replica) ?? 0) < n) return req.vecWitness!.get(replica);
  }
  return undefined;
}

function firstValue(map: Map<unknown, number> | undefined): number | undefined {
  if (map !== undefined) for (const x of map.values()) return x;
  return undefined;
}

function versionlessReason(id: number): UndecidedReason {
  if (id === UNORDERED) return "list-order-unknown";
  if (id === UNWRITTEN) return "writes-unrecorded";
  return id === AMBIGUOUS ? "ambiguous-value" : "read-without-version";
}

function unknownReason(o: Observations, r: number): UndecidedReason {
  const id = observedWrite(o, r);
  if (id === AMBIGUOUS) return "ambiguous-value";
  if (id === UNRECORDED) return "unrecorded-version";
  if (id === UNORDERED) return "list-order-unknown";
  if (id === UNWRITTEN) return "writes-unrecorded";
  return "no-order";
}
