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

interface Scheduled {
  time: number;
  seq: number;
  fn: () => void;
}

export function createEngine(): Engine {
  const heap: Scheduled[] = [];
  let now = 0;
  let seq = 0;
  const engine: Engine = {
    get now() {
      return now;
    },
    get pending() {
      return heap.length;
    },
    after(delay, fn) {
      push(heap, { time: now + Math.max(0, Math.floor(delay)), seq: seq++, fn });
    },
    runUntil(stop) {
      while (heap.length > 0) {
        if (stop()) return true;
        const ev = pop(heap);
        now = ev.time;
        ev.fn();
      }
      return false;
    },
  };
  return engine;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function push(heap: Scheduled[], ev: Scheduled): void {
  let i = heap.length;
  heap.push(ev);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(ev, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = ev;
}

function pop(heap: Scheduled[]): Scheduled {
  const top = heap[0]!;
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
    if (!before(heap[c]!, last)) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = last;
  return top;
}
