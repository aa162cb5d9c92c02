import path from "node:path";
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { loadHistory } from "../src/ingest/index.js";
import { checkLinearizability } from "../src/lin/check.js";
import { casRegister } from "../src/lin/models/cas-register.js";
import { runChecker } from "./support/check.js";
import { corpusDir } from "./support/corpus.js";
import { lin } from "./support/lin-notation.js";

const corpus = corpusDir();

/** `count` writes of distinct values, all overlapping, then a read of a value none wrote: exponential for the search. */
function hardKey(key: string, count: number, proc0: number): string {
  const inv = Array.from({ length: count }, (_, i) => `${proc0 + i} w@${key} ${i + 1}`);
  const ok = Array.from({ length: count }, (_, i) => `${proc0 + i} ok`);
  return [...inv, ...ok, `${proc0} r@${key}`, `${proc0} ok 999`].join("; ");
}

describe("linearizable: anomalies as data", () => {
  // Knossos's rethink-fail-minimal: 0 is written; a read overlapping a write of 4 returns 3.
  const text = "0 w 0; 0 ok; 1 r; 2 w 4; 1 ok 3; 2 ok; 3 r; 3 ok 4";

  it("names the op, the longest prefix, the state after it and what the op needed", () => {
    const h = lin(text);
    const r = runChecker(linearizable, h);
    expect(r.verdict).toBe("invalid");
    expect(r.anomalies).toHaveLength(1);
    const a = r.anomalies[0]!;
    expect(a).toMatchObject({ kind: "not-linearizable", model: "register", keys: [null] });
    expect(a.op).toBe(1);
    expect(a.ops[0]).toMatchObject({ id: 1, f: "read", value: 3, line: 5, invokeLine: 3 });
    expect(a.prefixLength).toBe(2);
    expect(a.prefixTail).toEqual([0, 2]);
    expect(a.state).toBe(4);
    expect(a.need).toEqual({ what: "read", wanted: 3, found: 4 });
    expect(a.ops.map((o) => o.id)).toEqual([1, 0, 2]);
  });

  it("lists overlapping ops outside the prefix", () => {
    const h = lin("1 w@x 1; 2 r@x; 3 w@x 2; 2 ok 7; 1 ok; 3 ok");
    const a = runChecker(linearizable, h).anomalies[0]!;
    expect(a.op).toBe(1);
    expect(a.prefixLength + a.concurrentCount).toBe(2);
    expect(a.need).toEqual({ what: "read", key: "x", wanted: 7, found: 2 });
  });

  it("returns a linearization that respects real time and the model when valid", () => {
    const h = lin("1 w 1; 2 w 2; 1 ok; 3 r; 2 ok; 3 ok 1; 4 cas [1,3]; 4 ok; 5 r; 5 ok 3");
    const report = checkLinearizability(h, { model: casRegister });
    expect(report.objects[0]!.outcome).toBe("valid");
    expect(report.objects[0]!.order).toEqual([1, 0, 2, 3, 4]);
  });
});

describe("linearizable: budgets", () => {
  it("cuts off a hard key on a tiny time budget, promptly, and still decides the others", () => {
    const h = lin(
      `${hardKey("hard", 24, 10)}; 1 w@a 1; 1 ok; 2 r@a; 2 ok 1; 3 w@b 1; 3 ok; 4 r@b; 4 ok 2`,
    );
    const t0 = performance.now();
    const r = runChecker(linearizable, h, { timeLimit: 0.15 });
    // A behaviour, not a speed target: the deadline must cut the search off (generous for loaded CI).
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.verdict).toBe("invalid");
    expect(r.anomalies.map((a) => a.keys)).toEqual([["b"]]);
    expect(r.undecided).toEqual([
      expect.objectContaining({ code: "budget-exhausted", count: 1, keys: ["hard"] }),
    ]);
    expect(r.stats).toMatchObject({
      objects: 3,
      objectsValid: 1,
      objectsInvalid: 1,
      objectsUnknown: 1,
    });
  });

  it("says unknown, not valid, when only the hard key is undecided", () => {
    const h = lin(`${hardKey("hard", 24, 10)}; 1 w@a 1; 1 ok; 2 r@a; 2 ok 1`);
    const r = runChecker(linearizable, h, { timeLimit: 0.1 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided[0]!.keys).toEqual(["hard"]);
  });

  it("cuts off a key whose cache outgrows the memory bound", () => {
    const h = lin(`${hardKey("hard", 24, 10)}; 1 w@a 1; 1 ok; 2 r@a; 2 ok 1`);
    const r = runChecker(linearizable, h, { memoryLimit: 2, timeLimit: 20 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided[0]).toMatchObject({ code: "memory-exhausted", keys: ["hard"] });
  });

  it("stops at the first illegal key with firstOnly", () => {
    const h = lin(
      "1 w@a 1; 1 ok; 2 r@a; 2 ok 2; 3 w@b 1; 3 ok; 4 r@b; 4 ok 2; 5 w@c 1; 5 ok; 6 r@c; 6 ok 1",
    );
    const all = runChecker(linearizable, h);
    expect(all.anomalies).toHaveLength(2);
    const first = runChecker(linearizable, h, { firstOnly: true });
    expect(first.verdict).toBe("invalid");
    expect(first.anomalies).toHaveLength(1);
    expect(first.undecided[0]).toMatchObject({ code: "stopped-early", count: 2 });
  });

  it("caps the anomalies kept with maxAnomalies, and counts them all", () => {
    const h = lin("1 w@a 1; 1 ok; 2 r@a; 2 ok 2; 3 w@b 1; 3 ok; 4 r@b; 4 ok 2");
    const r = runChecker(linearizable, h, { maxAnomalies: 1 });
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalyCount).toBe(2);
  });
});

describe("linearizable: recorded histories", () => {
  it("finds elle-cli's cas-register memstress3-9 (JSON) linearizable", async () => {
    const h = await loadHistory(path.join(corpus, "jepsen-json/cas-register-memstress3-9.json"));
    const r = runChecker(linearizable, h);
    expect(r.verdict).toBe("valid");
    expect(r.stats.objectsValid).toBe(1);
  });

  it("ignores nemesis ops and counts what it dropped", () => {
    const h = lin("1 w 1; 1 ok; 2 r; 2 info; 3 cas [5,6]; 3 fail; 4 r; 4 ok 1");
    const r = runChecker(linearizable, h);
    expect(r.stats).toMatchObject({
      searched: 2,
      failedOpsDropped: 1,
      indeterminateReadsDropped: 1,
    });
  });
});
