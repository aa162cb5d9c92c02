/** Version order from a stated assumption (issue 8, item 7): the session checks decide what they could not, and say when a finding or a verdict rests on it. */
import { describe, expect, it } from "vitest";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

describe("--assume linearizable-keys", () => {
  const later = hist("u w x 1; v w x 2; u r x 2");
  const stale = hist("v w x 1; u w x 2; u r x 1");

  it("orders a write before one that began after it completed", () => {
    expect(runChecker(readYourWrites, later).verdict).toBe("unknown");
    const r = runChecker(readYourWrites, later, { assume: "linearizable-keys" });
    expect(r.verdict).toBe("valid");
    expect(r.notes).toEqual([
      { code: "assumed-order", params: { assumption: "linearizable-keys", count: 1 } },
    ]);
  });

  it("names the assumption in an anomaly that rests on it", () => {
    expect(runChecker(readYourWrites, stale).verdict).toBe("unknown");
    const r = runChecker(readYourWrites, stale, { assume: "linearizable-keys" });
    expect(r.anomalies).toMatchObject([
      { kind: "missed-own-write", violation: "older", assumed: "linearizable-keys" },
    ]);
    expect(r.anomalies[0]!.ops.map((o) => o.id)).toEqual([1, 0, 2]);
  });

  it("leaves overlapping writes unordered", () => {
    const h = hist("(u w x 1 | v w x 2); u r x 2");
    expect(runChecker(readYourWrites, h, { assume: "linearizable-keys" }).verdict).toBe("unknown");
  });

  it("does not change what versions decide", () => {
    const h = hist("v w x 1 #2; u w x 2 #1; u r x 1 #2");
    const r = runChecker(readYourWrites, h, { assume: "linearizable-keys" });
    expect([r.verdict, r.notes]).toEqual(["valid", undefined]);
  });
});

describe("--assume sequential-keys", () => {
  it("orders one process's writes of a key, and only those", () => {
    const h = hist("a w x 1; a w x 2; b r x 2; b r x 1");
    expect(runChecker(monotonicReads, h).verdict).toBe("unknown");
    const r = runChecker(monotonicReads, h, { assume: "sequential-keys" });
    expect(r.anomalies).toMatchObject([
      { kind: "non-monotonic-read", violation: "older", assumed: "sequential-keys" },
    ]);
    const across = hist("a w x 1; c w x 2; b r x 2; b r x 1");
    expect(runChecker(monotonicReads, across, { assume: "sequential-keys" }).verdict).toBe(
      "unknown",
    );
  });
});
