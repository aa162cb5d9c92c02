/**
 * Write-order results as data: the anomalies of monotonic writes and writes follow reads,
 * and the `check` both are built from (over write-order.ts), in the shape of result.ts.
 */
import { Access } from "../../history/accesses.js";
import { type Assumption, assumedOrder } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import { type Observations, observationsOf } from "../../history/observations.js";
import { opDetails } from "../details.js";
import type { AnomalyBase, CheckOptions, CheckResult } from "../types.js";
import { verdictOf } from "../types.js";
import { assumptionNote, assumptionOf } from "./assume.js";
import { type AccessDetail, access, notRegisters, scanLimits, undecidedOf } from "./result.js";
import type { SessionFinding } from "./scan.js";
import { scanWriteOrder } from "./write-order.js";

/** Why the later write is not after the earlier one: an older version, or a concurrent vector. */
export type WriteViolation = "older" | "concurrent";

interface WriteOrderFields {
  session: string | number;
  key: unknown;
  violation: WriteViolation;
  /** On a list-append key: each append's position in the longest read (null: never read). */
  positions?: { required: number | null; write: number | null };
  assumed?: Assumption;
}

/** monotonic writes: a session's later write of a key is not after its earlier write of it. */
export interface SessionWritesReordered extends AnomalyBase, WriteOrderFields {
  kind: "session-writes-reordered";
  earlier: AccessDetail;
  later: AccessDetail;
}

/** writes follow reads: a session's write of a key is not after a write its earlier read observed. */
export interface WritePrecedesObserved extends AnomalyBase, WriteOrderFields {
  kind: "write-precedes-observed";
  /** The earlier read; its `observed` is the write it saw. */
  read: AccessDetail;
  write: AccessDetail;
}

type Guarantee = "monotonic-writes" | "writes-follow-reads";

export function writeOrderCheck<A extends SessionWritesReordered | WritePrecedesObserved>(
  guarantee: Guarantee,
) {
  return (history: History, options: CheckOptions): CheckResult<A> => {
    const o = observationsOf(history, options.initial ?? null);
    const assumption = assumptionOf(options);
    const feeds = guarantee === "monotonic-writes" ? "writes" : "reads";
    const scan = scanWriteOrder(history, o, feeds, {
      ...scanLimits(options),
      ...(assumption ? { assumed: assumedOrder(history, o.acc, assumption) } : {}),
    });
    const anomalies = scan.findings.map(
      (f) => toAnomaly(guarantee, history, o, f, assumption) as A,
    );
    const undecided = undecidedOf(history, o, scan, options.timeLimit);
    const result: CheckResult<A> = {
      checker: guarantee,
      model: guarantee,
      verdict: verdictOf(scan.findingCount, undecided),
      anomalies,
      anomalyCount: scan.findingCount,
      undecided,
      stats: { ops: history.size, accesses: o.acc.size, writesChecked: scan.readsChecked },
    };
    const notes = [
      ...notRegisters(history, o),
      ...assumptionNote(assumption, scan.decidedByAssumption),
    ];
    if (notes.length > 0) result.notes = notes;
    return notApplicable(result, o, guarantee);
  };
}

/** n/a without register writes (and, for writes follow reads, without reads). */
function notApplicable<A extends AnomalyBase>(
  result: CheckResult<A>,
  o: Observations,
  guarantee: Guarantee,
): CheckResult<A> {
  let writes = 0;
  let reads = 0;
  for (let a = 0; a < o.acc.size; a++) {
    if (o.acc.kind[a] === Access.write) writes++;
    else reads++;
  }
  const code =
    writes === 0
      ? "no-register-writes"
      : reads === 0 && guarantee === "writes-follow-reads"
        ? "no-register-reads"
        : undefined;
  if (code === undefined) return result;
  return { ...result, verdict: "n/a", notApplicable: { code } };
}

function toAnomaly(
  guarantee: Guarantee,
  h: History,
  o: Observations,
  f: SessionFinding,
  assumption: Assumption | undefined,
): SessionWritesReordered | WritePrecedesObserved {
  const required = access(h, o, f.witness);
  const write = access(h, o, f.read);
  const op = o.acc.op[f.read]!;
  const fields: WriteOrderFields = {
    session: h.sessions[h.session[op]!]!,
    key: o.acc.keys[o.acc.key[f.read]!],
    violation: f.violation === "concurrent" ? "concurrent" : "older",
  };
  if (o.acc.lists.has(o.acc.key[f.read]!)) {
    const position = (a: number) => (Number.isFinite(o.num[a]!) ? o.num[a]! : null);
    fields.positions = { required: position(f.witness), write: position(f.read) };
  }
  if (f.assumed && assumption) fields.assumed = assumption;
  if (guarantee === "monotonic-writes") {
    const ops = opDetails(h, [required.op, write.op]);
    return { kind: "session-writes-reordered", ops, ...fields, earlier: required, later: write };
  }
  const ops = opDetails(h, [required.observed ?? required.op, required.op, write.op]);
  return { kind: "write-precedes-observed", ops, ...fields, read: required, write };
}
