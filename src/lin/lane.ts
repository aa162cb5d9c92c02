/**
 * One lane of the parallel linearizability search (parallel.ts): a thread that runs one slice
 * of one object's search at a time, as the coordinating thread asks, and keeps the searches it
 * paused. A worker thread is a lane (worker.ts); so is the coordinating thread itself while
 * workers it started for the search boot (see parallel.ts).
 *
 * Before a search holds more memory, its lane looks at what the other lanes hold (shared
 * memory, in KiB), lets its own paused searches go if the limit needs it, and pauses the
 * running one (`crowded`) if that is not enough.
 */
import type { LinTask } from "./problem.js";
import { released, releaseNow } from "./release.js";
import { type TaskResult, TaskRun } from "./run.js";

/** What the coordinating thread asks of a lane. */
export type Request =
  | {
      type: "slice";
      /** The task, unless this lane holds its paused search. */
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

/** What a lane answers: a slice's result, or the searches it let go. */
export type Reply =
  | { type: "result"; result: TaskResult }
  /** `all`: in answer to drop-all. */
  | { type: "dropped"; indices: number[]; all?: boolean };

/** Memory shared by the lanes: what each lane's searches hold, and the steps of the one running. */
export interface LaneMemory {
  /** KiB held by each lane's searches. */
  held: Int32Array;
  /** Steps of the search each lane is running. */
  steps: Float64Array;
}

export class Lane {
  /** The searches this lane paused, by task index (not the one running). */
  private readonly paused = new Map<number, TaskRun>();

  /**
   * @param reply where the lane's answers go (a port, or the coordinator itself).
   * @param poll called now and then while a slice runs (the coordinating thread's chance to
   *   answer its workers).
   */
  constructor(
    private readonly id: number,
    private readonly memory: LaneMemory,
    private readonly reply: (r: Reply) => void,
    private readonly poll?: () => void,
  ) {}

  /** Does what `r` asks; a slice's result goes to `reply`. */
  take(r: Request): void {
    if (r.type === "slice") this.slice(r);
    else if (r.type === "drop") {
      const held = this.paused.get(r.index)?.bytes ?? 0;
      this.paused.delete(r.index);
      this.publish(this.pausedBytes());
      released(held);
    } else {
      const indices = [...this.paused.keys()];
      const held = this.pausedBytes();
      this.paused.clear();
      this.publish(0);
      if (held > 0) releaseNow();
      this.reply({ type: "dropped", indices, all: true });
    }
  }

  private slice(r: Extract<Request, { type: "slice" }>): void {
    const { result, ended } = this.search(r);
    this.memory.steps[this.id] = 0;
    // The search that ended is out of reach now that search() returned: its memory can go.
    released(ended);
    this.reply({ type: "result", result });
  }

  /** Runs the slice; `ended`: the bytes of a search that ended (0 when it paused). */
  private search(r: Extract<Request, { type: "slice" }>): { result: TaskResult; ended: number } {
    const run = this.paused.get(r.index) ?? new TaskRun(r.task!);
    this.paused.delete(r.index);
    if (r.alone) this.letGo(() => true);
    const { memory, id, poll } = this;
    const outcome = run.slice(
      {
        steps: r.steps,
        deadline: r.deadline - performance.timeOrigin,
        limit: r.limit,
        grow: (bytes) => this.grow(bytes, r.limit, r.alone),
      },
      () => {
        memory.steps[id] = run.search.steps;
        poll?.();
      },
    );
    const kept = outcome === "paused" || outcome === "crowded";
    if (kept) this.paused.set(r.index, run);
    this.publish(this.pausedBytes());
    return { result: run.result(outcome), ended: kept ? 0 : run.bytes };
  }

  private pausedBytes(): number {
    let bytes = 0;
    for (const run of this.paused.values()) bytes += run.bytes;
    return bytes;
  }

  private publish(bytes: number): void {
    Atomics.store(this.memory.held, this.id, Math.ceil(bytes / 1024));
  }

  private othersHold(): number {
    const { held } = this.memory;
    let kib = 0;
    for (let i = 0; i < held.length; i++) if (i !== this.id) kib += Atomics.load(held, i);
    return kib * 1024;
  }

  /** Lets paused searches go, largest first, while `over(bytes they still hold)`; tells which. */
  private letGo(over: (held: number) => boolean): number {
    const largest = [...this.paused.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
    let held = this.pausedBytes();
    const indices: number[] = [];
    for (const [index, run] of largest) {
      if (!over(held)) break;
      held -= run.bytes;
      this.paused.delete(index);
      indices.push(index);
    }
    if (indices.length > 0) {
      largest.length = 0;
      releaseNow();
      this.reply({ type: "dropped", indices });
    }
    return held;
  }

  /**
   * Whether the running search may hold `bytes`, beside this lane's paused ones and the others'.
   * A search running alone runs after every other lane let go of its searches, and may have the
   * whole limit whatever they last published: it is never `crowded`, so it cannot come back to
   * ask again and again.
   */
  private grow(bytes: number, limit: number, alone: boolean): boolean {
    const others = alone ? 0 : this.othersHold();
    const held = this.letGo((h) => bytes + h + others > limit);
    this.publish(bytes + held);
    return bytes + held + others <= limit;
  }
}
