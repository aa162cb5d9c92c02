/**
 * Staleness against theory (Bailis et al., VLDB 2012): on histories where each write has
 * reached exactly W of N replicas when a read of R random replicas begins, the fraction of
 * stale reads staleness measures matches C(N-W, R) / C(N, R). 3,000 reads a shape, seeded:
 * the tolerance of 5 percentage points is over 5 standard deviations of the estimate, so the
 * test cannot flake on another seed either; the 100k-read figure is the benchmark's.
 */
import { describe, expect, it } from "vitest";
import { choose, pbsHistory, pbsStale } from "../bench/pbs.js";
import { quorumOverlap } from "../src/checkers/quorum-overlap.js";
import { staleness } from "../src/checkers/staleness.js";
import { runChecker } from "./support/check.js";
import { fromEvents } from "./support/events.js";

describe("PBS: the measured fraction of stale reads", () => {
  it("the closed form", () => {
    expect(choose(5, 2)).toBe(10);
    expect(pbsStale({ n: 3, w: 1, r: 1 })).toBeCloseTo(2 / 3);
    expect(pbsStale({ n: 3, w: 1, r: 2 })).toBeCloseTo(1 / 3);
    expect(pbsStale({ n: 3, w: 2, r: 2 })).toBe(0);
  });

  it.each([
    [3, 1, 1],
    [3, 1, 2],
    [5, 2, 2],
    [3, 2, 2],
  ])("N = %i, W = %i, R = %i", (n, w, r) => {
    const reads = 3000;
    const h = fromEvents([...pbsHistory({ n, w, r, reads, seed: 7 })]);
    const s = runChecker(staleness, h);
    expect(s.stats.readsChecked).toBe(reads);
    const measured = s.stats.staleReads! / reads;
    expect(Math.abs(measured - pbsStale({ n, w, r }))).toBeLessThan(0.05);
    // Each stale read missed a quorum: the same reads, put down to w + r <= n (or none at all).
    const q = runChecker(quorumOverlap, h);
    expect(q.anomalyCount).toBe(s.stats.staleReads);
    expect(new Set(q.anomalies.map((a) => a.cause))).toEqual(new Set(w + r > n ? [] : ["config"]));
  });
});
