/**
 * linearizable: every op appears to take effect atomically at some point between its
 * invocation and its completion, in an order that a sequential model allows (Herlihy &
 * Wing 1990). Search: Wing & Gong 1993 with Lowe's just-in-time linearization and
 * configuration cache (Lowe 2017), per independent object (P-compositionality, Horn &
 * Kroening 2015), as Porcupine does it. Failed ops did not happen; info ops and ops never
 * completed may take effect at any point after their invocation, or never.
 */
import { UsageError } from "../errors.js";
import { type History, viewOp } from "../history/model.js";
import {
  type CutOff,
  checkLinearizability,
  type LinReport,
  type ObjectReport,
} from "../lin/check.js";
import { findModel, inferModel, models } from "../lin/models/index.js";
import type { Model, Need } from "../lin/models/types.js";
import {
  type AnomalyBase,
  type Checker,
  type CheckOptions,
  type CheckResult,
  type OpRef,
  opRef,
  type Undecided,
  verdictOf,
} from "./types.js";

/** An op that no order allows; kind is the checker's id, as the explainer registry expects. */
export interface LinearizabilityAnomaly extends AnomalyBase {
  kind: "linearizable";
  model: string;
  /** The keys of the object (a keyless register is [null]). */
  keys: unknown[];
  /** The op that cannot be linearized (also ops[0]), its f and value. */
  op: OpRef;
  f: string;
  value: unknown;
  /** Length of the longest linearizable prefix found, and its last ops (up to 10), in order. */
  prefixLength: number;
  prefixTail: OpRef[];
  /** The prefix itself, as op ids in linearization order (the first 10,000), for timelines. */
  linearized: number[];
  /** The model state after that prefix, and what the op would have needed (null: it could take effect, but nothing could follow). */
  state: unknown;
  need: Need | null;
  /** Ops overlapping it in real time that the prefix does not contain (up to 20). */
  concurrent: OpRef[];
}

const cutOffCodes: Record<CutOff, string> = {
  time: "budget-exhausted",
  memory: "memory-exhausted",
  unreadable: "unreadable-ops",
  skipped: "stopped-early",
};

const cutOffReasons: Record<CutOff, string> = {
  time: "the search ran out of time (raise --time-limit)",
  memory: "the search ran out of memory (raise --memory-limit)",
  unreadable: "the model cannot read some ops",
  skipped: "not checked: stopped at the first object that is not linearizable",
};

export const linearizable: Checker<LinearizabilityAnomaly> = {
  id: "linearizable",
  title: "Linearizability",
  description:
    "Every op takes effect atomically between its invocation and completion, in an order the model (register, cas-register, kv, multi-register, mutex, set, fifo-queue) allows.",
  references: [
    "Herlihy & Wing, Linearizability: a correctness condition for concurrent objects, TOPLAS 1990",
    "Wing & Gong, Testing and verifying concurrent objects, JPDC 1993",
    "Lowe, Testing for linearizability, CCPE 2017",
    "Horn & Kroening, Faster linearizability checking via P-compositionality, FORTE 2015",
    "Porcupine (github.com/anishathalye/porcupine); Knossos (github.com/jepsen-io/knossos)",
  ],
  requires: [
    "ops whose f names a model reads (or --model)",
    "real-time order of invocations and completions",
  ],
  check(history: History, options: CheckOptions): CheckResult<LinearizabilityAnomaly> {
    const model = chooseModel(history, options);
    if ("reason" in model) {
      const undecided = [
        { code: "no-model", reason: model.reason, count: history.size, examples: [] },
      ];
      return {
        checker: "linearizable",
        verdict: "unknown",
        anomalies: [],
        undecided,
        stats: { ops: history.size },
      };
    }
    const report = checkLinearizability(history, {
      model,
      initial: options.initial,
      split: options.partition ?? true,
      timeLimitMs: options.timeLimitMs,
      memoryLimitMb: options.memoryLimitMb,
      firstOnly: options.firstOnly,
    });
    const all = report.objects.filter((o) => o.failure).map((o) => toAnomaly(history, model.id, o));
    all.sort((a, b) => a.op.id - b.op.id);
    const anomalies = options.maxAnomalies === undefined ? all : all.slice(0, options.maxAnomalies);
    const undecided = undecidedOf(history, report);
    return {
      checker: "linearizable",
      verdict: verdictOf(all, undecided),
      anomalies,
      undecided,
      stats: statsOf(history, report, all.length),
    };
  },
};

function chooseModel(h: History, options: CheckOptions): Model | { reason: string } {
  if (options.model === undefined) return inferModel(h);
  const model = findModel(options.model);
  if (!model) {
    throw new UsageError(
      `unknown model "${options.model}" (known: ${models.map((m) => m.id).join(", ")})`,
    );
  }
  return model;
}

function toAnomaly(h: History, model: string, o: ObjectReport): LinearizabilityAnomaly {
  const failure = o.failure!;
  const view = viewOp(h, failure.op);
  const ref = opRef(h, failure.op);
  const concurrent = failure.concurrent.slice(0, 20).map((x) => opRef(h, x));
  return {
    kind: "linearizable",
    ops: [ref, ...concurrent],
    model,
    keys: o.keys,
    op: ref,
    f: view.f,
    value: view.value,
    prefixLength: failure.prefix.length,
    prefixTail: failure.prefix.slice(-10).map((x) => opRef(h, x)),
    linearized: Array.from(failure.prefix.slice(0, 10_000)),
    state: failure.state,
    need: failure.need,
    concurrent,
  };
}

function undecidedOf(h: History, report: LinReport): Undecided[] {
  const out: Undecided[] = [];
  if (report.unreadable.length > 0) {
    out.push({
      code: "unreadable-ops",
      reason: `the ${report.model} model cannot read some ops: ${report.unreadable[0]!.reason}`,
      count: report.unreadable.length,
      examples: report.unreadable.slice(0, 5).map((u) => opRef(h, u.id)),
    });
  }
  for (const cut of ["time", "memory", "unreadable", "skipped"] as const) {
    const objs = report.objects.filter((o) => o.cutOff === cut);
    if (objs.length === 0) continue;
    const reason =
      cut === "unreadable"
        ? `${cutOffReasons[cut]}: ${objs[0]!.unreadable![0]!.reason}`
        : cutOffReasons[cut];
    out.push({
      code: cutOffCodes[cut],
      reason,
      count: objs.length,
      examples: objs
        .slice(0, 5)
        .flatMap((o) => (o.unreadable ?? []).slice(0, 1).map((u) => opRef(h, u.id))),
      keys: objs.flatMap((o) => o.keys),
    });
  }
  return out;
}

function statsOf(h: History, report: LinReport, anomalies: number): Record<string, number> {
  const sum = (f: (o: ObjectReport) => number) => report.objects.reduce((a, o) => a + f(o), 0);
  const count = (outcome: string) => report.objects.filter((o) => o.outcome === outcome).length;
  return {
    ops: h.size,
    searched: sum((o) => o.ops),
    failedOpsDropped: report.failed,
    indeterminateReadsDropped: sum((o) => o.dropped),
    ignored: report.ignored,
    objects: report.objects.length,
    objectsValid: count("valid"),
    objectsInvalid: count("invalid"),
    objectsUnknown: count("unknown"),
    anomalies,
    steps: sum((o) => o.steps),
    configurations: sum((o) => o.configurations),
    cacheKiB: Math.round(Math.max(0, ...report.objects.map((o) => o.cacheBytes)) / 1024),
  };
}
