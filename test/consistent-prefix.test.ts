/** Consistent prefix: figure 5-5 in both orders, transactions, and what it leaves undecided. */
import { describe, expect, it } from "vitest";
import { consistentPrefix } from "../src/checkers/consistent-prefix.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { runChecker } from "./support/check.js";
import { hist } from "./support/notation.js";

const ids = (r: { anomalies: { ops: { id: number }[] }[] }) =>
  r.anomalies.map((a) => a.ops.map((o) => o.id));

describe("consistent-prefix, causal order", () => {
  // DDIA figure 5-5: Poons asks, Cake answers after reading the question, an observer sees
  // the answer and then no question.
  const bad = hist("p w question 1; c r question 1; c w answer 2; o r answer 2; o r question null");
  const ok = hist("p w question 1; c r question 1; c w answer 2; o r answer 2; o r question 1");

  it("finds the observer who saw the answer and then no question", () => {
    const r = runChecker(consistentPrefix, bad);
    expect(r.anomalies).toMatchObject([
      { kind: "prefix-violation", session: "o", key: "question", violation: "initial" },
    ]);
    expect(ids(r)).toEqual([[0, 2, 3, 4, 1]]);
  });

  it("holds when the observer sees the question too", () => {
    expect(runChecker(consistentPrefix, ok).verdict).toBe("valid");
  });

  it("needs a causal link: writes unrelated but for real time are not ordered by default", () => {
    const h = hist("p w question 1; c w answer 2; o r answer 2; o r question null");
    expect(runChecker(consistentPrefix, h).verdict).toBe("valid");
    const rt = runChecker(consistentPrefix, h, { prefixOrder: "real-time" });
    expect(rt.anomalies).toMatchObject([{ order: "real-time", violation: "initial" }]);
    expect(rt.anomalies[0]!.path).toEqual([{ from: 0, to: 1, relation: "real-time" }]);
  });

  it("compares versions where the history has them", () => {
    const h = hist("p w q 1 #1; p w q 2 #2; c r q 2 #2; c w a 7 #1; o r a 7 #1; o r q 1 #1");
    expect(runChecker(consistentPrefix, h).anomalies).toMatchObject([{ violation: "older" }]);
  });

  it("judges the reads of one transaction as one state", () => {
    const b = new HistoryBuilder("txn");
    let line = 0;
    const op = (process: number, value: unknown[], done: unknown[]) => {
      b.add({ type: "invoke", process, f: "txn", value }, ++line);
      b.add({ type: "ok", process, f: "txn", value: done }, ++line);
    };
    op(0, [["w", "x", 1]], [["w", "x", 1]]);
    op(
      1,
      [
        ["r", "x", null],
        ["w", "y", 2],
      ],
      [
        ["r", "x", 1],
        ["w", "y", 2],
      ],
    );
    op(
      2,
      [
        ["r", "y", null],
        ["r", "x", null],
      ],
      [
        ["r", "y", 2],
        ["r", "x", null],
      ],
    );
    const r = runChecker(consistentPrefix, b.finish());
    expect(r.anomalies).toMatchObject([{ violation: "initial", key: "x" }]);
  });

  it("does not apply without register ops", () => {
    const r = runChecker(consistentPrefix, hist("a add s 1"));
    expect(r.verdict).toBe("n/a");
  });
});
