/** Budgets hold even when each step is slow and the model's own states are what grows (kv appends of long strings). */
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { runChecker } from "./support/check.js";

/** Rounds of `width` concurrent appends of long strings to one key, then an impossible get. */
function appendStorm(width: number, rounds: number) {
  const b = new HistoryBuilder("storm");
  const big = "y".repeat(2000);
  let line = 0;
  for (let r = 0; r < rounds; r++) {
    for (let p = 0; p < width; p++)
      b.add(
        { type: "invoke", process: p, f: "append", key: "k", value: `x${r}-${p}${big}` },
        ++line,
      );
    for (let p = 0; p < width; p++)
      b.add({ type: "ok", process: p, f: "append", key: "k", value: `x${r}-${p}${big}` }, ++line);
  }
  b.add({ type: "invoke", process: 0, f: "get", key: "k", value: null }, ++line);
  b.add({ type: "ok", process: 0, f: "get", key: "k", value: "nope" }, ++line);
  return b.finish();
}

describe("linearizability budgets", () => {
  it("the memory bound counts the model's interned states, not only the cache", () => {
    const t = performance.now();
    const r = runChecker(linearizable, appendStorm(10, 6), { memoryLimit: 16, timeLimit: 30 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided.map((u) => u.code)).toEqual(["memory-exhausted"]);
    expect(performance.now() - t).toBeLessThan(20_000);
  });

  it("the time limit holds when every step is slow", () => {
    const t = performance.now();
    const r = runChecker(linearizable, appendStorm(10, 6), {
      timeLimit: 0.5,
      memoryLimit: 100_000,
    });
    expect(r.undecided.map((u) => u.code)).toEqual(["budget-exhausted"]);
    // Generous for a loaded CI machine; before the fix the overshoot was many seconds.
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
