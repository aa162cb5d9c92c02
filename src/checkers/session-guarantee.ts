/**
 * The engine shared by the session guarantees (Terry et al. 1994, in the operational form:
 * each session carries the set of writes it must see, and each read is a containment check).
 * One pass over the events in real-time order: when an access of the session completes, it
 * joins the session's requirement for its key; when a read is invoked, what it observed must
 * be at or after everything in the requirement. Only what the history proves is claimed
 * (see src/history/observations.ts); the rest is reported as undecided, with the reason.
 */
import { Access } from "../history/accesses.js";
import { getOrInsert } from "../history/columns.js";
import { type History, Status, type VersionVector } from "../history/model.js";
import {
  AMBIGUOUS,
  compare,
  compareVectors,
  GARBAGE,
  INITIAL,
  joinVectors,
  type Observations,
  observationsOf,
  observedWrite,
  UNRECORDED,
  valueKey,
} from "../history/observations.js";
import { showKey, showValue } from "../history/show.js";
import { eventOrder } from "../history/timeline.js";
import {
  type AnomalyBase,
  type CheckOptions,
  type CheckResult,
  type OpRef,
  opRef,
  type Undecided,
  verdictOf,
} from "./types.js";

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
  | "earlier-unidentified";

export interface SessionScan {
  readsChecked: number;
  findings: SessionFinding[];
  findingCount: number;
  undecided: Map<UndecidedReason, { count: number; examples: number[] }>;
}

interface Requirement {
  maxNum: number;
  vecJoin: VersionVector | undefined;
  vecItems: number[];
  plain: Set<number> | undefined;
  opaque: number;
  last: number;
}

/** `feeds`: what joins the requirement when it completes: the session's writes (read-your-writes) or reads (monotonic reads). */
export function scanSessions(
  h: History,
  o: Observations,
  feeds: "writes" | "reads",
  maxFindings: number,
  stopAtFirst = false,
): SessionScan {
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
  return { maxNum: -1, vecJoin: undefined, vecItems: [], plain: undefined, opaque: -1, last: -1 };
}

function feed(o: Observations, req: Requirement, a: number): void {
  const num = o.num[a]!;
  const vec = o.vec.get(a);
  const id = o.identity[a]!;
  if (!Number.isNaN(num)) {
    if (req.maxNum < 0 || num > o.num[req.maxNum]!) req.maxNum = a;
  } else if (vec !== undefined) {
    req.vecJoin = req.vecJoin === undefined ? vec : joinVectors(req.vecJoin, vec);
    req.vecItems.push(a);
  } else if (id >= 0) {
    if (!req.plain) req.plain = new Set();
    req.plain.add(a);
  } else if (id !== INITIAL) {
    if (req.opaque < 0) req.opaque = a;
  } else return;
  req.last = a;
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
  if (id === GARBAGE) return { witness: req.last, violation: "garbage" };
  if (req.maxNum >= 0) {
    const rel = compare(o, req.maxNum, r);
    if (rel === "gt") return { witness: req.maxNum, violation: older };
    if (rel === "unknown") undecided = versionlessReason(id);
  }
  if (req.vecJoin !== undefined) {
    const vec = o.vec.get(r);
    if (vec === undefined) undecided = versionlessReason(id);
    else if (
      compareVectors(req.vecJoin, vec) !== "lt" &&
      compareVectors(req.vecJoin, vec) !== "eq"
    ) {
      // Some required vector is not included: name the first one.
      for (const w of req.vecItems) {
        const rel = compare(o, w, r);
        if (rel === "gt") return { witness: w, violation: older };
        if (rel === "concurrent") return { witness: w, violation: "concurrent" };
      }
    }
  }
  if (req.plain !== undefined) {
    for (const w of req.plain) {
      const rel = compare(o, w, r);
      if (rel === "gt") return { witness: w, violation: "initial" };
      if (rel === "unknown") undecided ??= unknownReason(o, r);
    }
  }
  if (req.opaque >= 0) undecided ??= "earlier-unidentified";
  return undecided;
}

function versionlessReason(id: number): UndecidedReason {
  return id === AMBIGUOUS ? "ambiguous-value" : "read-without-version";
}

function unknownReason(o: Observations, r: number): UndecidedReason {
  const id = observedWrite(o, r);
  if (id === AMBIGUOUS) return "ambiguous-value";
  if (id === UNRECORDED) return "unrecorded-version";
  return "no-order";
}

/** One access as a session anomaly cites it. */
export interface AccessDetail {
  op: OpRef;
  process: string | number;
  node?: string;
  value: unknown;
  version?: number | Record<string, number>;
  /** For a read: the write it observed, where the history identifies one. */
  observed?: OpRef;
}

/** A session guarantee broken by one read: it did not observe `required` (an own write, or what an earlier read saw). */
export interface SessionAnomaly<K extends string> extends AnomalyBase {
  kind: K;
  session: string | number;
  key: unknown;
  required: AccessDetail;
  read: AccessDetail;
  violation: Violation;
}

