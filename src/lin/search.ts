/**
 * The linearizability search for one object: Wing & Gong's (1993) depth-first search for a
 * sequential order that respects real time, with Lowe's (2017) just-in-time linearization
 * and cache of visited configurations, laid out as Porcupine does it. Call and return
 * events form a doubly linked list in time order; linearizing an op lifts its call and
 * return out of the list, backtracking puts them back. The stack is explicit (no
 * recursion), so the search can pause and resume later, exactly where it was: its budget is
 * counted in steps of the model, so where it pauses never depends on the machine's speed.
 */
import { LinSet } from "./bitset.js";
import { ConfigCache } from "./cache.js";
import { EventList } from "./events.js";

/** One object's ops, ready to search. Positions are event ordinals; Infinity: never returned. */
export interface Problem {
  readonly n: number;
  readonly call: Float64Array;
  readonly ret: Float64Array;
  /** 1 for an op that may not have happened (info): it need not be linearized. */
  readonly optional: Uint8Array;
  /** 1 for an op that never changes the state (a read): see LinSearch.run. */
  readonly readOnly: Uint8Array;
  /** Bytes the model holds for interned states, charged with the cache's. */
  modelBytes?(): number;
  readonly init: number;
  /** The state after op i in `state`, or -1. */
  step(state: number, i: number): number;
}

/**
 * How a run ends: decided; out of its own memory (`memory`: final); paused at its step budget
 * (`paused`), at the deadline (`time`), or because the memory it needs is held by other
 * searches (`crowded`). A paused search resumes exactly where it stopped.
 */
export type Outcome = "valid" | "invalid" | "paused" | "time" | "memory" | "crowded";

export interface Budget {
  /** Pause once this many steps have been tried, counting every run of the search. */
  steps: number;
  /** performance.now() past which the search stops. */
  deadline: number;
  /** Bytes the search may hold: its cache and its model's states. */
  limit: number;
  /**
   * Asked before the search holds more than it was granted: the bytes it will hold; false
   * when other searches hold that memory, and it must pause.
   */
  grow?(bytes: number): boolean;
}

/** The deepest configuration found: a linearizable prefix and the op that could not follow it. */
export interface Deepest {
  prefix: Int32Array;
  state: number;
  /** The op whose return was reached without a way to linearize it (-1 if none yet). */
  culprit: number;
}

/** A slice's budget, as the search loop reads it (see run). */
class SliceBudget implements Budget {
  readonly steps: number;
  readonly deadline: number;
  readonly limit: number;
  readonly grow: ((bytes: number) => boolean) | undefined;

  constructor(b: Budget) {
    this.steps = b.steps;
    this.deadline = b.deadline;
    this.limit = b.limit;
    this.grow = b.grow;
  }
}

// Check the clock often enough that a deadline is overshot by little, yet rarely enough to
// cost nothing (a mask: every 256th iteration).
const CHECK_EVERY = 255;
/** A progress tick every 64th look at the clock (every 16k iterations). */
const TICK_EVERY = (1 << 14) - 1;

export class LinSearch {
  readonly cache: ConfigCache;
  /** Steps of the model tried. */
  steps = 0;
  private readonly list: EventList;
  private readonly set: LinSet;
  private readonly stackOp: Int32Array;
  private readonly stackState: Int32Array;
  private entry: number;
  private state: number;
  private depth = 0;
  private remaining: number;
  private iterations = 0;
  /** Bytes the budget granted so far. */
  private granted = 0;
  /** The deepest prefix so far, and how much of it the stack still shares. */
  private readonly best: Int32Array;
  private bestLength = 0;
  private shared = 0;
  private bestState: number;
  private culprit = -1;

  constructor(private readonly p: Problem) {
    this.list = new EventList(p.call, p.ret);
    this.set = new LinSet(p.n);
    this.cache = new ConfigCache();
    this.cache.allowance = this.cache.bytes;
    this.stackOp = new Int32Array(p.n);
    this.stackState = new Int32Array(p.n);
    this.best = new Int32Array(p.n);
    this.entry = this.list.next[this.list.head]!;
    this.state = p.init;
    this.bestState = p.init;
    this.remaining = p.n - p.optional.reduce((a, b) => a + b, 0);
  }

  /** The deepest configuration found: meaningful once the search is invalid. */
  get deepest(): Deepest {
    return {
      prefix: this.best.slice(0, this.bestLength),
      state: this.bestState,
      culprit: this.culprit,
    };
  }

  /** Searches until decided or the budget says stop; `tick` is called now and then. */
  run(budget: Budget, tick?: () => void): Outcome {
    // The loop (advance) sees one class of budget, and returns to call `tick` out here: each
    // slice's tick is a new closure, and a call target or a layout that the loop's compiled
    // code has not seen throws that code away (V8 deoptimises it) to be compiled again. A
    // class: V8 may drop the layout of a literal none of whose objects is alive, as between
    // slices, and make a new one for the next.
    const own = new SliceBudget(budget);
    for (;;) {
      const outcome = this.advance(own);
      if (outcome !== "tick") return outcome;
      tick?.();
    }
  }

