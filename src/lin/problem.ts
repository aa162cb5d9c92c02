/**
 * One object's ops as a task (`LinTask`: plain data, so that it can be searched on a worker
 * thread), and the task turned into a search `Problem`: the model's step inputs, event
 * positions (an op that may not have happened returns at +infinity: it may take effect at any
 * point after its invocation, or never), and the map back to history op ids.
 */
import { type History, Status } from "../history/model.js";
import { opF, opKey, valueKey } from "../history/vocabulary.js";
import type { LinOp, Machine, Model, Unreadable } from "./models/types.js";
import type { Part } from "./partition.js";
import type { Problem } from "./search.js";

/** An object to search, as plain data. */
export interface LinTask {
  /** Its place in the order objects are searched (smallest first). */
  index: number;
  model: string;
  keys: unknown[];
  /** The initial value of each key of `keys`, and of any other. */
  initials: unknown[];
  fallback: unknown;
  ops: LinOp[];
  /** History ids, invocation and completion positions (-1: never completed), and 1 for an op that may not have happened. */
  ids: Int32Array;
  inv: Int32Array;
  cmp: Int32Array;
  indeterminate: Uint8Array;
  /** Whether the model may prove it not linearizable without search (run.ts); default true. */
  refute?: boolean;
}

/**
 * An object to search, by its place in the order of search: its LinTask is made when a
 * search starts (on this thread, or to be sent to a worker), not held for every object at
 * once (an object's inputs cost about 60 bytes an op).
 */
export interface TaskSource {
  index: number;
  make(): LinTask;
}

export interface Built {
  problem: Problem;
  machine: Machine;
  inputs: unknown[];
  /** History op id of each searched op. */
  ids: Int32Array;
  /** Ops left out because they cannot matter (indeterminate reads). */
  dropped: number;
}

export interface NotBuilt {
  unreadable: UnreadableOp[];
}

/** An op the model cannot read, and why. */
export interface UnreadableOp {
  id: number;
  why: Unreadable;
}

export function taskOf(
  h: History,
  part: Part,
  model: Model,
  initial: (key: unknown) => unknown,
): LinTask {
  const n = part.ops.length;
  const task: LinTask = {
    index: 0,
    model: model.id,
    keys: part.keys,
    initials: part.keys.map(initial),
    fallback: initial(null),
    ops: [],
    ids: new Int32Array(part.ops),
    inv: new Int32Array(n),
    cmp: new Int32Array(n),
    indeterminate: new Uint8Array(n),
  };
  part.ops.forEach((id, i) => {
    const op: LinOp = { f: opF(h, id), key: opKey(h, id), value: h.value[id] };
    const txn = h.txns.get(id);
    if (txn !== undefined) op.txn = txn;
    task.ops.push(op);
    task.inv[i] = h.invPos[id]!;
    task.cmp[i] = h.cmpPos[id]!;
    task.indeterminate[i] = h.status[id] === Status.info || h.cmpPos[id]! < 0 ? 1 : 0;
  });
  return task;
}

/** The task's initial value of a key, as `taskOf` was given it. */
function initialOf(task: LinTask): (key: unknown) => unknown {
  const byKey = new Map(task.keys.map((k, i) => [valueKey(k ?? null), task.initials[i]]));
  return (key) => {
    const k = valueKey(key ?? null);
    return byKey.has(k) ? byKey.get(k) : task.fallback;
  };
}

/**
 * A model's machine as a search Problem. A class, not an object of closures: the search calls
 * `step` and `modelBytes` millions of times, and methods of one class are one call target
 * for V8 whatever the object, where a closure per object is a new one, and each new target
 * throws the search's compiled code away (deoptimises it) until the call site gives up on it.
 */
class MachineProblem implements Problem {
  readonly n: number;
  readonly call: Float64Array;
  readonly ret: Float64Array;
  readonly optional: Uint8Array;
  readonly readOnly: Uint8Array;
  readonly init: number;

  constructor(
    private readonly machine: Machine,
    private readonly inputs: unknown[],
  ) {
    const n = inputs.length;
    this.n = n;
    this.call = new Float64Array(n);
    this.ret = new Float64Array(n);
    this.optional = new Uint8Array(n);
    this.readOnly = new Uint8Array(n);
    this.init = machine.init;
  }

  step(state: number, i: number): number {
    return this.machine.step(state, this.inputs[i]);
  }

  modelBytes(): number {
    return this.machine.bytes?.() ?? 0;
  }
}

export function buildProblem(task: LinTask, model: Model): Built | NotBuilt {
  const machine = model.machine(task.keys, initialOf(task));
  const inputs: unknown[] = [];
  const at: number[] = [];
  const unreadable: UnreadableOp[] = [];
  task.ops.forEach((op, i) => {
    const input = machine.read(op, task.indeterminate[i] === 1);
    if (input === null) return;
    if (typeof input === "object" && "unreadable" in input) {
      unreadable.push({ id: task.ids[i]!, why: input as Unreadable });
    } else {
      inputs.push(input);
      at.push(i);
    }
  });
  if (unreadable.length > 0) return { unreadable };
  const n = at.length;
  const problem = new MachineProblem(machine, inputs);
  at.forEach((j, i) => {
    const indeterminate = task.indeterminate[j] === 1;
    problem.call[i] = task.inv[j]!;
    problem.ret[i] = indeterminate ? Number.POSITIVE_INFINITY : task.cmp[j]!;
    problem.optional[i] = indeterminate ? 1 : 0;
    problem.readOnly[i] = machine.readOnly?.(inputs[i]) ? 1 : 0;
  });
  // A loop: Int32Array.from with a mapping function was the costliest line of a small check.
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = task.ids[at[i]!]!;
  return { problem, machine, inputs, ids, dropped: task.ops.length - n };
}
