/**
 * The causality checkers against the simulator's ground truth: on single-leader presets, the
 * writes that monotonic-writes and writes-follow-reads find, and the reads that
 * consistent-prefix finds, are exactly the ops the simulator labelled for them (by completion
 * index), anomalous and correct variants alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consistentPrefix } from "../src/checkers/consistent-prefix.js";
import { monotonicWrites } from "../src/checkers/monotonic-writes.js";
import { resolveOptions } from "../src/checkers/options.js";
import type { AnomalyBase, AnyChecker } from "../src/checkers/types.js";
import { writesFollowReads } from "../src/checkers/writes-follow-reads.js";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { load, run } from "./support/sim.js";

const all = { maxAnomalies: Number.MAX_SAFE_INTEGER };

/** The op each kind of anomaly is about: the later write, the write, or the read. */
const judged: Record<string, (a: AnomalyBase) => number> = {
  "session-writes-reordered": (a) => (a as AnomalyBase & { later: { op: number } }).later.op,
  "write-precedes-observed": (a) => (a as AnomalyBase & { write: { op: number } }).write.op,
  "prefix-violation": (a) => (a as AnomalyBase & { read: { op: number } }).read.op,
};

function indexOf(a: AnomalyBase): number {
  const id = judged[a.kind]!(a);
  return a.ops.find((o) => o.id === id)!.index;
}

const checkers: AnyChecker[] = [monotonicWrites, writesFollowReads, consistentPrefix];
const singleLeader = presets.filter((p) => p.options.replication?.mode === "single-leader");

describe("causality checkers agree with the simulator's ground truth", () => {
  it("single-leader presets, anomalous and correct, on many seeds", async () => {
    let labelled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...singleLeader),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (p, correct, seed) => {
          const r = run(presetInput(p, correct, { seed }));
          const h = await load(r);
          for (const c of checkers) {
            const result = c.check(h, resolveOptions([c], all));
            const found = result.anomalies.map(indexOf).sort((x, y) => x - y);
            const truth = r.labels
              .filter((l) => l.checker === c.id)
              .map((l) => l.index)
              .sort((x, y) => x - y);
            const where = { preset: p.name, correct, seed, checker: c.id };
            expect({ ...where, found }).toEqual({ ...where, found: truth });
            labelled += truth.length;
          }
        },
      ),
      { numRuns: 40, seed: 2026 },
    );
    expect(labelled).toBeGreaterThan(0);
  });
});
