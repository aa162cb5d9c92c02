/**
 * The discrete-event core: a clock and a queue of callbacks ordered by (time, insertion
 * order). Time is an integer number of milliseconds of simulated time; nothing here reads
 * the wall clock, so a run depends only on its seed and options.
 */

export interface Engine {
  /** The current simulated time. */
  readonly now: number;
  /** Runs `fn` at `now + delay` (delay >= 0, rounded down to whole ms). */
  after(delay: number, fn: () => void): void;
  /** Runs queued events until `stop()` says so or the queue is empty; false when it emptied. */
  runUntil(stop: () => boolean): boolean;
  /** Events still queued. */
  readonly pending: number;
}

/**
 * A binary heap kept as three parallel arrays (time, insertion number, callback) rather than
 * an object per event: a run schedules millions of events, and the objects would all be
 * garbage.
 */
export function createEngine(): Engine {
  const times: number[] = [];
  const seqs: number[] = [];
  const fns: (() => void)[] = [];
  let now = 0;
  let seq = 0;
  const before = (i: number, t: number, s: number) =>
    times[i]! < t || (times[i] === t && seqs[i]! < s);
  const push = (t: number, fn: () => void) => {
    const s = seq++;
    let i = times.length;
    times.push(t);
    seqs.push(s);
    fns.push(fn);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(p, t, s)) break;
      times[i] = times[p]!;
      seqs[i] = seqs[p]!;
      fns[i] = fns[p]!;
      i = p;
    }
    times[i] = t;
    seqs[i] = s;
    fns[i] = fn;
  };
  const pop = (): (() => void) => {
    const top = fns[0]!;
    now = times[0]!;
    const t = times.pop()!;
    const s = seqs.pop()!;
    const fn = fns.pop()!;
    const n = times.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(r, times[l]!, seqs[l]!) ? r : l;
      if (!before(c, t, s)) break;
      times[i] = times[c]!;
      seqs[i] = seqs[c]!;
      fns[i] = fns[c]!;
      i = c;
    }
    times[i] = t;
    seqs[i] = s;
    fns[i] = fn;
    return top;
  };
  return {
    get now() {
      return now;
    },
    get pending() {
      return times.length;
    },
    after(delay, fn) {
      push(now + Math.max(0, Math.floor(delay)), fn);
    },
    runUntil(stop) {
      while (times.length > 0) {
        if (stop()) return true;
        pop()();
      }
      return false;
    },
  };
}
