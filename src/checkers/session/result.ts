/**
 * Session-guarantee results as data: the anomaly type shared by read-your-writes and
 * monotonic-reads, the reasons for undecided reads, and the `check` both are built from.
 */
import { Access } from "../../history/accesses.js";
import { valueKey } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { type Observations, observationsOf, observedWrite } from "../../history/observations.js";
import { showKey, showValue } from "../../history/show.js";
import {
  type AnomalyBase,
  type CheckOptions,
  type CheckResult,
  type OpRef,
  opRef,
  type Undecided,
  verdictOf,
} from "../types.js";
import {
  type SessionFinding,
  type SessionScan,
  scanSessions,
  type UndecidedReason,
  type Violation,
} from "./scan.js";

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
  /** The key is a list-append key: `required` is an append (or a list read), `read` a list. */
  list?: true;
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
  "list-order-unknown":
    "the reads of this list key are not all prefixes of one list, or a value is appended twice, so the order of its versions is unknown",
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
  const anomaly: SessionAnomaly<K> = {
    kind,
    ops: [opRef(h, reqOp), opRef(h, readOp)],
    session: h.sessions[h.session[readOp]!]!,
    key: o.acc.keys[o.acc.key[f.read]!],
    required: detail(h, o, f.witness),
    read: detail(h, o, f.read),
    violation: f.violation,
  };
  if (o.acc.lists.has(o.acc.key[f.read]!)) anomaly.list = true;
  return anomaly;
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
  if (Number.isFinite(num) && !o.acc.lists.has(o.acc.key[a]!)) d.version = num;
  else if (vec !== undefined && vec.size > 0) d.version = Object.fromEntries([...vec].sort());
  const id = observedWrite(o, a);
  if (o.acc.kind[a] === Access.read && id >= 0) d.observed = opRef(h, o.acc.op[id]!);
  return d;
}
