/**
 * The linearizability search for one object: Wing & Gong's (1993) depth-first search for a
 * sequential order that respects real time, with Lowe's (2017) just-in-time linearization
 * and cache of visited configurations, laid out as Porcupine does it. Call and return
 * events form a doubly linked list in time order; linearizing an op lifts its call and
 * return out of the list, backtracking puts them back. The stack is explicit (no
 * recursion), so the search can pause at a deadline and resume later.
 */
import { LinSet } from "./bitset.js";
import { ConfigCache } from "./cache.js";
import { type EventList, linkEvents } from "./events.js";

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

export type Outcome = "valid" | "invalid" | "paused" | "memory";

/** Shared by every search of one check: bytes held by caches, and the bound. */
export interface MemoryMeter {
  used: number;
  limit: number;
}

/** The deepest configuration found: a linearizable prefix and the op that could not follow it. */
export interface Deepest {
  prefix: Int32Array;
  state: number;
  /** The op whose return was reached without a way to linearize it (-1 if none yet). */
  culprit: number;
}

// A step can be slow (a kv append of a long string): check the clock often enough that a
// deadline is overshot by little, yet rarely enough to cost nothing (a mask: every 256th).
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
  private charged = 0;
  /** The deepest prefix so far, and how much of it the stack still shares. */
  private readonly best: Int32Array;
  private bestLength = 0;
  private shared = 0;
  private bestState: number;
  private culprit = -1;

  constructor(private readonly p: Problem) {
    this.list = linkEvents(p.call, p.ret);
    this.set = new LinSet(p.n);
    this.cache = new ConfigCache();
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

  /** Searches until decided, `deadline` (performance.now()) passes, or memory runs out; `tick` is called now and then. */
  run(deadline: number, meter: MemoryMeter, tick?: () => void): Outcome {
    const { n, optional, readOnly } = this.p;
    const { next } = this.list;
    this.cache.allowance = meter.limit - meter.used + this.charged;
    let iterations = 0;
    while (this.remaining > 0) {
      if ((++iterations & CHECK_EVERY) === 0) {
        if (performance.now() > deadline) return "paused";
        if ((iterations & TICK_EVERY) === 0) tick?.();
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
      } else if (this.enter(entry, after)) {
        if (!this.charge(meter)) return "memory";
        if (optional[entry] === 0) this.remaining--;
        this.entry = next[this.list.head]!;
      } else if (readOnly[entry] === 1) {
        if (!this.retreat()) return this.fail(entry);
      } else {
        this.entry = next[entry]!;
      }
    }
    return "valid";
  }

  /** The ops linearized so far, in order (a full linearization once valid). */
  order(): Int32Array {
    return this.stackOp.slice(0, this.depth);
  }

  /** Frees the cache's bytes from the meter; the search cannot run again. */
  release(meter: MemoryMeter): void {
    meter.used -= this.charged;
    this.charged = 0;
  }

  private enter(op: number, after: number): boolean {
    this.set.add(op);
    if (!this.cache.add(this.set, after)) {
      this.set.remove(op);
      return false;
    }
    this.stackOp[this.depth] = op;
    this.stackState[this.depth] = this.state;
    this.depth++;
    this.state = after;
    this.list.lift(op);
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

  private charge(meter: MemoryMeter): boolean {
    if (this.cache.full) return false;
    const bytes = this.cache.bytes + (this.p.modelBytes?.() ?? 0);
    if (bytes === this.charged) return true;
    meter.used += bytes - this.charged;
    this.charged = bytes;
    return meter.used <= meter.limit;
  }
}
