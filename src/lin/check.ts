/**
 * Linearizability of a whole history (Herlihy & Wing 1990): split it into independent
 * objects (partition.ts), search each one (search.ts) under a shared budget, and report per
 * object. Objects are searched smallest first, each given a fair share of the time left;
 * an object that runs out of its share is resumed later with what the others left over, so
 * one hard key cannot starve the easy ones, and a key that cannot be decided in time is
 * `unknown` while the others are still decided.
 */
import type { History } from "../history/model.js";
import { valueKey } from "../history/vocabulary.js";
import type { Model, Need } from "./models/types.js";
import { partitionOps, selectOps } from "./partition.js";
import { type Built, buildProblem, type UnreadableOp } from "./problem.js";
import { LinSearch, type MemoryMeter, type Outcome } from "./search.js";

export const DEFAULT_TIME_LIMIT_MS = 60_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;

export interface LinOptions {
  model: Model;
  /** Initial value of every key; the model's default when undefined. */
  initial?: unknown;
  /** Initial values of some keys (by value key), where `initial` is not given. */
  initials?: ReadonlyMap<unknown, unknown>;
  /** Keys (by value key) that cannot be searched: their objects are undecided. */
  undecidable?: ReadonlySet<unknown>;
  /** Check each independent object apart (default true). */
  split?: boolean;
  timeLimitMs?: number;
  memoryLimitMb?: number;
  /** Stop at the first object found not linearizable. */
  firstOnly?: boolean;
  /** Told now and then how many objects are decided, of how many, and the search steps tried so far. */
  onProgress?: ((p: LinProgress) => void) | undefined;
}

/** The shape of the checkers' CheckProgress (src/lin does not depend on src/checkers). */
export interface LinProgress {
  what: "searching";
  done: number;
  total: number;
  unit: "objects";
  work: { count: number; unit: "steps" };
}

/** Why an object was not decided. */
export type CutOff = "time" | "memory" | "unreadable" | "skipped" | "initial";

/** The deepest point of a failed search: what could not be linearized, and after what. */
export interface Failure {
  /** History id of the op that could not be linearized. */
  op: number;
  /** History ids of the longest linearizable prefix found, in order. */
  prefix: number[];
  /** The model state after the prefix, as plain data. */
  state: unknown;
  /** What the op would have needed; null when it could take effect but nothing could follow. */
  need: Need | null;
  /** History ids of the ops overlapping it in real time that the prefix does not contain. */
  concurrent: number[];
}

export interface ObjectReport {
  keys: unknown[];
  /** Ops searched, and ops left out because they cannot matter (indeterminate reads). */
  ops: number;
  dropped: number;
  outcome: "valid" | "invalid" | "unknown";
  cutOff?: CutOff;
  unreadable?: UnreadableOp[];
  failure?: Failure;
  /** A linearization (history ids) when valid. */
  order?: number[];
  steps: number;
  configurations: number;
  /** Bytes the configuration cache held at the end. */
  cacheBytes: number;
  ms: number;
}

export interface LinReport {
  model: string;
  objects: ObjectReport[];
  failed: number;
  ignored: number;
  /** Ops whose keys the model could not read: then nothing can be decided. */
  unreadable: UnreadableOp[];
  ms: number;
}

interface Task {
  report: ObjectReport;
  /** Built when first searched and let go when decided: every object's inputs at once cost about 60 bytes an op. */
  build: () => Built;
  n: number;
  built?: Built;
  search?: LinSearch;
  first: number;
}

export function checkLinearizability(h: History, options: LinOptions): LinReport {
  const start = performance.now();
  const { model } = options;
  const selection = selectOps(h);
  const split = partitionOps(h, selection.ops, model, options.split ?? true);
  const base = { model: model.id, failed: selection.failed, ignored: selection.ignored };
  if (split.unreadable.length > 0) {
    return { ...base, objects: [], unreadable: split.unreadable, ms: performance.now() - start };
  }
  const initial = (key: unknown) =>
    options.initial !== undefined
      ? options.initial
      : options.initials?.has(valueKey(key))
        ? options.initials.get(valueKey(key))
        : model.defaultInitial;
  const objects: ObjectReport[] = [];
  const tasks: Task[] = [];
  for (const part of split.parts) {
    const report = emptyReport(part.keys, part.ops.length);
    objects.push(report);
    if (options.undecidable && part.keys.some((k) => options.undecidable!.has(valueKey(k)))) {
      Object.assign(report, { outcome: "unknown", cutOff: "initial" });
      continue;
    }
    const build = () => buildProblem(h, part, model.machine(part.keys, initial));
    const built = build();
    if ("unreadable" in built) {
      Object.assign(report, {
        outcome: "unknown",
        cutOff: "unreadable",
        unreadable: built.unreadable,
      });
    } else {
      Object.assign(report, { ops: built.problem.n, dropped: built.dropped });
      // Only its size is kept for now (the order of search); it is built again when searched.
      tasks.push({ report, build: build as () => Built, n: built.problem.n, first: part.ops[0]! });
    }
  }
  tasks.sort((a, b) => a.n - b.n || a.first - b.first);
  runTasks(tasks, start + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS), options);
  return { ...base, objects, unreadable: [], ms: performance.now() - start };
}

