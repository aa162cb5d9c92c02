/**
 * linearizable: every op appears to take effect atomically at some point between its
 * invocation and its completion, in an order that a sequential model allows (Herlihy &
 * Wing 1990). Search: Wing & Gong 1993 with Lowe's just-in-time linearization and
 * configuration cache (Lowe 2017), per independent object (P-compositionality, Horn &
 * Kroening 2015), as Porcupine does it. Failed ops did not happen; info ops and ops never
 * completed may take effect at any point after their invocation, or never.
 */
import { availableParallelism } from "node:os";
import type { History } from "../history/model.js";
import { valueKey } from "../history/vocabulary.js";
import {
  type CutOff,
  checkLinearizability,
  type Failure,
  type LinReport,
  type ObjectReport,
  prepareSearch,
} from "../lin/check.js";
import { type InitialReading, readInitialValues } from "../lin/initial.js";
import { findModel, inferModel, modelNames } from "../lin/models/index.js";
import type { Model, Need } from "../lin/models/types.js";
import { opDetail, opDetails } from "./details.js";
import { explainNotLinearizable, linearizableReasons } from "./linearizable/explain.js";
import type {
  AnomalyBase,
  Checker,
  CheckOptions,
  CheckResult,
  Reason,
  Undecided,
} from "./types.js";
import { verdictOf } from "./types.js";

/** An op that no order allows. Op fields are op ids, each listed in `ops`. */
export interface NotLinearizable extends AnomalyBase {
  kind: "not-linearizable";
  model: string;
  /** The keys of the object (a keyless register is [null]). */
  keys: unknown[];
  /** The op that cannot be linearized. */
  op: number;
  /** Length of the longest linearizable prefix found, and its last ops (up to 3), in order. */
  prefixLength: number;
  prefixTail: number[];
  /** The model state after that prefix, and what the op would have needed (null: it could take effect, but nothing could follow). */
  state: unknown;
  need: Need | null;
  /** Ops overlapping it in real time that the prefix does not contain: the first 5, and how many in all. */
  concurrent: number[];
  concurrentCount: number;
  /**
   * Set when the op is a get proven stale without searching (the prefix is then empty): a
   * write W of its key completed before it began, yet every write its value could be built
   * from (`sourceCount` of them; `latest` completed last, null when none) completed before W began.
   */
  stale?: { write: number; latest: number | null; sourceCount: number };
}

export type LinearizableAnomaly = NotLinearizable;

const cutOffCodes: Record<Exclude<CutOff, "unreadable" | "initial">, string> = {
  time: "budget-exhausted",
  memory: "memory-exhausted",
  skipped: "stopped-early",
};

export const linearizable: Checker<NotLinearizable> = {
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
    "ops whose f names a model reads (or a model named)",
    "real-time order of invocations and completions",
  ],
  decides: "linearizable",
  options: [
    {
      name: "model",
      type: "string",
      choices: modelNames,
      help: "the sequential model to check against (default: inferred from the ops)",
    },
    {
      name: "partition",
      type: "boolean",
      default: true,
      help: "check each key on its own (P-compositionality), rather than all keys as one object",
    },
    {
      name: "memoryLimit",
      type: "number",
      default: 1024,
      unit: "MiB",
      help: "memory budget of each key's search (its cache and model states), and of all searches held at once",
    },
    {
      name: "jobs",
      type: "integer",
      default: availableParallelism(),
      help: "worker threads that search keys at once (default: one per core); 1 searches on the main thread only",
    },
  ],
  prepare(options: CheckOptions, input: { bytes: number }): void {
    prepareSearch(options.jobs as number, input.bytes);
  },
  check(history: History, options: CheckOptions): CheckResult<NotLinearizable> {
    const model =
      typeof options.model === "string" ? findModel(options.model)! : inferModel(history);
    if (!("machine" in model))
      return notApplicable(history, { code: "no-model", params: { fs: model.fs } });
    const initials = model.keysOf ? readInitials(history, model, options.initial) : undefined;
    const report = checkLinearizability(history, {
      model,
      initial: options.initial,
      initials: new Map([...(initials?.values ?? [])].map(([k, v]) => [k, v.value])),
      undecidable: new Set([
        ...(initials?.conflicts.keys() ?? []),
        ...(initials?.unwritten.keys() ?? []),
      ]),
      split: options.partition !== false,
      timeLimitMs: options.timeLimit * 1000,
      memoryLimitMb: options.memoryLimit as number,
      firstOnly: options.firstOnly,
      jobs: options.jobs as number,
      // Not a declared option: tests shrink the first round to hand every object to workers.
      firstRoundSteps: options.firstRoundSteps as number | undefined,
      // Nor this: tests and the Porcupine race turn the stale-read proof off to time the search alone.
      refute: options.refute as boolean | undefined,
      onProgress: options.progress,
    });
    const unreadable = unreadableOps(report);
    if (unreadable.length > 0 && report.objects.every((o) => o.cutOff === "unreadable")) {
      return notApplicable(history, unreadableReason(history, model, unreadable));
    }
    const failed = report.objects.filter((o) => o.failure).map((o) => toAnomaly(history, model, o));
    failed.sort((a, b) => a.op - b.op);
    const undecided = [
      ...undecidedOf(history, model, report, options),
      ...disagreeing(history, initials),
    ];
    const result: CheckResult<NotLinearizable> = {
      checker: "linearizable",
      model: "linearizable",
      verdict: verdictOf(failed.length, undecided),
      anomalies: failed.slice(0, options.maxAnomalies),
      anomalyCount: failed.length,
      undecided,
      stats: statsOf(history, report, failed.length),
    };
    const notes = initialNotes(history, model, initials);
    if (notes.length > 0) result.notes = notes;
    return result;
  },
  explain: { "not-linearizable": explainNotLinearizable },
  reasons: linearizableReasons,
};

