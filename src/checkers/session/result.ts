/**
 * Session-guarantee results as data: the anomaly types that read-your-writes and
 * monotonic-reads return, their undecided and not-applicable reasons (codes with
 * parameters), and the `check` both are built from.
 */
import { Access, accessVersion } from "../../history/accesses.js";
import { type Assumption, assumedOrder } from "../../history/assumed-order.js";
import { exactVersion, type History } from "../../history/model.js";
import { type Observations, observationsOf, observedWrite } from "../../history/observations.js";
import { valueKey } from "../../history/vocabulary.js";
import { opDetail, opDetails } from "../details.js";
import type {
  AnomalyBase,
  CheckOptions,
  CheckResult,
  Reason,
  Undecided,
  VersionShown,
} from "../types.js";
import { verdictOf } from "../types.js";
import { assumptionNote, assumptionOf } from "./assume.js";
import {
  type ScanLimits,
  type SessionFinding,
  type SessionScan,
  scanSessions,
  type Violation,
} from "./scan.js";

/** One access as a session anomaly cites it: its op (listed in `ops`), and the access's own value and version (a micro-op's, in a transaction). */
export interface AccessDetail {
  op: number;
  value: unknown;
  version?: VersionShown;
  /** For a read: the op whose write it observed, where the history identifies one (listed in `ops`). */
  observed?: number;
}

/** What every session anomaly says: in `session`, the `read` of `key` failed to observe `required`. */
export interface SessionFields {
  session: string | number;
  key: unknown;
  /** An own write (read-your-writes), or what an earlier read of the session saw (monotonic reads). */
  required: AccessDetail;
  read: AccessDetail;
  /** The key is a list-append key: `required` is an append or a list read, `read` a list. */
  list?: true;
  /** The order that proves the anomaly comes from this stated assumption, not from versions. */
  assumed?: Assumption;
}

/** Why the read's state comes before the required one: an older version, the initial value, or a concurrent vector. */
export type Staleness = Exclude<Violation, "garbage">;

/** read-your-writes: the read missed the session's own earlier write. */
export interface MissedOwnWrite extends AnomalyBase, SessionFields {
  kind: "missed-own-write";
  violation: Staleness;
}

/** monotonic reads: the read observed an older state than an earlier read of the session. */
export interface NonMonotonicRead extends AnomalyBase, SessionFields {
  kind: "non-monotonic-read";
  violation: Staleness;
}

/** A read of a value that no op wrote, where the session had a known state to observe. */
export interface GarbageRead extends AnomalyBase, SessionFields {
  kind: "garbage-read";
  guarantee: "read-your-writes" | "monotonic-reads";
}

export type SessionKind = "missed-own-write" | "non-monotonic-read";

/** The `check` of a session guarantee: which completed accesses join the session's requirement, and the kind of a stale read. */
export function sessionCheck<K extends SessionKind>(
  guarantee: "read-your-writes" | "monotonic-reads",
  kind: K,
  feeds: "writes" | "reads",
) {
  return (history: History, options: CheckOptions) => {
    const o = observationsOf(history, options.initial ?? null);
    const assumption = assumptionOf(options);
    const scan = scanSessions(history, o, feeds, {
      ...scanLimits(options),
      ...(assumption ? { assumed: assumedOrder(history, o.acc, assumption) } : {}),
    });
    const result = sessionResult(guarantee, kind, history, o, scan, {
      timeLimit: options.timeLimit,
      assumption,
    });
    const notes = [
      ...(result.notes ?? []),
      ...assumptionNote(assumption, scan.decidedByAssumption),
    ];
    if (notes.length > 0) result.notes = notes;
    return result;
  };
}

type Anomaly<K extends SessionKind> =
  | (K extends "missed-own-write" ? MissedOwnWrite : NonMonotonicRead)
  | GarbageRead;

function sessionResult<K extends SessionKind>(
  guarantee: "read-your-writes" | "monotonic-reads",
  kind: K,
  h: History,
  o: Observations,
  scan: SessionScan,
  given: { timeLimit: number; assumption: Assumption | undefined },
): CheckResult<Anomaly<K>> {
  const anomalies = scan.findings.map(
    (f) => toAnomaly(guarantee, kind, h, o, f, given.assumption) as Anomaly<K>,
  );
  const undecided = undecidedOf(h, o, scan, given.timeLimit);
  const notes = notRegisters(h, o);
  const result: CheckResult<Anomaly<K>> = {
    checker: guarantee,
    model: guarantee,
    verdict: verdictOf(scan.findingCount, undecided),
    anomalies,
    anomalyCount: scan.findingCount,
    undecided,
    stats: { ops: h.size, accesses: o.acc.size, readsChecked: scan.readsChecked },
  };
  if (notes.length > 0) result.notes = notes;
  if (o.acc.size === 0) {
    result.verdict = "n/a";
    result.notApplicable = { code: "no-register-ops" };
  }
  return result;
}

