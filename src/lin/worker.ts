/**
 * A worker thread of the linearizability search (see pool.ts and parallel.ts). It keeps the
 * searches it paused, runs one slice at a time as the coordinating thread asks, and answers
 * each with a message; before it holds more memory it looks at what the other workers hold
 * (shared memory), lets its own paused searches go if the limit needs it, and pauses the
 * running one (`crowded`) if that is not enough.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import type { Shared } from "./pool.js";
import type { LinTask } from "./problem.js";
import { type TaskResult, TaskRun } from "./run.js";

/** What the coordinating thread asks. */
export type Request =
  | {
      type: "slice";
      /** The task, unless this worker holds its paused search. */
      task?: LinTask;
      index: number;
      steps: number;
      /** The deadline as milliseconds since the epoch (each thread has its own performance clock). */
      deadline: number;
      limit: number;
      /** Let every other search go first: it needs the whole limit. */
      alone: boolean;
    }
  | { type: "drop"; index: number }
  | { type: "drop-all" };

/** What a worker answers: a slice's result, or the searches it let go. */
export type Reply =
  | { type: "result"; result: TaskResult }
  /** `all`: in answer to drop-all. */
  | { type: "dropped"; indices: number[]; all?: boolean };

interface Data extends Shared {
  id: number;
  port: MessagePort;
}

const data = workerData as Data;
/** The searches this worker paused, by task index (not the one running). */
const paused = new Map<number, TaskRun>();

function post(reply: Reply): void {
  data.port.postMessage(reply);
  Atomics.add(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
}

function pausedBytes(): number {
  let bytes = 0;
  for (const run of paused.values()) bytes += run.bytes;
  return bytes;
}

function publish(bytes: number): void {
  Atomics.store(data.held, data.id, Math.ceil(bytes / 1024));
}

function othersHold(): number {
  let kib = 0;
  for (let i = 0; i < data.held.length; i++) if (i !== data.id) kib += Atomics.load(data.held, i);
  return kib * 1024;
}

/** Lets paused searches go, largest first, while `over(bytes they still hold)`; tells which. */
function letGo(over: (held: number) => boolean): number {
  const largest = [...paused.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
  let held = pausedBytes();
  const indices: number[] = [];
  for (const [index, run] of largest) {
    if (!over(held)) break;
    held -= run.bytes;
    paused.delete(index);
    indices.push(index);
  }
  if (indices.length > 0) post({ type: "dropped", indices });
  return held;
}

/** Whether the running search may hold `bytes`, beside this worker's paused ones and the others'. */
function grow(bytes: number, limit: number): boolean {
  const others = othersHold();
  const held = letGo((h) => bytes + h + others > limit);
  publish(bytes + held);
  return bytes + held + others <= limit;
}

function slice(r: Extract<Request, { type: "slice" }>): void {
  const run = paused.get(r.index) ?? new TaskRun(r.task!);
  paused.delete(r.index);
  if (r.alone) letGo(() => true);
  const outcome = run.slice(
    {
      steps: r.steps,
      deadline: r.deadline - performance.timeOrigin,
      limit: r.limit,
      grow: (bytes) => grow(bytes, r.limit),
    },
    () => {
      data.steps[data.id] = run.search.steps;
    },
  );
  if (outcome === "paused" || outcome === "crowded") paused.set(r.index, run);
  publish(pausedBytes());
  data.steps[data.id] = 0;
  post({ type: "result", result: run.result(outcome) });
}

data.port.on("message", (r: Request) => {
  if (r.type === "slice") slice(r);
  else if (r.type === "drop") {
    paused.delete(r.index);
    publish(pausedBytes());
  } else {
    const indices = [...paused.keys()];
    paused.clear();
    publish(0);
    post({ type: "dropped", indices, all: true });
  }
});
