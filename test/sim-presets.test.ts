/** Each preset's default seed shows its figure's anomalies; its correct variant shows none (over several seeds). */
import { describe, expect, it } from "vitest";
import { findPreset, presetInput, presetNames, presets } from "../src/sim/presets/index.js";
import { counts, run } from "./support/sim.js";

/** The ids and kinds the replication checkers will read (issue 9): the contract. */
const vocabulary: Record<string, string[]> = {
  "read-your-writes": ["missed-own-write"],
  "monotonic-reads": ["non-monotonic-read"],
  "monotonic-writes": ["session-writes-reordered"],
  "writes-follow-reads": ["write-precedes-observed"],
  "consistent-prefix": ["prefix-violation"],
  linearizable: ["not-linearizable"],
  "quorum-overlap": ["quorum-miss"],
  "read-repair": ["repair-missing"],
  durability: ["ack-without-apply", "lost-on-failover"],
  staleness: ["stale-read"],
  "write-conflicts": ["write-conflict"],
  "lost-writes": ["lost-write"],
  convergence: ["divergence"],
  "causal-delivery": ["causal-order-violation"],
  siblings: ["sibling-overwritten", "sibling-element-dropped"],
};

describe("presets", () => {
  it("label only with the agreed checker ids and kinds, and the fields some kinds promise", () => {
    for (const p of presets) {
      for (const l of run(presetInput(p, false)).labels) {
        expect(vocabulary[l.checker], `${p.name}: ${l.checker}`).toContain(l.kind);
        expect(Number.isInteger(l.index)).toBe(true);
        if (l.kind === "quorum-miss") expect(["config", "sloppy", "stale-pick"]).toContain(l.cause);
        if (l.kind === "stale-read") {
          expect(l.versionsBehind).toBeGreaterThan(0);
          expect(l.msSinceNewestAck).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

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

  it.each([
    ["fig-5-10", "stale-pick"],
    ["fig-5-11", "config"],
    ["fig-5-11-sloppy", "sloppy"],
  ])("%s misses quorums for its own reason: %s", (name, cause) => {
    const misses = run(presetInput(findPreset(name)!, false)).labels.filter(
      (l) => l.kind === "quorum-miss",
    );
    expect(misses.length).toBeGreaterThan(0);
    expect(new Set(misses.map((l) => l.cause))).toEqual(new Set([cause]));
  });

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
