import { describe, expect, it } from "vitest";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import type { AnomalyBase } from "../src/checkers/types.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

const ryw = (text: string) => runChecker(readYourWrites, hist(text));
const mr = (text: string) => runChecker(monotonicReads, hist(text));
const lines = (a: AnomalyBase) => a.ops.map((o) => o.line);
/** The violation of a stale read, or "garbage" for a garbage read. */
const violations = (r: { anomalies: AnomalyBase[] }) =>
  r.anomalies.map((a) => ("violation" in a ? a.violation : a.kind));

describe("read-your-writes", () => {
  it("finds a read older than the session's own write (figure 5-3)", () => {
    const r = ryw("u w x 5 @leader #17; u r x 4 @f2 #16");
    expect(r.verdict).toBe("invalid");
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]).toMatchObject({
      kind: "missed-own-write",
      session: "u",
      key: "x",
      violation: "older",
    });
    expect(r.anomalies[0]!.read).toMatchObject({ version: 16, value: 4 });
    expect(r.anomalies[0]!.ops.map((o) => o.node)).toEqual(["leader", "f2"]);
    expect(lines(r.anomalies[0]!)).toEqual([2, 4]);
  });

  it("accepts the own write or any later version", () => {
    expect(ryw("u w x 5 #17; u r x 5 #17; v w x 6 #18; u r x 6 #18").verdict).toBe("valid");
  });

  it("ignores other sessions' writes and failed or indeterminate own writes", () => {
    expect(ryw("v w x 5 #17; u r x 4 #16").verdict).toBe("valid");
    expect(ryw("u w x 5 !fail; u r x null").verdict).toBe("valid");
    expect(ryw("u w x 5 ?info").verdict).toBe("valid");
  });

  it("a read concurrent with the write does not have to see it", () => {
    expect(ryw("(u w x 5 #17 | u/2 r x 4 #16)").verdict).toBe("valid");
  });

  it("by value: the initial value after an own write is a violation", () => {
    const r = ryw("u w x 1; v w x 2; u r x null");
    expect(violations(r)).toEqual(["initial"]);
  });

  it("by value: another write without a version order is undecided, never guessed", () => {
    const r = ryw("u w x 1; v w x 2; u r x 2");
    expect(r.verdict).toBe("unknown");
    expect(r.undecided.map((u) => u.code)).toEqual(["no-order"]);
    expect(r.undecided[0]!.examples.map((e) => e.line)).toEqual([6]);
  });

  it("a value no op wrote is a garbage read", () => {
    expect(violations(ryw("u w x 1; u r x 3"))).toEqual(["garbage-read"]);
  });

  it("a value written twice is ambiguous", () => {
    const r = ryw("u w x 1; v w x 1; u r x 1");
    expect(r.verdict).toBe("unknown");
    expect(r.undecided[0]!.code).toBe("ambiguous-value");
  });

  it("version vectors: a read that does not include the own write", () => {
    const r = ryw('u w x 1 #{"a":1}; v w x 2 #{"b":1}; u r x 2 #{"b":1}');
    expect(violations(r)).toEqual(["concurrent"]);
    expect(ryw('u w x 1 #{"a":1}; u r x 2 #{"a":1,"b":1}').verdict).toBe("valid");
  });

  it("cas writes its new value and transactions write micro-ops", () => {
    expect(ryw("u cas x [null,1]; u r x null").anomalies).toHaveLength(1);
    expect(ryw('u txn t [["w","x",1]]; u txn t [["r","x",null]]').anomalies).toHaveLength(1);
    expect(ryw('u txn t [["w","x",1],["r","x",1]]').verdict).toBe("valid");
  });

  it("keys that are not registers are left out, with a note; no register at all is n/a", () => {
    const r = ryw("u add x 1; u r x 1");
    expect(r.verdict).toBe("n/a");
    expect(r.notApplicable?.code).toBe("no-register-ops");
    expect(r.notes?.[0]).toMatchObject({ code: "not-a-register", params: { examples: ["x"] } });
    const mixed = ryw("u add x 1; u r x 1; u w y 1; u r y 1");
    expect(mixed.verdict).toBe("valid");
    expect(mixed.notes?.map((n) => n.code)).toEqual(["not-a-register"]);
  });
});

describe("monotonic-reads", () => {
  it("finds time going backwards (figure 5-4)", () => {
    const r = mr("w w x 1 #8; u r x 1 @f1 #8; u r x null @f2 #7");
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]).toMatchObject({ session: "u", violation: "initial" });
    expect(r.anomalies[0]!.read.version).toBe(7);
    expect(lines(r.anomalies[0]!)).toEqual([4, 6]);
  });

  it("compares against the newest of all earlier reads", () => {
    const r = mr("u r x 1 #3; u r x 2 #9; u r x 3 #5");
    expect(r.anomalies[0]!.required.version).toBe(9);
  });

  it("reads of other keys or sessions do not constrain", () => {
    expect(mr("u r x 1 #3; u r y 1 #1; v r x 1 #1").verdict).toBe("valid");
  });

  it("by value: initial after a written value is a violation; two different writes are undecided", () => {
    expect(violations(mr("w w x 1; u r x 1; u r x null"))).toEqual(["initial"]);
    expect(mr("w w x 1; w w x 2; u r x 2; u r x 1").verdict).toBe("unknown");
  });

  it("caps anomalies kept but counts them all", () => {
    const text = Array.from({ length: 5 }, (_, i) => `u r x ${i} #${10 - i}`).join("; ");
    const r = runChecker(monotonicReads, hist(text), { maxAnomalies: 2 });
    expect(r.anomalies).toHaveLength(2);
    expect(r.anomalyCount).toBe(4);
  });
});

describe("--first-only", () => {
  it("stops at the first anomaly", () => {
    const h = hist("u r x 1 #9; u r x 2 #5; u r x 3 #4; u r x 4 #3");
    expect(runChecker(monotonicReads, h).anomalyCount).toBe(3);
    const first = runChecker(monotonicReads, h, { firstOnly: true });
    expect(first.verdict).toBe("invalid");
    expect(first.anomalies.map((a) => a.read.version)).toEqual([5]);
  });
});

describe("time budget", () => {
  it("a scan out of time says unknown, with how far it got", () => {
    const text = Array.from(
      { length: 6000 },
      (_, i) => `u w x ${i} #${i + 1}; u r x ${i} #${i + 1}`,
    ).join("; ");
    const h = hist(text);
    const r = runChecker(readYourWrites, h, { timeLimit: 1e-9 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided).toEqual([
      {
        code: "budget-exhausted",
        params: { seconds: 1e-9, done: 4095, total: 24000 },
        count: 1,
        examples: [],
      },
    ]);
    expect(runChecker(readYourWrites, h).verdict).toBe("valid");
  });
});
