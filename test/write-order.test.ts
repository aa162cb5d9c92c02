/** Monotonic writes and writes follow reads: what each proves from versions, vectors, list positions or an assumption, and what it leaves undecided. */
import { describe, expect, it } from "vitest";
import { monotonicWrites } from "../src/checkers/monotonic-writes.js";
import { writesFollowReads } from "../src/checkers/writes-follow-reads.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

const lines = (r: { anomalies: { ops: { line: number }[] }[] }) =>
  r.anomalies.map((a) => a.ops.map((o) => o.line));

describe("monotonic-writes", () => {
  it("finds a later write with an older version, citing both writes", () => {
    const r = runChecker(monotonicWrites, hist("u w x 1 #5; v r x 1 #5; u w x 2 #3"));
    expect(r.verdict).toBe("invalid");
    expect(r.anomalies).toMatchObject([
      { kind: "session-writes-reordered", session: "u", key: "x", violation: "older" },
    ]);
    expect(lines(r)).toEqual([[2, 6]]);
  });

  it("finds a later write whose vector does not include the earlier one", () => {
    const r = runChecker(monotonicWrites, hist('u w x 1 #{"a":1}; u w x 2 #{"b":1}'));
    expect(r.anomalies).toMatchObject([{ violation: "concurrent" }]);
  });

  it("holds when versions grow, and only compares writes of one key and session", () => {
    expect(runChecker(monotonicWrites, hist("u w x 1 #1; u w x 2 #2; v w x 3 #1")).verdict).toBe(
      "valid",
    );
    expect(runChecker(monotonicWrites, hist("u w x 1 #5; u w y 2 #3")).verdict).toBe("valid");
  });

  it("orders list appends by the reads' lists", () => {
    const bad = runChecker(monotonicWrites, hist("a append x 1; a append x 2; b r x [2,1]"));
    expect(bad.anomalies).toMatchObject([
      { violation: "older", positions: { required: 2, write: 1 } },
    ]);
    const ok = runChecker(monotonicWrites, hist("a append x 1; a append x 2; b r x [1,2]"));
    expect(ok.verdict).toBe("valid");
  });

  it("is undecided by value, or for two writes of one version, unless an assumption orders them", () => {
    const h = hist("u w x 1; u w x 2");
    expect(runChecker(monotonicWrites, h).undecided.map((u) => u.code)).toEqual(["no-order"]);
    const assumed = runChecker(monotonicWrites, h, { assume: "linearizable-keys" });
    expect([assumed.verdict, assumed.notes?.map((n) => n.code)]).toEqual([
      "valid",
      ["assumed-order"],
    ]);
    const same = runChecker(monotonicWrites, hist("u w x 1 #4; u w x 2 #4"));
    expect(same.undecided.map((u) => u.code)).toEqual(["same-version"]);
  });

  it("does not apply without register writes", () => {
    const r = runChecker(monotonicWrites, hist("u r x null"));
    expect([r.verdict, r.notApplicable?.code]).toEqual(["n/a", "no-register-writes"]);
  });
});

describe("writes-follow-reads", () => {
  it("finds a write older than what its session read before it", () => {
    const r = runChecker(writesFollowReads, hist("a w x 1 #5; b r x 1 #5; b w x 2 #4"));
    expect(r.anomalies).toMatchObject([
      { kind: "write-precedes-observed", session: "b", key: "x", violation: "older" },
    ]);
    expect(lines(r)).toEqual([[2, 4, 6]]);
  });

  it("holds when the write comes after, and after a read of the initial value", () => {
    expect(runChecker(writesFollowReads, hist("a w x 1 #5; b r x 1 #5; b w x 2 #6")).verdict).toBe(
      "valid",
    );
    expect(runChecker(writesFollowReads, hist("b r x null; b w x 2")).verdict).toBe("valid");
  });

  it("names the assumption an anomaly rests on", () => {
    // c read a's 1 before a's write began (a read from the future), then wrote 2.
    const h = hist("c r x 1; c w x 2; a w x 1");
    expect(runChecker(writesFollowReads, h).undecided.map((u) => u.code)).toEqual(["no-order"]);
    const r = runChecker(writesFollowReads, h, { assume: "linearizable-keys" });
    expect(r.anomalies).toMatchObject([{ violation: "older", assumed: "linearizable-keys" }]);
    expect(lines(r)).toEqual([[6, 2, 4]]);
  });

  it("does not apply without reads", () => {
    const r = runChecker(writesFollowReads, hist("u w x 1"));
    expect([r.verdict, r.notApplicable?.code]).toEqual(["n/a", "no-register-reads"]);
  });
});
