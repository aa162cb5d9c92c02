/**
 * Searching objects on `jobs` worker threads (lane.ts, pool.ts, worker.ts), with the rounds and
 * budgets of schedule.ts, so that each object comes to what it would come to on this thread
 * alone. Each idle lane takes the first object in (round, place) order that it may: one it
 * paused itself, or one nobody holds; failing that, it takes one a busy lane paused, which
 * starts again from nothing (the same search, later). A search that needs memory that others
 * hold pauses (`crowded`); then every paused search is let go, and it runs alone until it is
 * decided. With firstOnly, results are judged against the first failure in (round, place)
 * order once all is done, since lanes may find a later failure first.
 *
 * This thread is a lane too, but only until every worker is ready. While workers it had to
 * start boot, it searches (a small history is often done before they are up); workers started
 * before the search (booted while the history was read) it waits for, unless none is ready
 * after a while (100 ms). Once all are ready, it lets go of what it paused (those searches start
 * again on the workers, losing at most what it searched meanwhile) and only coordinates, asleep
 * between the workers' answers. A search on this thread beside the workers ran about 10% slower
 * than on a worker, and slowed them: this thread's isolate compiles and collects on V8's helper
 * threads, which then compete with the lanes for the cores (bench/RESULTS.md, "Parallel keys:
 * the coordinating thread steps aside"). While this thread's lane runs a slice, the search calls
 * back now and then (`poll`), and this thread answers its workers and gives the idle ones work.
 */

import { Lane, type Reply, type Request } from "./lane.js";
import { workers } from "./pool.js";
import type { TaskSource } from "./problem.js";
import type { TaskResult } from "./run.js";
import { type Cutoff, type Decided, roundSteps, type Schedule } from "./schedule.js";

/** This thread's lane. */
const HERE = 0;
/** The lane that starts the largest objects (see Coordinator.largest). */
const LONG = 1;

/**
 * What an idle worker may take: `balanced`, an object it paused, or one nobody holds unless it
 * holds more than another worker; `any`, also the latter; `steal`, also one that a busy
 * worker paused (it starts again from nothing).
 */
type Pick = "balanced" | "any" | "steal";

interface Entry {
  task: TaskSource;
  round: number;
  /** The worker that holds its paused search, or -1. */
  holder: number;
}

export function searchOnWorkers(
  tasks: TaskSource[],
  firstRound: number,
  jobs: number,
  schedule: Schedule,
  cutoff: Cutoff,
  done: (task: TaskSource, decided: Decided) => void,
): void {
  const queue = tasks.map((task) => ({ task, round: firstRound, holder: -1 }));
  new Coordinator(queue, jobs, schedule, cutoff, done).run();
}

class Coordinator {
  private readonly pool;
  private readonly local: Lane;
  /** A slice this thread's lane is to run next. */
  private slice: Request | undefined;
  /**
   * What this thread's lane is asked while it runs a slice, kept until the slice ends, as a
   * worker's messages wait: a drop-all must find the search that just paused among those to
   * let go, or a search waiting to run alone never gets its memory.
   */
  private readonly later: Request[] = [];
  private running = false;
  /** What this thread's lane answered, not yet handled. */
  private readonly answers: Reply[] = [];
  private readonly busy: (Entry | undefined)[];
  private readonly finished: { entry: Entry; result: TaskResult }[] = [];
  /** A search that needs every byte of the limit, and the workers yet to let go of theirs. */
  private alone: Entry | undefined;
  private acks = 0;
  private readonly deadline: number;
  /** Lanes: this thread's (0) and the workers' (1 to jobs). */
  private readonly lanes: number;
  /** This thread no longer searches, or never did (see the top of this file). */
  private aside: boolean;

  constructor(
    /** Objects to search, and paused searches to go on with, in (round, place) order. */
    private readonly queue: Entry[],
    private readonly jobs: number,
    private readonly schedule: Schedule,
    private readonly cutoff: Cutoff,
    private readonly done: (task: TaskSource, decided: Decided) => void,
  ) {
    // Workers started before the search (booted while the history was read, or left from an
    // earlier check) are ready about as soon as this thread could start: it leaves it to them.
    this.aside = workers(0).size >= jobs;
    this.pool = workers(jobs);
    this.lanes = jobs + 1;
    this.local = new Lane(
      HERE,
      this.pool.shared,
      (reply) => this.answers.push(reply),
      () => this.poll(),
    );
    this.busy = new Array<Entry | undefined>(this.lanes).fill(undefined);
    this.deadline = performance.timeOrigin + schedule.deadline;
  }

