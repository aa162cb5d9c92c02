/** The consistency-model lattice: its implications, how it settles undecided verdicts, and that the checkers never contradict it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkHistory, planCheck } from "../src/api.js";
import { applyLattice, impliedBy, implying } from "../src/checkers/lattice.js";
import type { CheckResult } from "../src/checkers/types.js";
import { seeded } from "./support/fc.js";
import { type ModelOp, runStore, steps, toHistory } from "./support/store-model.js";

function result(checker: string, model: string, verdict: CheckResult["verdict"]): CheckResult {
  return {
    checker,
    model: model as CheckResult["model"],
    verdict,
    anomalies: [],
    anomalyCount: verdict === "invalid" ? 1 : 0,
    undecided: verdict === "unknown" ? [{ code: "no-order", count: 1, examples: [] }] : [],
    stats: {},
  };
}

describe("the implication table", () => {
  it("linearizable implies every model below it, strongest first", () => {
    expect(impliedBy("linearizable")).toEqual([
      "sequential",
      "causal",
      "consistent-prefix",
      "pram",
      "writes-follow-reads",
      "read-your-writes",
      "monotonic-reads",
      "monotonic-writes",
    ]);
  });

  it("a broken session guarantee breaks every model above it, weakest first", () => {
    expect(implying("read-your-writes")).toEqual(["pram", "causal", "sequential", "linearizable"]);
    expect(implying("linearizable")).toEqual([]);
  });
});

describe("applyLattice", () => {
  it("an undecided guarantee implied by a model that holds is valid, with its evidence", () => {
    const { results, models } = applyLattice([
      result("read-your-writes", "read-your-writes", "unknown"),
      result("linearizable", "linearizable", "valid"),
    ]);
    expect(results[0]).toMatchObject({
      verdict: "valid",
      implied: { verdict: "valid", by: "linearizable" },
    });
    expect(results[0]!.undecided.map((u) => u.code)).toEqual(["no-order"]);
    expect(models.satisfied[0]).toEqual({ model: "linearizable", by: "linearizable" });
    expect(models.violated).toEqual([]);
  });

  it("a valid that only measured (staleness with no bound) settles no model", () => {
    const measured = {
      ...result("staleness", "staleness", "valid"),
      notes: [{ code: "measured-only" }],
    };
    const bounded = result("staleness", "staleness", "valid");
    expect(applyLattice([measured]).models.satisfied).toEqual([]);
    expect(applyLattice([measured]).results[0]!.verdict).toBe("valid");
    expect(applyLattice([bounded]).models.satisfied).toEqual([
      { model: "staleness", by: "staleness" },
    ]);
  });

  it("a stronger model that could not decide is invalid when a weaker one it implies is broken", () => {
    const { results, models } = applyLattice([
      result("read-your-writes", "read-your-writes", "invalid"),
      result("linearizable", "linearizable", "unknown"),
    ]);
    expect(results[1]).toMatchObject({
      verdict: "invalid",
      implied: { verdict: "invalid", by: "read-your-writes" },
    });
    expect(models.violated.map((m) => m.model)).toEqual([
      "read-your-writes",
      "pram",
      "causal",
      "sequential",
      "linearizable",
    ]);
  });

  it("n/a stays n/a, and a proven model that another refutes is reported as a contradiction", () => {
    const { results, models } = applyLattice([
      result("read-your-writes", "read-your-writes", "n/a"),
      result("monotonic-reads", "monotonic-reads", "invalid"),
      result("linearizable", "linearizable", "valid"),
    ]);
    expect(results[0]!.verdict).toBe("n/a");
    expect(models.contradictions).toEqual([
      "linearizable",
      "sequential",
      "causal",
      "pram",
      "monotonic-reads",
    ]);
    expect(models.satisfied.map((m) => m.model)).not.toContain("monotonic-reads");
  });
});

/** A store that sometimes serves a stale but real state: each read returns the current or an earlier (value, version) of its key. */
function staleStore(ops: ModelOp[], picks: number[]): ModelOp[] {
  const seen = new Map<string, { value: number | null; version: number }[]>();
  return ops.map((op, i) => {
    const states = seen.get(op.key) ?? [{ value: null, version: 0 }];
    seen.set(op.key, states);
    if (op.kind === "w") {
      states.push({ value: op.value, version: op.version });
      return op;
    }
    const back = (picks[i] ?? 0) % states.length;
    return { ...op, ...states[states.length - 1 - back]! };
  });
}

describe("the checkers never contradict the lattice", () => {
  it.each([true, false])(
    "on histories from a store that may serve stale reads (versions: %s)",
    (withVersions) => {
      const plan = planCheck();
      let broken = 0;
      fc.assert(
        fc.property(steps, fc.array(fc.nat(3), { maxLength: 60 }), (s, picks) => {
          const h = toHistory(staleStore(runStore(s), picks), withVersions);
          const report = checkHistory(h, plan, "model");
          expect(report.models.contradictions).toEqual([]);
          const byChecker = new Map(report.results.map((r) => [r.checker, r.verdict]));
          if (report.verdict === "invalid") broken++;
          if (byChecker.get("linearizable") === "valid") {
            expect(byChecker.get("read-your-writes")).not.toBe("invalid");
            expect(byChecker.get("monotonic-reads")).not.toBe("invalid");
          }
        }),
        seeded(300),
      );
      // The stale store does break guarantees: the property is not vacuous.
      expect(broken).toBeGreaterThan(30);
    },
  );
});