/** The limits of a scan from the options: the anomalies kept, first-only, the time budget, progress. */
export function scanLimits(options: CheckOptions): ScanLimits {
  return {
    maxFindings: options.maxAnomalies,
    stopAtFirst: options.firstOnly,
    deadline: performance.now() + options.timeLimit * 1000,
    progress: options.progress,
  };
}

/** The scan's undecided reasons as results cite them, by code (and the budget, if it ran out). */
export function undecidedOf(
  h: History,
  o: Observations,
  scan: SessionScan,
  timeLimit: number,
): Undecided[] {
  const undecided: Undecided[] = [];
  for (const [code, u] of [...scan.undecided].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    undecided.push({
      code,
      ...(code === "ambiguous-value" ? { params: duplicated(h, o, u.examples[0]!) } : {}),
      count: u.count,
      examples: u.examples.map((a) => opDetail(h, o.acc.op[a]!)),
      keys: [...new Set(u.examples.map((a) => o.acc.keys[o.acc.key[a]!]))],
    });
  }
  if (scan.cutOff) {
    undecided.push({
      code: "budget-exhausted",
      params: { seconds: timeLimit, ...scan.cutOff },
      count: 1,
      examples: [],
    });
  }
  return undecided;
}

/** Names the duplicate behind an ambiguous read: the value, its key, and the writes of it. */
export function duplicated(h: History, o: Observations, read: number): Record<string, unknown> {
  const key = o.acc.key[read]!;
  const value = o.acc.value[read];
  const writes = o.duplicates.get(key)?.get(valueKey(value)) ?? [];
  return {
    key: o.acc.keys[key],
    value,
    writes: writes.length,
    lines: writes.slice(0, 5).map((w) => opDetail(h, o.acc.op[w]!).line),
    initial: valueKey(value) === valueKey(o.initial),
  };
}

/** Keys whose ops are not register reads and writes (counters, sets, string appends): not checked. */
export function notRegisters(h: History, o: Observations): Reason[] {
  const all = [...o.acc.unsupported].sort((a, b) => a[1].op - b[1].op);
  if (all.length === 0) return [];
  return [
    {
      code: "not-a-register",
      params: {
        keys: all.length,
        examples: all.slice(0, 5).map(([key]) => o.acc.keys[key]),
        fs: [...new Set(all.map(([, u]) => h.fs[h.f[u.op]!] ?? u.f))].sort(),
        ops: all.reduce((n, [, u]) => n + u.count, 0),
      },
    },
  ];
}

function toAnomaly(
  guarantee: "read-your-writes" | "monotonic-reads",
  kind: SessionKind,
  h: History,
  o: Observations,
  f: SessionFinding,
  assumption: Assumption | undefined,
): MissedOwnWrite | NonMonotonicRead | GarbageRead {
  const readOp = o.acc.op[f.read]!;
  const required = access(h, o, f.witness);
  const read = access(h, o, f.read);
  const behind = f.assumed && required.observed !== undefined ? [required.observed] : [];
  const cited = [
    required.op,
    ...behind,
    ...(read.observed === undefined ? [] : [read.observed]),
    read.op,
  ];
  const fields: AnomalyBase & SessionFields = {
    kind,
    ops: opDetails(h, cited),
    session: h.sessions[h.session[readOp]!]!,
    key: o.acc.keys[o.acc.key[f.read]!],
    required,
    read,
  };
  if (o.acc.lists.has(o.acc.key[f.read]!)) fields.list = true;
  if (f.assumed && assumption) fields.assumed = assumption;
  if (f.violation === "garbage") return { ...fields, kind: "garbage-read", guarantee };
  return { ...fields, kind, violation: f.violation } as MissedOwnWrite | NonMonotonicRead;
}

/**
 * The access as its anomaly cites it. Versions are shown as the history wrote them (the
 * columns may hold ranks of integers beyond 2^53): the access's own, else the observed write's.
 */
export function access(h: History, o: Observations, a: number): AccessDetail {
  const d: AccessDetail = { op: o.acc.op[a]!, value: o.acc.value[a] ?? null };
  const id = observedWrite(o, a);
  const vec = o.vec.get(a);
  const own = Number.isNaN(accessVersion(o.acc, a)) ? undefined : exactVersion(h, d.op);
  const observed =
    id >= 0 && !Number.isNaN(accessVersion(o.acc, id)) ? exactVersion(h, o.acc.op[id]!) : undefined;
  if (o.acc.lists.has(o.acc.key[a]!)) {
    // A list's "version" is a position in it, not a field of the history: not shown.
  } else if (own !== undefined) d.version = own;
  else if (observed !== undefined) d.version = observed;
  else if (vec !== undefined && vec.size > 0) d.version = Object.fromEntries([...vec].sort());
  if (o.acc.kind[a] === Access.read && id >= 0 && o.acc.op[id] !== d.op) d.observed = o.acc.op[id]!;
  return d;
}