  run(): void {
    while (this.pending()) {
      // Workers' messages first, "ready" among them: a worker that booted while this thread
      // read the history gets its work now, not at this lane's first poll, some 16k steps of
      // cold code later.
      this.answered();
      for (const { from, message } of this.pool.drain()) this.handle(from, message as Reply);
      this.dispatch();
      const slice = this.slice;
      if (slice !== undefined) {
        this.slice = undefined;
        this.running = true;
        this.local.take(slice);
        this.running = false;
        for (let r = this.later.shift(); r !== undefined; r = this.later.shift())
          this.local.take(r);
        this.answered();
      } else if (this.pending()) {
        // Only while something is left: the messages read above may have settled the last of it.
        for (const { from, message } of this.pool.receive(100)) this.handle(from, message as Reply);
        // No worker ready after all that time (a loaded machine, or one that cannot boot):
        // this thread searches meanwhile, rather than leave the work waiting.
        if (this.aside && this.readyWorkers() === 0) this.aside = false;
      }
      this.tick();
    }
    for (const { entry, result } of this.finished) {
      const counts = this.cutoff.counts(entry.round, entry.task.index);
      this.done(entry.task, counts ? { result } : { cut: "skipped" });
    }
  }

  /** Whether an object is left to search, or a lane's answer to wait for. */
  private pending(): boolean {
    return this.queue.length > 0 || this.busy.some((e) => e !== undefined);
  }

  /** While this thread's lane searches: the workers' answers, and work for the idle ones. */
  private poll(): void {
    this.answered();
    for (const { from, message } of this.pool.drain()) this.handle(from, message as Reply);
    this.dispatch();
    this.tick();
  }

  /** Handles what this thread's lane answered. */
  private answered(): void {
    for (let a = this.answers.shift(); a !== undefined; a = this.answers.shift()) {
      this.handle(HERE, a);
    }
  }

  private tick(): void {
    let steps = 0;
    for (let i = 0; i < this.lanes; i++) steps += this.pool.shared.steps[i]!;
    this.schedule.tick?.(steps);
  }

  /** Asks lane `w`: this thread's lane runs a slice when this thread is free, the rest at once. */
  private post(w: number, request: Request): void {
    if (w !== HERE) this.pool.send(w, request);
    else if (request.type === "slice") this.slice = request;
    else if (this.running) this.later.push(request);
    else this.local.take(request);
  }

  private dispatch(): void {
    if (performance.now() >= this.schedule.deadline) {
      for (const e of this.queue.splice(0)) this.done(e.task, { cut: "time" });
      return;
    }
    if (!this.aside) this.staff();
    if (this.aside) for (const e of this.queue) if (e.holder === HERE) this.letGo(e);
    if (this.alone !== undefined) {
      this.dispatchAlone(this.alone);
      return;
    }
    for (const mode of ["balanced", "any", "steal"] as const) {
      for (let w = 0; w < this.lanes; w++) if (this.idle(w)) this.pick(w, mode);
    }
  }

  /**
   * Once every worker is ready, this thread stops searching: the searches it paused are let go
   * (they start again on the workers), and so is the one it is running, when it pauses.
   */
  private staff(): void {
    if (this.readyWorkers() === this.jobs) this.aside = true;
  }

  private readyWorkers(): number {
    let n = 0;
    for (let w = 1; w <= this.jobs; w++) if (this.pool.ready(w)) n++;
    return n;
  }

  /** Whether lane `w` may be given work: not busy, and booted; this thread's, until aside. */
  private idle(w: number): boolean {
    return this.busy[w] === undefined && (w === HERE ? !this.aside : this.pool.ready(w));
  }

  /** The first object worker `w` may take in `mode` (see Pick). */
  private pick(w: number, mode: Pick): void {
    // A worker keeps the searches it paused, so whoever starts more objects ends up with more
    // work: one that holds more than another (it was ready first) resumes its own before it
    // starts a new one. Equal objects so split evenly between the workers.
    const held = this.held();
    const least = Math.min(...held.filter((_, lane) => lane !== HERE || !this.aside));
    const more = mode === "balanced" && held[w]! > least;
    for (let i = 0; i < this.queue.length; i++) {
      const e = this.queue[i]!;
      if (!this.cutoff.counts(e.round, e.task.index)) {
        this.queue.splice(i--, 1);
        this.letGo(e);
        this.done(e.task, { cut: "skipped" });
        continue;
      }
      if (e.holder === -1 ? more : e.holder !== w && !this.stealable(e, mode)) continue;
      // With firstOnly, in order: an object's failure skips the ones after it.
      const largest = w === LONG && e.holder === -1 && !this.schedule.firstOnly;
      const at = largest ? this.largest(i) : i;
      this.send(w, this.queue.splice(at, 1)[0]!, false);
      return;
    }
  }