  private advance(budget: Budget): Outcome | "tick" {
    const { n, optional, readOnly } = this.p;
    const { next } = this.list;
    while (this.remaining > 0) {
      if (this.steps >= budget.steps) return "paused";
      if ((++this.iterations & CHECK_EVERY) === 0) {
        if (performance.now() > budget.deadline) return "time";
        if ((this.iterations & TICK_EVERY) === 0) return "tick";
      }
      const entry = this.entry;
      if (entry >= n) {
        if (this.depth > this.bestLength) this.record(entry - n);
        if (!this.retreat()) return this.fail(entry - n);
        continue;
      }
      this.steps++;
      const after = this.p.step(this.state, entry);
      if (after < 0) {
        this.entry = next[entry]!;
        continue;
      }
      const entered = this.enter(entry, after, budget);
      if (entered === "entered") {
        if (optional[entry] === 0) this.remaining--;
        this.entry = next[this.list.head]!;
        const held = this.hold(budget);
        if (held !== undefined) return held;
      } else if (entered !== "seen") {
        // Nothing changed: the step is tried again when the search resumes.
        this.steps--;
        return entered;
      } else if (readOnly[entry] === 1) {
        if (!this.retreat()) return this.fail(entry);
      } else {
        this.entry = next[entry]!;
      }
    }
    return "valid";
  }

  /** Bytes held by the cache and the model's states. */
  get bytes(): number {
    return this.cache.bytes + (this.p.modelBytes?.() ?? 0);
  }

  /** The ops linearized so far, in order (a full linearization once valid). */
  order(): Int32Array {
    return this.stackOp.slice(0, this.depth);
  }

  /**
   * Linearizes `op` (state `after`) unless that configuration was seen; when the cache must
   * grow past what the budget allows, says why and changes nothing.
   */
  private enter(op: number, after: number, budget: Budget): "entered" | "seen" | Outcome {
    this.set.add(op);
    let added = this.cache.add(this.set, after);
    while (added === -1) {
      const need = this.bytes + this.cache.growth;
      if (need > budget.limit) added = -2;
      else if (!this.ask(need, budget)) {
        this.set.remove(op);
        return "crowded";
      } else added = this.cache.add(this.set, after);
    }
    if (added <= 0) {
      this.set.remove(op);
      return added === 0 ? "seen" : "memory";
    }
    this.stackOp[this.depth] = op;
    this.stackState[this.depth] = this.state;
    this.depth++;
    this.state = after;
    this.list.lift(op);
    return "entered";
  }

  /** After the model's states grew: out of memory, or paused when the budget will not grant it. */
  private hold(budget: Budget): Outcome | undefined {
    const bytes = this.bytes;
    if (bytes <= this.granted) return undefined;
    if (bytes > budget.limit) return "memory";
    return this.ask(bytes, budget) ? undefined : "crowded";
  }

  /** Asks for `bytes` and some room to grow (an eighth more, or 1 MiB), so as to ask rarely. */
  private ask(bytes: number, budget: Budget): boolean {
    const wanted = Math.min(budget.limit, bytes + Math.max(2 ** 20, Math.floor(bytes / 8)));
    if (budget.grow !== undefined && !budget.grow(wanted)) return false;
    this.granted = wanted;
    this.cache.allowance = bytes - (this.p.modelBytes?.() ?? 0);
    return true;
  }

  /**
   * Undoes the last op and moves on to the next candidate after it; false when there is
   * nothing left to undo. A read that could take effect is never worth delaying: it leaves
   * the state as it is, and every op that must follow it still can, so if nothing works after
   * it, nothing works without it either. Undoing a read therefore undoes the op before it too.
   */
  private retreat(): boolean {
    let op: number;
    do {
      if (this.depth === 0) return false;
      op = this.stackOp[--this.depth]!;
      if (this.shared > this.depth) this.shared = this.depth;
      this.state = this.stackState[this.depth]!;
      this.set.remove(op);
      if (this.p.optional[op] === 0) this.remaining++;
      this.list.unlift(op);
    } while (this.p.readOnly[op] === 1);
    this.entry = this.list.next[op]!;
    return true;
  }

  private fail(culprit: number): Outcome {
    if (this.culprit < 0) this.record(culprit);
    return "invalid";
  }

  /** Copies only the part of the stack that changed since the last record: O(pushes) in all. */
  private record(culprit: number): void {
    this.best.set(this.stackOp.subarray(this.shared, this.depth), this.shared);
    this.shared = this.depth;
    this.bestLength = this.depth;
    this.bestState = this.state;
    this.culprit = culprit;
  }
}