function notApplicable(
  h: History,
  reason: CheckResult["notApplicable"],
): CheckResult<NotLinearizable> {
  return {
    checker: "linearizable",
    model: "linearizable",
    verdict: "n/a",
    anomalies: [],
    anomalyCount: 0,
    undecided: [],
    notApplicable: reason,
    stats: { ops: h.size },
  };
}

function unreadableOps(report: LinReport) {
  return [...report.unreadable, ...report.objects.flatMap((o) => o.unreadable ?? [])];
}

function unreadableReason(
  h: History,
  model: Model,
  ops: ReturnType<typeof unreadableOps>,
): { code: string; params: Record<string, unknown> } {
  const first = ops[0]!;
  return {
    code: "unreadable-ops",
    params: { model: model.id, ...first.why, count: ops.length, line: opDetail(h, first.id).line },
  };
}

/** The initial values the reads show, unless one is given; then only the keys whose writes are left out. */
function readInitials(h: History, model: Model, given: unknown): InitialReading {
  const infer = given === undefined;
  return readInitialValues(h, () => (infer ? model.defaultInitial : given), infer);
}

/** Keys whose early reads disagree, or whose writes the history leaves out: undecided, naming the reads. */
function disagreeing(h: History, initials: InitialReading | undefined): Undecided[] {
  if (initials === undefined) return [];
  const out: Undecided[] = [];
  const conflicts = [...initials.conflicts.values()];
  if (conflicts.length > 0) {
    out.push({
      code: "initial-values-disagree",
      count: conflicts.length,
      examples: conflicts.slice(0, 2).flatMap((c) => c.ops.map((id) => opDetail(h, id))),
      keys: conflicts.map((c) => c.key),
    });
  }
  const unwritten = [...initials.unwritten.values()];
  if (unwritten.length > 0) {
    out.push({
      code: "writes-unrecorded",
      count: unwritten.length,
      examples: unwritten.slice(0, 3).map((u) => opDetail(h, u.op)),
      keys: unwritten.map((u) => u.key),
    });
  }
  return out;
}

/** Says which keys start at a value read off the history rather than the model's default. */
function initialNotes(h: History, model: Model, initials: InitialReading | undefined): Reason[] {
  const read = [...(initials?.values.values() ?? [])].filter(
    (v) => valueKey(v.value) !== valueKey(model.defaultInitial),
  );
  if (read.length === 0) return [];
  const examples = read
    .slice(0, 3)
    .map((v) => ({ key: v.key, value: v.value, line: opDetail(h, v.op).line }));
  return [
    {
      code: "initial-from-reads",
      params: { keys: read.length, examples, default: model.defaultInitial },
    },
  ];
}

function toAnomaly(h: History, model: Model, o: ObjectReport): NotLinearizable {
  const failure = o.failure!;
  const tail = failure.prefix.slice(-3);
  const concurrent = failure.concurrent.slice(0, 5);
  const stale = staleOf(h, failure);
  const cited = stale ? [stale.write, ...(stale.latest === null ? [] : [stale.latest])] : [];
  const anomaly: NotLinearizable = {
    kind: "not-linearizable",
    ops: opDetails(h, [failure.op, ...tail, ...concurrent, ...cited]),
    model: model.id,
    keys: o.keys,
    op: failure.op,
    prefixLength: failure.prefix.length,
    prefixTail: tail,
    state: failure.state,
    need: failure.need,
    concurrent,
    concurrentCount: failure.concurrent.length,
  };
  if (stale) anomaly.stale = stale;
  return anomaly;
}

function staleOf(h: History, failure: Failure): NotLinearizable["stale"] {
  if (failure.stale === undefined) return undefined;
  const { write, sources } = failure.stale;
  let latest: number | null = null;
  for (const s of sources) if (latest === null || h.cmpPos[s]! > h.cmpPos[latest]!) latest = s;
  return { write, latest, sourceCount: sources.length };
}

function undecidedOf(
  h: History,
  model: Model,
  report: LinReport,
  options: CheckOptions,
): Undecided[] {
  const out: Undecided[] = [];
  const unreadable = unreadableOps(report);
  if (unreadable.length > 0) {
    const { params } = unreadableReason(h, model, unreadable);
    const keys = report.objects.filter((o) => o.cutOff === "unreadable").flatMap((o) => o.keys);
    out.push({
      code: "unreadable-ops",
      params,
      count: unreadable.length,
      examples: unreadable.slice(0, 3).map((u) => opDetail(h, u.id)),
      keys,
    });
  }
  const limits: Record<string, Record<string, unknown>> = {
    time: { seconds: options.timeLimit },
    memory: { mib: options.memoryLimit },
    skipped: {},
  };
  for (const cut of ["time", "memory", "skipped"] as const) {
    const objs = report.objects.filter((o) => o.cutOff === cut);
    if (objs.length === 0) continue;
    out.push({
      code: cutOffCodes[cut],
      params: limits[cut],
      count: objs.length,
      examples: [],
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