function emptyReport(keys: unknown[], ops: number): ObjectReport {
  return {
    keys,
    ops,
    dropped: 0,
    outcome: "unknown",
    steps: 0,
    configurations: 0,
    cacheBytes: 0,
    ms: 0,
  };
}

function runTasks(tasks: Task[], deadline: number, options: LinOptions): void {
  const meter: MemoryMeter = {
    used: 0,
    limit: (options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 2 ** 20,
  };
  const progress = progressOf(tasks.length, options.onProgress);
  let pending = tasks;
  let stop = false;
  while (pending.length > 0) {
    const paused: Task[] = [];
    for (let i = 0; i < pending.length; i++) {
      const task = pending[i]!;
      const now = performance.now();
      if (stop || now >= deadline) {
        progress.finished(finish(task, stop ? "skipped" : "time", meter));
        continue;
      }
      const until = now + (deadline - now) / (pending.length - i);
      const outcome = runSlice(task, until, meter, progress.tick);
      if (outcome === "paused") paused.push(task);
      else progress.finished(finish(task, outcome, meter));
      if (outcome === "invalid" && options.firstOnly) stop = true;
    }
    pending = paused;
  }
}

/** Counts decided objects and steps incrementally, so that a tick costs O(1) however many objects there are. */
function progressOf(total: number, onProgress: LinOptions["onProgress"]) {
  let decided = 0;
  let steps = 0;
  let current: LinSearch | undefined;
  const tell = (count: number) =>
    onProgress?.({
      what: "searching",
      done: decided,
      total,
      unit: "objects",
      work: { count, unit: "steps" },
    });
  return {
    tick(search?: LinSearch) {
      if (search !== undefined) current = search;
      tell(steps + (current?.steps ?? 0));
    },
    finished(report: ObjectReport) {
      decided++;
      steps += report.steps;
      current = undefined;
      tell(steps);
    },
  };
}

function runSlice(
  task: Task,
  until: number,
  meter: MemoryMeter,
  tick: (search?: LinSearch) => void,
): Outcome {
  const t0 = performance.now();
  task.built ??= task.build();
  task.search ??= new LinSearch(task.built.problem);
  const search = task.search;
  tick(search);
  const outcome = search.run(until, meter, tick);
  task.report.ms += performance.now() - t0;
  return outcome;
}

function finish(task: Task, outcome: Outcome | CutOff, meter: MemoryMeter): ObjectReport {
  const { report, built, search } = task;
  task.built = undefined;
  if (search) {
    report.steps = search.steps;
    report.configurations = search.cache.size;
    report.cacheBytes = search.cache.bytes;
    search.release(meter);
  }
  if (outcome === "valid") {
    report.outcome = "valid";
    report.order = search && built ? [...search.order()].map((i) => built.ids[i]!) : [];
  } else if (outcome === "invalid" && search && built) {
    report.outcome = "invalid";
    report.failure = failureOf(search, built);
  } else {
    report.cutOff = outcome === "paused" || outcome === "invalid" ? "time" : outcome;
  }
  task.search = undefined;
  return report;
}

function failureOf(search: LinSearch, built: Built): Failure {
  const { prefix, state, culprit } = search.deepest;
  const { call, ret, n } = built.problem;
  const need = built.machine.need(state, built.inputs[culprit]);
  const inPrefix = new Set(prefix);
  const concurrent: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j === culprit || inPrefix.has(j)) continue;
    if (call[j]! < ret[culprit]! && call[culprit]! < ret[j]!) concurrent.push(built.ids[j]!);
  }
  return {
    op: built.ids[culprit]!,
    prefix: [...prefix].map((i) => built.ids[i]!),
    state: built.machine.show(state),
    need: need ?? null,
    concurrent,
  };
}
