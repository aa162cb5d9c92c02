/** Each preset's default seed shows its figure's anomalies; its correct variant shows none (over several seeds). */
import { describe, expect, it } from "vitest";
import { findPreset, presetInput, presetNames, presets } from "../src/sim/presets/index.js";
import { counts, run } from "./support/sim.js";

describe("presets", () => {
  it("cover every figure of DDIA chapter 5 that has a scenario, and the three topologies of 5-8", () => {
    const want = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => `fig-5-${n}`);
    for (const name of [...want, "fig-5-8-circular", "fig-5-8-star", "fig-5-8-all-to-all"]) {
      expect(findPreset(name), name).toBeDefined();
      expect(presetNames).toContain(name);
    }
  });

  it.each(presets.map((p) => [p.name, p] as const))(
    "%s: the default seed produces the figure's anomalies",
    (_n, p) => {
      const c = counts(run(presetInput(p, false)).labels);
      for (const a of p.anomalies) expect(c[a] ?? 0, a).toBeGreaterThan(0);
    },
  );

  it.each(presets.map((p) => [p.name, p] as const))(
    "%s: the correct variant produces none",
    (_n, p) => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const c = counts(run(presetInput(p, true, { seed })).labels);
        const unexpected = Object.keys(c).filter((k) => !(p.correctAllows ?? []).includes(k));
        expect(unexpected, `seed ${seed}: ${JSON.stringify(c)}`).toEqual([]);
      }
    },
  );

  it("a correct variant that keeps siblings still labels each conflict, resolved as siblings", () => {
    const r = run(presetInput(findPreset("fig-5-12")!, true));
    const conflicts = r.labels.filter((l) => l.checker === "write-conflicts");
    expect(conflicts.length).toBeGreaterThan(0);
    expect(new Set(conflicts.map((l) => l.resolution))).toEqual(new Set(["siblings"]));
  });

  it("options given with a preset override it", () => {
    const p = findPreset("fig-5-3")!;
    const r = run(presetInput(p, false, { ops: 20, seed: 9 }));
    expect(r.lines.filter((l) => l.includes('"type":"invoke"'))).toHaveLength(20);
  });
});
