/**
 * Linearizability of a whole history (Herlihy & Wing 1990): split it into independent
 * objects (partition.ts), search each one (search.ts), and report per object. Objects are
 * searched smallest first, in rounds of steps (schedule.ts), on this thread or, with `jobs`
 * above 1, on worker threads (pool.ts); either way the same objects are decided the same way,
 * and results are listed in the objects' order, so the report does not depend on how many
 * threads ran it or how loaded the machine was (short of the deadline).
 */
import type { History } from "../history/model.js";
import { valueKey } from "../history/vocabulary.js";
import type { Model } from "./models/types.js";
import { searchOnWorkers } from "./parallel.js";
import { partitionOps, selectOps } from "./partition.js";
import { workers } from "./pool.js";
import { buildProblem, type TaskSource, taskOf, type UnreadableOp } from "./problem.js";
import type { Failure } from "./run.js";
import {
  Cutoff,
  type Decided,
  FIRST_ROUND_STEPS,
  type Schedule,
  searchRounds,
} from "./schedule.js";

/**
 * Files of at least this many bytes boot the search's workers before they are read (`prepare`):
 * a worker takes about 30 ms of another core to boot, about as long as reading 128 KiB of
 * history takes this one, so its boot is hidden; booted once the search has begun, it competes
 * with the search's own start (its code being compiled) and comes late (bench/RESULTS.md,
 * "Parallel keys"). A smaller file is checked without workers or is over before they would help.
 */
export const BOOT_WORKERS_BYTES = 128 * 1024;

/** Before a history of `bytes` is read: boots the `jobs` workers the search will need, if it is large. */
export function prepareSearch(jobs: number, bytes: number): void {
  if (jobs > 1 && bytes >= BOOT_WORKERS_BYTES) workers(jobs);
}

export type { Failure } from "./run.js";

export const DEFAULT_TIME_LIMIT_MS = 60_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;
/**
 * With `jobs` lanes and at most this many objects a lane, every round is searched on the lanes,
 * the first included; with more, the first round runs on this thread alone.
 */
export const EAGER_TASKS_PER_LANE = 8;

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
  /** Threads to search on (default 1: this one). */
  jobs?: number;
  /**
   * Ask the model for a proof without search (a stale kv get) when an object's first round of
   * search does not decide it (default true; false: search only, as Porcupine does).
   */
  refute?: boolean;
  /** Steps of the first round of the schedule (schedule.ts); each round doubles it. */
  firstRoundSteps?: number;
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

export function checkLinearizability(h: History, options: LinOptions): LinReport {
  const start = performance.now();
  const { model } = options;
  const selection = selectOps(h);
  const split = partitionOps(h, selection.ops, model, options.split ?? true);
  const base = { model: model.id, failed: selection.failed, ignored: selection.ignored };
  if (split.unreadable.length > 0) {
    return { ...base, objects: [], unreadable: split.unreadable, ms: performance.now() - start };
  }
  const initial = initialOf(model, options);
  const objects: ObjectReport[] = [];
  const tasks: { task: TaskSource; n: number; first: number; report: ObjectReport }[] = [];
  for (const part of split.parts) {
    const report = emptyReport(part.keys, part.ops.length);
    objects.push(report);
    if (options.undecidable && part.keys.some((k) => options.undecidable!.has(valueKey(k)))) {
      Object.assign(report, { outcome: "unknown", cutOff: "initial" });
      continue;
    }
    const task = taskOf(h, part, model, initial);
    const built = buildProblem(task, model);
    if ("unreadable" in built) {
      Object.assign(report, {
        outcome: "unknown",
        cutOff: "unreadable",
        unreadable: built.unreadable,
      });
    } else {
      Object.assign(report, { ops: built.problem.n, dropped: built.dropped });
      // Only its size is kept (for the order of search); it is made again when searched.
      const source: TaskSource = {
        index: 0,
        make: () =>
          Object.assign(taskOf(h, part, model, initial), {
            index: source.index,
            refute: options.refute !== false,
          }),
      };
      tasks.push({ task: source, n: built.problem.n, first: task.ids[0]!, report });
    }
  }
  tasks.sort((a, b) => a.n - b.n || a.first - b.first);
  tasks.forEach((t, i) => {
    t.task.index = i;
  });
  const deadline = start + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  searchAll(
    tasks.map((t) => t.task),
    deadline,
    options,
    (task, decided) => fill(tasks[task.index]!.report, decided),
  );
  return { ...base, objects, unreadable: [], ms: performance.now() - start };
}

function initialOf(model: Model, options: LinOptions): (key: unknown) => unknown {
  return (key) =>
    options.initial !== undefined
      ? options.initial
      : options.initials?.has(valueKey(key))
        ? options.initials.get(valueKey(key))
        : model.defaultInitial;
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

function searchAll(
  tasks: TaskSource[],
  deadline: number,
  options: LinOptions,
  done: (task: TaskSource, decided: Decided) => void,
): void {
  const progress = progressOf(tasks.length, options.onProgress);
  const schedule: Schedule = {
    deadline,
    limit: (options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 2 ** 20,
    firstOnly: options.firstOnly === true,
    firstRound: options.firstRoundSteps ?? FIRST_ROUND_STEPS,
    tick: progress.tick,
  };
  const cutoff = new Cutoff();
  const decided = (task: TaskSource, d: Decided) => {
    done(task, d);
    progress.finished(d.result?.steps ?? 0);
  };
  const jobs = options.jobs ?? 1;
  if (jobs > 1 && tasks.length > 1 && tasks.length <= EAGER_TASKS_PER_LANE * jobs) {
    // Few objects: each may be long, and on lanes from the start the workers take their share
    // of the first round too.
    searchOnWorkers(tasks, 0, jobs, schedule, cutoff, decided);
    return;
  }
  // Many objects: the first round here, where most need no more (no message per object).
  // Workers boot meanwhile, on other cores, in case some do.
  if (jobs > 1 && tasks.length > 1) workers(jobs);
  const rest = searchRounds(
    tasks,
    schedule,
    cutoff,
    decided,
    (_, undecided) => jobs > 1 && undecided > 1,
  );
  if (rest.undecided.length > 0) {
    searchOnWorkers(rest.undecided, rest.round, jobs, schedule, cutoff, decided);
  }
}

/** Counts decided objects and steps incrementally, so that a tick costs O(1) however many objects there are. */
function progressOf(total: number, onProgress: LinOptions["onProgress"]) {
  let decided = 0;
  let steps = 0;
  const tell = (count: number) =>
    onProgress?.({
      what: "searching",
      done: decided,
      total,
      unit: "objects",
      work: { count, unit: "steps" },
    });
  return {
    tick(running: number) {
      tell(steps + running);
    },
    finished(taskSteps: number) {
      decided++;
      steps += taskSteps;
      tell(steps);
    },
  };
}

function fill(report: ObjectReport, decided: Decided): void {
  const { result } = decided;
  if (result === undefined) {
    report.cutOff = decided.cut;
    return;
  }
  report.steps = result.steps;
  report.configurations = result.configurations;
  report.cacheBytes = result.cacheBytes;
  if (result.outcome === "valid") {
    report.outcome = "valid";
    report.order = result.order ?? [];
  } else if (result.outcome === "invalid") {
    report.outcome = "invalid";
    report.failure = result.failure;
  } else report.cutOff = "memory";
}
