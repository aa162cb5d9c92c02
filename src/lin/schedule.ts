/**
 * The order in which objects are searched, the same whoever runs them (this thread or worker
 * threads) and however loaded the machine is. Objects are searched smallest first, in rounds:
 * by the end of round r an undecided object has tried at most `roundSteps(r)` steps of its
 * model, then it pauses, keeping its search, until its turn in the next round. So one hard
 * object cannot starve the easy ones, and since a search is counted in steps, where it pauses
 * and which object runs out of what never depend on the clock.
 *
 * Memory is the search's own: an object whose cache and model states would pass the memory
 * limit is undecided (`memory`), however many others run. The searches held at once share the
 * same limit: a search that needs memory that paused searches hold makes them let it go (they
 * start again from nothing when their turn comes, which changes what they find in no way, only
 * when), and then runs on until it is decided. Only the global deadline depends on the clock.
 *
 * With `firstOnly`, objects decided after the first one found not linearizable, in the order
 * (round, place), are skipped, whatever order the work was really done in.
 */
import type { TaskSource } from "./problem.js";
import { released, releaseNow } from "./release.js";
import { type TaskResult, TaskRun } from "./run.js";
import type { Budget } from "./search.js";

/** Steps of the first round, by default; each round doubles it. */
export const FIRST_ROUND_STEPS = 1 << 16;

/** Steps an object may have tried, in all, by the end of round `r`. */
export function roundSteps(r: number, first = FIRST_ROUND_STEPS): number {
  return first * (2 ** (r + 1) - 1);
}

export interface Schedule {
  /** performance.now() at which every search stops. */
  deadline: number;
  /** Bytes each search may hold, and all searches together. */
  limit: number;
  firstOnly: boolean;
  /** Steps of the first round. */
  firstRound: number;
  /** Told the steps tried so far by the search running, now and then. */
  tick?(running: number): void;
}

/** What became of an object: its last run's result, or why it was not searched to the end. */
export interface Decided {
  result?: TaskResult;
  cut?: "time" | "skipped";
}

/** The first object found not linearizable, as (round, place): with firstOnly, later ones are skipped. */
export class Cutoff {
  round = Number.POSITIVE_INFINITY;
  index = Number.POSITIVE_INFINITY;

  /** Whether a result of round `round` for object `index` still counts: not if it comes after the first failure. */
  counts(round: number, index: number): boolean {
    return round < this.round || (round === this.round && index <= this.index);
  }

  found(round: number, index: number): void {
    if (this.counts(round, index)) {
      this.round = round;
      this.index = index;
    }
  }
}

interface Slot {
  task: TaskSource;
  run?: TaskRun;
  /** Bytes its paused search holds (0 when not paused or let go). */
  paused: number;
  /** Keep searching until decided: it needed memory that others held. */
  sticky?: boolean;
}

/**
 * Searches `tasks` (in their order) on this thread; calls `done` for each object decided.
 * After each round, `handOff(round, undecided)` may stop the search: then the undecided tasks
 * are returned, and the next round is theirs to search elsewhere, from nothing (their paused
 * searches stay here, and are let go).
 */
export function searchRounds(
  tasks: TaskSource[],
  schedule: Schedule,
  cutoff: Cutoff,
  done: (task: TaskSource, decided: Decided) => void,
  handOff: (round: number, undecided: number) => boolean = () => false,
): { round: number; undecided: TaskSource[] } {
  const rounds = new Rounds(tasks, schedule, cutoff);
  for (let round = 0; rounds.pending.length > 0; round++) {
    rounds.play(round, done);
    if (rounds.pending.length > 0 && handOff(round, rounds.pending.length)) {
      rounds.letGo();
      return { round: round + 1, undecided: rounds.pending.map((s) => s.task) };
    }
  }
  return { round: 0, undecided: [] };
}

class Rounds {
  pending: Slot[];
  /** Bytes held by paused searches, in all. */
  private held = 0;

  constructor(
    tasks: TaskSource[],
    private readonly schedule: Schedule,
    private readonly cutoff: Cutoff,
  ) {
    this.pending = tasks.map((task) => ({ task, paused: 0 }));
  }

  play(round: number, done: (task: TaskSource, decided: Decided) => void): void {
    const next: Slot[] = [];
    for (const slot of this.pending) {
      this.held -= slot.paused;
      slot.paused = 0;
      const decided = this.turn(slot, round);
      if (decided !== undefined) {
        const held = slot.run?.bytes ?? 0;
        slot.run = undefined;
        released(held);
        done(slot.task, decided);
        continue;
      }
      slot.paused = slot.run?.bytes ?? 0;
      this.held += slot.paused;
      next.push(slot);
    }
    this.pending = next;
  }

  /** Lets every paused search go: their objects are searched elsewhere. */
  letGo(): void {
    for (const slot of this.pending) {
      slot.run = undefined;
      slot.paused = 0;
    }
    released(this.held);
    this.held = 0;
  }

  /** One slot's turn in a round: what it came to, or undefined when it paused. */
  private turn(slot: Slot, round: number): Decided | undefined {
    const { schedule, cutoff } = this;
    if (!cutoff.counts(round, slot.task.index)) return { cut: "skipped" };
    if (performance.now() >= schedule.deadline) return { cut: "time" };
    slot.run ??= new TaskRun(slot.task.make());
    const run = slot.run;
    const budget: Budget = {
      steps: slot.sticky ? Number.POSITIVE_INFINITY : roundSteps(round, schedule.firstRound),
      deadline: schedule.deadline,
      limit: schedule.limit,
      grow: (bytes) => this.makeRoom(slot, bytes),
    };
    const outcome = run.slice(budget, () => schedule.tick?.(run.search.steps));
    if (outcome === "paused") return undefined;
    if (outcome === "time") return { cut: "time" };
    if (outcome === "invalid" && schedule.firstOnly) cutoff.found(round, slot.task.index);
    return { result: run.result(outcome) };
  }

  /** Lets paused searches go, largest first, until `bytes` fit beside the rest. */
  private makeRoom(slot: Slot, bytes: number): boolean {
    if (bytes + this.held <= this.schedule.limit) return true;
    const paused = this.pending.filter((s) => s.paused > 0).sort((a, b) => b.paused - a.paused);
    let letGo = false;
    for (const s of paused) {
      if (bytes + this.held <= this.schedule.limit) break;
      this.held -= s.paused;
      s.paused = 0;
      s.run = undefined;
      letGo = true;
    }
    if (letGo) releaseNow();
    slot.sticky = true;
    return true;
  }
}
