/**
 * The replication checkers agree with the simulator's ground truth: on every preset, anomalous
 * and correct, over several seeds (and on random seeds), each checker's findings are exactly the
 * ops the simulator labelled for it (with the cause, versions behind and time the label
 * gives), it leaves nothing undecided, and on a correct variant it is valid or n/a unless the
 * preset allows that checker's labels. A failure names the preset, variant, seed and checker.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreement } from "../bench/sim-truth-replication.js";
import { type Preset, presetInput, presets } from "../src/sim/presets/index.js";
import { seeded } from "./support/fc.js";
import { load, run } from "./support/sim.js";

async function agree(p: Preset, correct: boolean, seed: number): Promise<number> {
  const r = run(presetInput(p, correct, { seed }));
  const h = await load(r);
  let labelled = 0;
  for (const a of agreement(h, r.labels)) {
    const where = { preset: p.name, correct, seed, checker: a.id };
    expect({ ...where, found: [...a.found].sort(), undecided: a.undecided }).toEqual({
      ...where,
      found: [...a.truth].sort(),
      undecided: [],
    });
    const allowed = (p.correctAllows ?? []).some((k) => k.startsWith(`${a.id}/`));
    if (correct && !allowed)
      expect({ ...where, verdict: a.verdict }).toMatchObject({
        ...where,
        verdict: expect.stringMatching(/^(valid|n\/a)$/),
      });
    labelled += a.truth.size;
  }
  return labelled;
}

describe("replication checkers against the simulator's ground truth", () => {
  it.each(presets.map((p) => [p.name, p] as const))(
    "%s, both variants, seeds 1-3",
    async (_n, p) => {
      for (const seed of [1, 2, 3])
        for (const correct of [false, true]) await agree(p, correct, seed);
    },
  );

  it("every preset on random seeds", async () => {
    let labelled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...presets),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (p, correct, seed) => {
          labelled += await agree(p, correct, seed);
        },
      ),
      seeded(30),
    );
    expect(labelled).toBeGreaterThan(1000);
  });
});