  /**
   * Of the objects nobody holds in the round of queue entry `i` (objects come smallest first),
   * the last: the first worker starts the largest, the longest search most likely, and the
   * other lanes the small ones, so that the longest is not left to start last. This thread,
   * whose searches end when the workers are ready, takes the small ones, most likely decided
   * by then. Who searches what changes no result, only how soon.
   */
  private largest(i: number): number {
    const round = this.queue[i]!.round;
    let at = i;
    for (let j = i + 1; j < this.queue.length; j++) {
      const e = this.queue[j]!;
      if (e.round !== round) break;
      if (e.holder === -1 && this.cutoff.counts(e.round, e.task.index)) at = j;
    }
    return at;
  }

  /**
   * Whether an idle lane may take `e` from the busy lane that paused it. It starts again from
   * nothing, so it pays only when little is lost (one round at most), or when its holder has
   * another paused search to go on with after the one running: otherwise the holder would
   * resume it sooner than the thief would catch up with it.
   */
  private stealable(e: Entry, mode: Pick): boolean {
    if (mode !== "steal" || this.busy[e.holder] === undefined) return false;
    if (e.round <= 1) return true;
    let waiting = 0;
    for (const x of this.queue) if (x.holder === e.holder) waiting++;
    return waiting >= 2;
  }

  /** Objects each lane holds: paused by it, or running on it. */
  private held(): number[] {
    const n = new Array<number>(this.lanes).fill(0);
    for (const e of this.queue) if (e.holder !== -1) n[e.holder]!++;
    for (const e of this.busy) if (e !== undefined && e.holder !== -1) n[e.holder]!++;
    return n;
  }

  private dispatchAlone(e: Entry): void {
    if (this.acks > 0 || this.busy.some((b) => b !== undefined)) return;
    const w = e.holder !== -1 ? e.holder : this.aside ? 1 : HERE;
    this.queue.splice(this.queue.indexOf(e), 1);
    this.send(w, e, true);
  }

  private send(w: number, e: Entry, alone: boolean): void {
    if (e.holder !== -1 && e.holder !== w) this.letGo(e);
    const request: Request = {
      type: "slice",
      index: e.task.index,
      steps: alone ? Number.POSITIVE_INFINITY : roundSteps(e.round, this.schedule.firstRound),
      deadline: this.deadline,
      limit: this.schedule.limit,
      alone,
    };
    if (e.holder !== w) request.task = e.task.make();
    e.holder = w;
    this.busy[w] = e;
    this.post(w, request);
  }

  private letGo(e: Entry): void {
    if (e.holder !== -1) this.post(e.holder, { type: "drop", index: e.task.index });
    e.holder = -1;
  }

  private handle(from: number, reply: Reply): void {
    if (reply.type === "dropped") {
      for (const index of reply.indices) {
        const e = this.find(index);
        if (e !== undefined && e.holder === from && this.busy[from] !== e) e.holder = -1;
      }
      if (reply.all && this.alone !== undefined && this.acks > 0) this.acks--;
      return;
    }
    const e = this.busy[from]!;
    this.busy[from] = undefined;
    this.settle(e, reply.result);
  }

  private settle(e: Entry, result: TaskResult): void {
    const { outcome } = result;
    if (outcome === "paused" || outcome === "crowded") {
      if (outcome === "paused") e.round++;
      else if (this.alone === undefined) this.askAlone(e);
      this.enqueue(e);
      return;
    }
    if (this.alone === e) this.alone = undefined;
    e.holder = -1;
    if (outcome === "time") this.done(e.task, { cut: "time" });
    else if (!this.schedule.firstOnly) this.done(e.task, { result });
    else {
      if (outcome === "invalid") this.cutoff.found(e.round, e.task.index);
      this.finished.push({ entry: e, result });
    }
  }

  /** Every other worker lets go of its paused searches before `e` runs alone. */
  private askAlone(e: Entry): void {
    this.alone = e;
    this.acks = 0;
    for (let w = 0; w < this.lanes; w++) {
      if (w === e.holder) continue;
      this.acks++;
      this.post(w, { type: "drop-all" });
    }
  }

  private enqueue(e: Entry): void {
    const after = (x: Entry) =>
      x.round > e.round || (x.round === e.round && x.task.index > e.task.index);
    const at = this.queue.findIndex(after);
    this.queue.splice(at < 0 ? this.queue.length : at, 0, e);
  }

  private find(index: number): Entry | undefined {
    return (
      this.queue.find((e) => e.task.index === index) ??
      this.busy.find((e) => e?.task.index === index)
    );
  }
}