const undecidedText: Record<UndecidedReason, string> = {
  "no-order":
    "the read observed a different write than the session's, and the history gives no version order between them (add `version` to ops)",
  "read-without-version":
    "the read carries no version and observed no versioned write, so it cannot be ordered against the versioned requirement",
  "ambiguous-value":
    "the read returned a value written more than once to its key, so the write it observed is unknown",
  "unrecorded-version":
    "the read observed a version that no recorded write produced, and the requirement has no comparable version",
  "earlier-unidentified":
    "an earlier read of the session observed a value whose write cannot be identified",
};

/** The `check` of a session guarantee: which completed accesses join the session's requirement, and the anomaly kind. */
export function sessionCheck<K extends string>(kind: K, feeds: "writes" | "reads") {
  return (history: History, options: CheckOptions): CheckResult<SessionAnomaly<K>> => {
    const o = observationsOf(history, options.initial ?? null);
    const scan = scanSessions(history, o, feeds, options.maxAnomalies ?? 100, options.firstOnly);
    return sessionResult(kind, history, o, scan);
  };
}

export function sessionResult<K extends string>(
  kind: K,
  h: History,
  o: Observations,
  scan: SessionScan,
): CheckResult<SessionAnomaly<K>> {
  const anomalies = scan.findings.map((f) => toAnomaly(kind, h, o, f));
  const undecided: Undecided[] = [...notRegisters(h, o)];
  for (const [code, u] of [...scan.undecided].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    undecided.push({
      code,
      reason:
        code === "ambiguous-value"
          ? `${undecidedText[code]}: ${duplicated(h, o, u.examples[0]!)}`
          : undecidedText[code],
      count: u.count,
      examples: u.examples.map((a) => opRef(h, o.acc.op[a]!)),
      keys: [...new Set(u.examples.map((a) => o.acc.keys[o.acc.key[a]!]))],
    });
  }
  if (o.acc.size === 0 && o.acc.unsupported.size === 0) {
    undecided.push({
      code: "no-register-ops",
      reason: "the history has no register reads or writes (read, write, cas, r/w micro-ops)",
      count: h.size,
      examples: [],
    });
  }
  return {
    checker: kind,
    verdict: verdictOf(anomalies, undecided),
    anomalies,
    undecided,
    stats: {
      ops: h.size,
      accesses: o.acc.size,
      readsChecked: scan.readsChecked,
      anomalies: scan.findingCount,
    },
  };
}

/** Names the duplicate behind an ambiguous read: "1 is written to x at lines 2 and 6". */
function duplicated(h: History, o: Observations, read: number): string {
  const key = o.acc.key[read]!;
  const value = o.acc.value[read];
  const writes = o.duplicates.get(key)?.get(valueKey(value)) ?? [];
  const refs = writes.map((w) => opRef(h, o.acc.op[w]!));
  const shown =
    refs
      .slice(0, 5)
      .map((r) => `index ${r.index} (line ${r.line})`)
      .join(", ") + (refs.length > 5 ? ", ..." : "");
  const init = valueKey(value) === valueKey(o.initial) ? " (and it is the initial value)" : "";
  return `${showValue(value)} is written to ${showKey(o.acc.keys[key])} ${writes.length} times, at ${shown}${init}`;
}

function notRegisters(h: History, o: Observations): Undecided[] {
  const all = [...o.acc.unsupported].sort((a, b) => a[1].op - b[1].op);
  if (all.length === 0) return [];
  const fs = [...new Set(all.map(([, u]) => u.f))].sort();
  const count = all.reduce((n, [, u]) => n + u.count, 0);
  return [
    {
      code: "not-a-register",
      reason: `${all.length} key(s) have ops that are not register reads or writes (${fs.join(", ")}); their reads are not checked`,
      count,
      examples: [...new Set(all.map(([, u]) => u.op))].slice(0, 3).map((op) => opRef(h, op)),
      keys: all.slice(0, 10).map(([key]) => o.acc.keys[key]),
    },
  ];
}

function toAnomaly<K extends string>(
  kind: K,
  h: History,
  o: Observations,
  f: SessionFinding,
): SessionAnomaly<K> {
  const readOp = o.acc.op[f.read]!;
  const reqOp = o.acc.op[f.witness]!;
  return {
    kind,
    ops: [opRef(h, reqOp), opRef(h, readOp)],
    session: h.sessions[h.session[readOp]!]!,
    key: o.acc.keys[o.acc.key[f.read]!],
    required: detail(h, o, f.witness),
    read: detail(h, o, f.read),
    violation: f.violation,
  };
}

function detail(h: History, o: Observations, a: number): AccessDetail {
  const op = o.acc.op[a]!;
  const d: AccessDetail = {
    op: opRef(h, op),
    process: h.processes[h.process[op]!]!,
    value: o.acc.value[a],
  };
  const node = h.node[op]!;
  if (node >= 0) d.node = h.nodes[node]!;
  const num = o.num[a]!;
  const vec = o.vec.get(a);
  if (Number.isFinite(num)) d.version = num;
  else if (vec !== undefined && vec.size > 0) d.version = Object.fromEntries([...vec].sort());
  const id = observedWrite(o, a);
  if (o.acc.kind[a] === Access.read && id >= 0) d.observed = opRef(h, o.acc.op[id]!);
  return d;
}
