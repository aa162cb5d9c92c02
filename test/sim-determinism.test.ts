/** A seed reproduces a simulation byte for byte; another seed gives another run. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SimInput } from "../src/sim/index.js";
import { findPreset, presetInput, presets } from "../src/sim/presets/index.js";
import { mulberry32 } from "../src/sim/rng.js";
import { run } from "./support/sim.js";

const digest = (input: SimInput) => {
  const r = run(input);
  const h = createHash("sha256");
  for (const l of r.lines) h.update(`${l}\n`);
  h.update("--truth--\n");
  for (const l of r.labels) h.update(`${JSON.stringify(l)}\n`);
  return h.digest("hex");
};

const modes = ["single-leader", "multi-leader", "leaderless"] as const;

describe("determinism", () => {
  it("mulberry32 is deterministic and uniform in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it.each(presets.map((p) => p.name))(
    "%s: the same seed gives the same bytes, history and truth",
    (name) => {
      const p = findPreset(name)!;
      for (const correct of [false, true]) {
        const input = presetInput(p, correct);
        expect(digest(input)).toBe(digest(input));
      }
    },
  );

  it("any options: same seed, same bytes; another seed, other bytes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom(...modes),
        fc.constantFrom("register", "set"),
        fc.integer({ min: 1, max: 6 }),
        (seed, mode, workload, keys) => {
          const input: SimInput = {
            seed,
            ops: 150,
            keys,
            sessions: 3,
            workload,
            replication: { mode },
          };
          const one = digest(input);
          expect(digest(input)).toBe(one);
          expect(digest({ ...input, seed: seed + 1 })).not.toBe(one);
        },
      ),
      { numRuns: 30, seed: 11 },
    );
  });
});
