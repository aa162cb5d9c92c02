/**
 * The replication checkers under a time budget: out of time, each says unknown with
 * `budget-exhausted` and never valid, and whatever it found before the budget ran out it also
 * finds with time to spare (a cut-off pass raises no false alarm). Run on every simulator
 * preset, anomalous variant, so that each checker applies somewhere; convergence, which
 * polls the clock once a key, on a history of many keys.
 */
import { describe, expect, it } from "vitest";
import { convergence } from "../src/checkers/convergence.js";
import { replicationCheckIds as CHECKERS, findChecker } from "../src/checkers/registry.js";
import type { History } from "../src/history/model.js";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { runChecker } from "./support/check.js";
import { fromEvents, op, replica } from "./support/events.js";
import { load, run } from "./support/sim.js";

/** Runs checker `id` with time to spare and with none; true if it ran out of time. */
function cutShort(id: string, h: History, where: Record<string, unknown>): boolean {
  const checker = findChecker(id)!;
  const full = runChecker(checker, h, { maxAnomalies: 1e9 });
  const cut = runChecker(checker, h, { maxAnomalies: 1e9, timeLimit: 1e-9 });
  if (cut.verdict === "n/a") {
    expect({ ...where, verdict: full.verdict }).toEqual({ ...where, verdict: "n/a" });
    return false;
  }
  const claimed = new Set(full.anomalies.map((a) => JSON.stringify(a)));
  for (const a of cut.anomalies)
    expect({ ...where, claimed: claimed.has(JSON.stringify(a)) }).toEqual({
      ...where,
      claimed: true,
    });
  if (!cut.undecided.some((u) => u.code === "budget-exhausted")) return false;
  expect({ ...where, verdict: cut.verdict }).not.toEqual({ ...where, verdict: "valid" });
  return true;
}

describe("replication checkers out of time", () => {
  it("say unknown with budget-exhausted, and claim only what they claim with time to spare", async () => {
    const outOfTime = new Set<string>();
    for (const p of presets) {
      const h = await load(run(presetInput(p, false, { seed: 1, ops: 2000 })));
      for (const id of CHECKERS)
        if (cutShort(id, h, { preset: p.name, checker: id })) outOfTime.add(id);
    }
    expect([...outOfTime].sort()).toEqual(CHECKERS.filter((id) => id !== "convergence").sort());
  });

  it("convergence, on 1500 keys", () => {
    const events = [];
    for (let k = 0; k < 1500; k++) {
      events.push(...op(0, "write", `k${k}`, { value: 1, version: 1, node: "n1" }));
      for (const n of ["n1", "n2"]) events.push(replica(n, "apply", `k${k}`, 1, 1));
    }
    expect(runChecker(convergence, fromEvents(events)).verdict).toBe("valid");
    expect(cutShort("convergence", fromEvents(events), { checker: "convergence" })).toBe(true);
  });
});
