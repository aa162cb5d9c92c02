/**
 * The ground truth is right for the checkers that exist: on many seeds, the reads that
 * read-your-writes and monotonic-reads find are exactly the reads the simulator labelled for
 * them (compared by the read's completion index, not by anomaly kind, whose names are about
 * to change). Single-leader presets are the contract; the other presets are checked on fewer
 * seeds, since their histories carry version vectors and replica events too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreement } from "../bench/sim-truth.js";
import { type Preset, presetInput, presets } from "../src/sim/presets/index.js";
import { load, run } from "./support/sim.js";

const singleLeader = presets.filter((p) => p.options.replication?.mode === "single-leader");
const others = presets.filter((p) => p.options.replication?.mode !== "single-leader");

/** Completion indices of the reads each checker flags, and of those the truth labels for it. */
async function compare(p: Preset, correct: boolean, seed: number) {
  const r = run(presetInput(p, correct, { seed }));
  return agreement(await load(r), r.labels, ["read-your-writes", "monotonic-reads"]);
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
          const [a] = agreement(await load(r), r.labels, ["linearizable"]);
          expect({ seed, correct, found: a!.found, undecided: a!.undecided }).toEqual({
            seed,
            correct,
            found: a!.truth,
            undecided: [],
          });
        }
      }
    },
  );

  it("list-append keys (reads return whole lists), on several seeds", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const r = run({ seed, ops: 600, keys: 4, workload: "list-append", routing: "any" });
      for (const c of agreement(await load(r), r.labels, ["read-your-writes", "monotonic-reads"])) {
        expect({ seed, id: c.id, found: c.found, undecided: c.undecided }).toEqual({
          seed,
          id: c.id,
          found: c.truth,
          undecided: [],
        });
        expect(c.truth.length).toBeGreaterThan(0);
      }
    }
  });
});
