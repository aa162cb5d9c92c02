/**
 * The ground truth is right for the checkers that exist: on many seeds, the reads that
 * read-your-writes and monotonic-reads find are exactly the reads the simulator labelled for
 * them (compared by the read's completion index, not by anomaly kind, whose names are about
 * to change). Single-leader presets are the contract; the other presets are checked on fewer
 * seeds, since their histories carry version vectors and replica events too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { resolveOptions } from "../src/checkers/options.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import type { AnomalyBase, AnyChecker } from "../src/checkers/types.js";
import { type Preset, presetInput, presets } from "../src/sim/presets/index.js";
import { load, run } from "./support/sim.js";

const checkers: AnyChecker[] = [readYourWrites, monotonicReads];
const all = { maxAnomalies: Number.MAX_SAFE_INTEGER };

/** The completion index of the read a session anomaly is about. */
function readIndex(a: AnomalyBase): number {
  const read = (a as AnomalyBase & { read: { op: number } }).read.op;
  return a.ops.find((o) => o.id === read)!.index;
}
const singleLeader = presets.filter((p) => p.options.replication?.mode === "single-leader");
const others = presets.filter((p) => p.options.replication?.mode !== "single-leader");

/** Completion indices of the reads the checker flags, and of those the truth labels for it. */
async function compare(p: Preset, correct: boolean, seed: number) {
  const r = run(presetInput(p, correct, { seed }));
  const h = await load(r);
  return checkers.map((c) => {
    const result = c.check(h, resolveOptions([c], all));
    const found = result.anomalies.map(readIndex).sort((x, y) => x - y);
    const truth = r.labels
      .filter((l) => l.checker === c.id)
      .map((l) => l.index)
      .sort((x, y) => x - y);
    return { id: c.id, found, truth, undecided: result.undecided.map((u) => u.code) };
  });
}

describe("checkers agree with the simulator's ground truth", () => {
  it("single-leader presets, anomalous and correct, on many seeds", async () => {
    let labelled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...singleLeader),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (p, correct, seed) => {
          for (const c of await compare(p, correct, seed)) {
            const where = { preset: p.name, correct, seed, checker: c.id };
            expect({ ...where, found: c.found, undecided: c.undecided }).toEqual({
              ...where,
              found: c.truth,
              undecided: [],
            });
            labelled += c.truth.length;
          }
        },
      ),
      { numRuns: 60, seed: 2024 },
    );
    // The property must have had something to agree on.
    expect(labelled).toBeGreaterThan(500);
  });

  it.each(others.map((p) => [p.name, p] as const))("%s on a few seeds", async (_n, p) => {
    for (const seed of [1, 2, 3]) {
      for (const correct of [false, true]) {
        for (const c of await compare(p, correct, seed)) {
          expect({ seed, correct, id: c.id, found: c.found }).toEqual({
            seed,
            correct,
            id: c.id,
            found: c.truth,
          });
          expect(c.undecided).toEqual([]);
        }
      }
    }
  });

  /** Register runs with numeric versions: the simulator decides linearizability per key. */
  const registers = presets.filter((p) => {
    const r = { ...p.options.replication, ...p.correct.replication } as { conflicts?: string };
    return (p.options.workload ?? "register") === "register" && r.conflicts !== "siblings";
  });

  it.each(registers.map((p) => [p.name, p] as const))(
    "linearizable: %s, the keys found not linearizable are the keys labelled",
    async (_n, p) => {
      for (const seed of [1, 2]) {
        for (const correct of [false, true]) {
          const r = run(presetInput(p, correct, { seed, ops: 200 }));
          const options = resolveOptions([linearizable], { model: "register" });
          const result = linearizable.check(await load(r), options);
          const found = result.anomalies.map((a) => a.keys[0]).sort();
          const truth = r.labels
            .filter((l) => l.checker === "linearizable")
            .map((l) => l.key)
            .sort();
          expect({ seed, correct, found, undecided: result.undecided }).toEqual({
            seed,
            correct,
            found: truth,
            undecided: [],
          });
        }
      }
    },
  );

  it("list-append keys (reads return whole lists), on several seeds", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = run({ seed, ops: 600, keys: 4, workload: "list-append", routing: "any" });
      const h = await load(r);
      for (const c of checkers) {
        const result = c.check(h, resolveOptions([c], all));
        const found = result.anomalies.map(readIndex).sort((x, y) => x - y);
        const truth = r.labels
          .filter((l) => l.checker === c.id)
          .map((l) => l.index)
          .sort((x, y) => x - y);
        expect({ seed, id: c.id, found, undecided: result.undecided }).toEqual({
          seed,
          id: c.id,
          found: truth,
          undecided: [],
        });
        expect(truth.length).toBeGreaterThan(0);
      }
    }
  });
});
