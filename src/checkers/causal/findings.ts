/**
 * Where the causality checks put what they find: anomalies, counted exactly and kept up to a
 * limit (each built only when kept, since building one searches for its proof), undecided
 * ops by code with a few examples, and a time budget that stops the search.
 */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { opDetail } from "../details.js";
import type { AnomalyBase, CheckOptions, Undecided } from "../types.js";

interface Tally {
  count: number;
  examples: number[];
  params?: Record<string, unknown>;
}

export class Findings<A extends AnomalyBase> {
  count = 0;
  readonly kept: A[] = [];
  /** Set when the search must stop: the first anomaly under first-only, or the time budget. */
  stopped = false;
  outOfTime = false;
  private readonly undecidedOps = new Map<string, Tally>();
  private readonly deadline: number;
  private ticks = 0;

  constructor(
    private readonly options: CheckOptions,
    started = performance.now(),
  ) {
    this.deadline = started + options.timeLimit * 1000;
  }

  add(make: () => A): void {
    this.count++;
    if (this.kept.length < this.options.maxAnomalies) this.kept.push(make());
    if (this.options.firstOnly) this.stopped = true;
  }

  undecide(code: string, op: number, params?: Record<string, unknown>): void {
    const u = getOrInsert(this.undecidedOps, code, (): Tally => ({ count: 0, examples: [] }));
    u.count++;
    if (params !== undefined) u.params = params;
    if (u.examples.length < 3 && op >= 0) u.examples.push(op);
  }

  /** Call in loops: true (and stopped) once the time budget is spent; reads the clock every 1024 calls, or now if `costly`. */
  expired(costly = false): boolean {
    if (this.stopped) return true;
    if ((++this.ticks & 1023) !== 0 && !costly) return false;
    if (performance.now() <= this.deadline) return false;
    this.outOfTime = true;
    this.stopped = true;
    return true;
  }

  undecided(h: History): Undecided[] {
    const out: Undecided[] = [];
    for (const [code, u] of [...this.undecidedOps].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      out.push({
        code,
        ...(u.params ? { params: u.params } : {}),
        count: u.count,
        examples: u.examples.map((id) => opDetail(h, id)),
      });
    }
    if (this.outOfTime) {
      out.push({
        code: "budget-exhausted",
        params: { seconds: this.options.timeLimit },
        count: 1,
        examples: [],
      });
    }
    return out;
  }
}
