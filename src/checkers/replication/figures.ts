/**
 * Figures made of samples: quantiles, counts by value, and fractions in bins of a time axis
 * (geometric, so that a curve over milliseconds to minutes has a handful of points per
 * decade). Linear in the samples, plus one sort per quantile table.
 */

/** A growable column of numbers. */
export class Samples {
  private data = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

export const QUANTILES = [0.5, 0.9, 0.99] as const;

/** The nearest-rank quantiles of sorted samples, then the maximum; nulls when there are none. */
export function quantiles(sorted: Float64Array): (number | null)[] {
  if (sorted.length === 0) return [...QUANTILES.map(() => null), null];
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return [...QUANTILES.map((q) => round(at(q))), round(sorted[sorted.length - 1]!)];
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Upper edges of geometric bins: 1, 2, 5, 10, 20, 50, ... (the first bin holds 0 and below). */
export function binOf(t: number): number {
  if (t <= 1) return 0;
  const d = Math.floor(Math.log10(t));
  const m = t / 10 ** d;
  if (m <= 1 + 1e-12) return 3 * d;
  return m <= 2 ? 3 * d + 1 : m <= 5 ? 3 * d + 2 : 3 * (d + 1);
}

export function binEdge(bin: number): number {
  const decade = 10 ** Math.floor(bin / 3);
  return round(decade * [1, 2, 5][bin % 3]!);
}

/** Counts and successes per time bin, for a curve of the fraction of successes against time. */
export class BinnedFraction {
  private readonly total = new Map<number, number>();
  private readonly hits = new Map<number, number>();
  add(t: number, hit: boolean): void {
    const b = binOf(Math.max(0, t));
    this.total.set(b, (this.total.get(b) ?? 0) + 1);
    if (hit) this.hits.set(b, (this.hits.get(b) ?? 0) + 1);
  }
  points(): { x: number; y: number; n: number }[] {
    return [...this.total.keys()]
      .sort((a, b) => a - b)
      .map((b) => {
        const n = this.total.get(b)!;
        return { x: binEdge(b), y: round((this.hits.get(b) ?? 0) / n), n };
      });
  }
}
