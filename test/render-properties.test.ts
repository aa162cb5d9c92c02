/**
 * Every checker's result renders, whatever the history: random histories from a causal store,
 * with reads and writes rewritten at random (duplicate values, values nobody wrote, the
 * initial value, options of every level and order), checked by every checker and rendered as
 * text. An explainer or a reason text that lacks a field it needs fails here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkHistory, planCheck } from "../src/api.js";
import { renderText } from "../src/report/text.js";
import { runCausalStore, storeHistory, storeSteps } from "./support/causal-store.js";
import { seeded } from "./support/fc.js";

const options = fc.record({
  causalLevel: fc.constantFrom("cc", "ccv", "cm"),
  prefixOrder: fc.constantFrom("causal", "real-time"),
  assume: fc.constantFrom(undefined, "linearizable-keys", "sequential-keys"),
});

describe("reports render for any history", () => {
  it("random rewrites of a causal store's history, every checker, every option", () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(
        storeSteps,
        fc.array(fc.nat(9), { maxLength: 50 }),
        options,
        (steps, picks, opts) => {
          const ops = runCausalStore(steps, "apply").map((op, i) => {
            const pick = picks[i] ?? 9;
            if (pick === 0) return { ...op, value: null };
            if (pick === 1) return { ...op, value: 1 };
            if (pick === 2) return { ...op, value: 999 };
            return op;
          });
          const request = Object.fromEntries(
            Object.entries(opts).filter(([, v]) => v !== undefined),
          );
          const report = checkHistory(storeHistory(ops), planCheck(request), "model");
          const text = renderText({ causeway: 2, verdict: report.verdict, files: [report] });
          expect(text).not.toContain("undefined");
          expect(text).not.toContain("NaN");
          for (const r of report.results) for (const a of r.anomalies) kinds.add(a.kind);
        },
      ),
      seeded(150),
    );
    // Not vacuous: explanations of many kinds were rendered.
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });
});
