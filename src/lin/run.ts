/**
 * One object's search as a task: built from its LinTask on whichever thread runs it, run
 * slice by slice under a Budget, and its result as plain data (history op ids, the state as
 * a value), so that a worker thread can send it back.
 */
import { findModel } from "./models/index.js";
import type { Need } from "./models/types.js";
import { type Built, buildProblem, type LinTask } from "./problem.js";
import { type Budget, LinSearch, type Outcome } from "./search.js";

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

/** What a run of a task came to, as plain data. */
export interface TaskResult {
  index: number;
  outcome: Outcome;
  steps: number;
  configurations: number;
  /** Bytes the cache held at the end. */
  cacheBytes: number;
  /** A linearization (history ids) when valid. */
  order?: number[];
  failure?: Failure;
}

export class TaskRun {
  readonly built: Built;
  readonly search: LinSearch;

  constructor(readonly task: LinTask) {
    const model = findModel(task.model);
    if (model === undefined) throw new Error(`no model ${task.model}`);
    const built = buildProblem(task, model);
    if ("unreadable" in built) throw new Error(`task ${task.index}: unreadable ops`);
    this.built = built;
    this.search = new LinSearch(built.problem);
  }

  /** Bytes held by the search's cache and its model. */
  get bytes(): number {
    return this.search.bytes;
  }

  slice(budget: Budget, tick?: () => void): Outcome {
    return this.search.run(budget, tick);
  }

  result(outcome: Outcome): TaskResult {
    const { search, built } = this;
    const result: TaskResult = {
      index: this.task.index,
      outcome,
      steps: search.steps,
      configurations: search.cache.size,
      cacheBytes: search.cache.bytes,
    };
    if (outcome === "valid") result.order = [...search.order()].map((i) => built.ids[i]!);
    if (outcome === "invalid") result.failure = failureOf(search, built);
    return result;
  }
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
