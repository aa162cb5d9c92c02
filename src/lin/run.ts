/**
 * One object's search as a task: built from its LinTask on whichever thread runs it, run
 * slice by slice under a Budget, and its result as plain data (history op ids, the state as
 * a value), so that a worker thread can send it back.
 */
import { findModel } from "./models/index.js";
import type { Need, Refutation } from "./models/types.js";
import { type Built, buildProblem, type LinTask } from "./problem.js";
import { releaseLimit } from "./release.js";
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
  /**
   * Present when the op is a stale read, proven without the search (the prefix is then empty):
   * the write that completed before it began, and every write its value could be built from,
   * all completed before that write began (history ids).
   */
  stale?: { write: number; sources: number[] };
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
  /** The model's proof that no order works, once asked: null when it found none. */
  private refutation?: Refutation | null;

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

  /**
   * Searches on; when a slice ends undecided (the object is not an easy one), asks the model
   * once for a proof that needs no search (stale-read.ts), so that an object whose search
   * would run out of its budget can still be decided. Objects decided by their first slice
   * keep the search's own account.
   */
  slice(budget: Budget, tick?: () => void): Outcome {
    releaseLimit(budget.limit);
    const outcome = this.search.run(budget, tick);
    if (outcome === "valid" || outcome === "invalid") return outcome;
    return this.refuted() ? "invalid" : outcome;
  }

  private refuted(): boolean {
    if (this.task.refute === false) return false;
    if (this.refutation === undefined) {
      const { machine, inputs, problem } = this.built;
      this.refutation = machine.refute?.(inputs, problem.call, problem.ret) ?? null;
    }
    return this.refutation !== null;
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
    if (outcome === "invalid") {
      result.failure = this.refutation
        ? staleFailure(this.refutation, built)
        : failureOf(search, built);
    }
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

function staleFailure(r: Refutation, built: Built): Failure {
  const { machine, inputs, problem, ids } = built;
  return {
    op: ids[r.read]!,
    prefix: [],
    state: machine.show(problem.init),
    need: machine.need(problem.init, inputs[r.read]) ?? null,
    concurrent: [],
    stale: { write: ids[r.write]!, sources: r.sources.map((i) => ids[i]!) },
  };
}
