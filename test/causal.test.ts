/** The causal checker: each bad pattern of Bouajjani et al. (2017) on a small history, with the ops it cites, per level. */
import { describe, expect, it } from "vitest";
import { causal } from "../src/checkers/causal.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

const kinds = (r: { anomalies: { kind: string }[] }) => r.anomalies.map((a) => a.kind);
const ids = (r: { anomalies: { ops: { id: number }[] }[] }) =>
  r.anomalies.map((a) => a.ops.map((o) => o.id));

describe("causal, level cc", () => {
  it("holds on a causally consistent history", () => {
    const r = runChecker(causal, hist("a w x 1; b r x 1; b w y 2; c r y 2; c r x 1"));
    expect(r.verdict).toBe("valid");
  });

  it("finds CyclicCO: each session read the other's later write", () => {
    const r = runChecker(causal, hist("a r x 1; a w y 1; b r y 1; b w x 1"));
    expect(kinds(r)).toEqual(["cyclic-co"]);
    expect(new Set(ids(r)[0])).toEqual(new Set([0, 1, 2, 3]));
  });

  it("finds ThinAirRead", () => {
    const r = runChecker(causal, hist("a w x 1; a r x 3"));
    expect(kinds(r)).toEqual(["thin-air-read"]);
    expect(ids(r)).toEqual([[1]]);
  });

  it("finds WriteCOInitRead through another session's read", () => {
    const r = runChecker(causal, hist("a w x 1; a w y 1; b r y 1; b r x null"));
    expect(kinds(r)).toEqual(["write-co-init-read"]);
    expect(ids(r)).toEqual([[0, 1, 2, 3]]);
  });

  it("finds WriteCORead: a read of an overwritten value after the overwrite became visible", () => {
    const r = runChecker(causal, hist("a w x 1; a w x 2; a w y 1; b r y 1; b r x 1"));
    expect(kinds(r)).toEqual(["write-co-read"]);
    expect(r.anomalies[0]).toMatchObject({ observed: 0, newer: 1, read: 4 });
  });

  it("reads version order as arbitration: an older version read after a newer one was seen", () => {
    const r = runChecker(causal, hist("a w x 1 #1; b w x 2 #2; b w y 1; c r y 1; c r x 1 #1"));
    expect(kinds(r)).toEqual(["write-co-read"]);
    expect(r.anomalies[0]).toMatchObject({
      order: [{ relation: "version-order", versions: [1, 2] }],
    });
  });

  it("allows a read of either of two concurrent writes", () => {
    const h = hist("a w x 1; b w x 2; c r x 1; c r x 2; d r x 2; d r x 1");
    expect(runChecker(causal, h).verdict).toBe("valid");
  });

  it("is undecided where values are written twice, and n/a without writes", () => {
    const dup = runChecker(causal, hist("a w x 1; b w x 1; c r x 1"));
    expect([dup.verdict, dup.undecided.map((u) => u.code)]).toEqual([
      "unknown",
      ["not-differentiated"],
    ]);
    const none = runChecker(causal, hist("a r x null"));
    expect([none.verdict, none.notApplicable?.code]).toEqual(["n/a", "no-writes"]);
  });
});

describe("causal, level ccv", () => {
  it("finds CyclicCF where two sessions saw two writes in opposite orders", () => {
    const h = hist("a w x 1; b w x 2; c r x 1; c r x 2; d r x 2; d r x 1");
    const r = runChecker(causal, h, { causalLevel: "ccv" });
    expect(kinds(r)).toEqual(["cyclic-cf"]);
    expect(new Set(ids(r)[0])).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });
});

describe("causal, level cm", () => {
  it("finds CyclicHB where one session's reads order two writes both ways", () => {
    const h = hist("a w x 1; b w x 2; s r x 1; s r x 2; s r x 1");
    expect(runChecker(causal, h).verdict).toBe("valid");
    expect(kinds(runChecker(causal, h, { causalLevel: "cm" }))).toEqual(["cyclic-hb"]);
  });

  it("finds WriteHBInitRead that only the session's view proves", () => {
    const h = hist(
      "p w y 1; p w x 1; p w u 1; q w x 2; q w z 1; s r z 1; s r y null; s r u 1; s r x 2",
    );
    expect(runChecker(causal, h).verdict).toBe("valid");
    expect(runChecker(causal, h, { causalLevel: "ccv" }).verdict).toBe("valid");
    const r = runChecker(causal, h, { causalLevel: "cm" });
    expect(kinds(r)).toEqual(["write-hb-init-read"]);
    expect(r.anomalies[0]).toMatchObject({ write: 0, read: 6, view: 8 });
  });

  it("says unknown, with the reason, when the time budget runs out", () => {
    const h = hist("a w x 1; b w x 2; s r x 1; s r x 2; s r x 1");
    const r = runChecker(causal, h, { causalLevel: "cm", timeLimit: 1e-9 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided).toMatchObject([{ code: "budget-exhausted", params: { seconds: 1e-9 } }]);
  });
});
