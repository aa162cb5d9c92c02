/** The library API: one call from a path or from events to the report as data. The README shows the block between the markers. */
import { describe, expect, it } from "vitest";
import { check, planCheck } from "../src/index.js";

describe("check(input, options)", () => {
  it("checks a file and returns the report as data", async () => {
    // README:begin
    const report = await check("histories/ddia/fig5-3-read-your-writes-bad.jsonl", {
      checks: ["read-your-writes"],
    });
    expect(report.verdict).toBe("invalid");
    const [result] = report.files[0]!.results;
    expect(result!.anomalies[0]).toMatchObject({
      kind: "missed-own-write",
      session: "user-1234",
      key: "comments:55",
      violation: "older",
    });
    // README:end
  });

  it("checks events given as objects, synchronous or async", async () => {
    const events = [
      { type: "invoke", process: 0, f: "write", key: "x", value: 1 },
      { type: "ok", process: 0, f: "write", key: "x", value: 1 },
      { type: "invoke", process: 0, f: "read", key: "x" },
      { type: "ok", process: 0, f: "read", key: "x", value: null },
    ];
    const fromArray = await check(events);
    expect(fromArray.verdict).toBe("invalid");
    async function* stream() {
      yield* events;
    }
    const fromStream = await check(stream(), { checks: ["linearizable"] });
    expect(fromStream.files[0]!.results.map((r) => r.verdict)).toEqual(["invalid"]);
  });

  it("rejects a bad request before reading anything", async () => {
    await expect(check("/nonexistent", { checks: ["nope"] })).rejects.toThrow(
      /unknown checker "nope"/,
    );
    expect(() => planCheck({ timeLimit: 0 })).toThrow(
      /option timeLimit: expected a positive number/,
    );
    expect(() => planCheck({ frobnicate: 1 })).toThrow(
      /option frobnicate: no checker takes this option/,
    );
  });

  it("never returns a verdict for an input without ops", async () => {
    await expect(check([])).rejects.toThrow(/no ops found/);
  });
});
