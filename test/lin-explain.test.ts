import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { explainLinearizable } from "../src/report/explain/linearizable.js";
import { lin } from "./support/lin-notation.js";

function explain(text: string, options = {}): string[] {
  const h = lin(text);
  const r = linearizable.check(h, options);
  expect(r.verdict).toBe("invalid");
  return r.anomalies.flatMap((a) => explainLinearizable(a, h));
}

describe("explainLinearizable", () => {
  it("explains a register failure", () => {
    expect(explain("1 w 1; 1 ok; 2 r; 2 ok 2")).toMatchInlineSnapshot(`
      [
        "Process 2's read returned 2 (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's write 1 at line 2) the register holds 1; the read would need 2.",
      ]
    `);
  });

  it("explains a cas failure", () => {
    expect(explain("1 w 1; 1 ok; 2 cas [0,5]; 2 ok")).toMatchInlineSnapshot(`
      [
        "Process 2's cas 0 -> 5 (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's write 1 at line 2) the register holds 1; the cas would need 0.",
      ]
    `);
  });

  it("explains a kv failure", () => {
    expect(explain('1 append@k "a"; 1 ok; 2 get@k; 2 ok "b"')).toMatchInlineSnapshot(`
      [
        "Process 2's get of key k returned "b" (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's append "a" to key k at line 2) key k holds "a"; the get would need "b".",
      ]
    `);
  });

  it("explains a multi-register failure", () => {
    expect(
      explain(
        '1 txn [["write","x",1],["write","y",1]]; 1 ok; 2 txn [["read","x",1],["read","y",0]]; 2 ok',
      ),
    ).toMatchInlineSnapshot(`
      [
        "Process 2's transaction [["read","x",1],["read","y",0]] (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's transaction [["write","x",1],["write","y",1]] at line 2) the registers hold x = 1, y = 1; the read of key y would need 0, but finds 1.",
      ]
    `);
  });

  it("explains a mutex failure", () => {
    expect(explain("1 acquire; 1 ok; 2 acquire; 2 ok")).toMatchInlineSnapshot(`
      [
        "Process 2's acquire (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's acquire at line 2) the mutex is held; the acquire would need the mutex free.",
      ]
    `);
  });

  it("explains a set failure", () => {
    expect(explain("1 add 1; 1 ok; 2 read; 2 ok [2]")).toMatchInlineSnapshot(`
      [
        "Process 2's read returned [2] (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's add 1 at line 2) the set holds [1]; the read would need [2], but finds [1].",
      ]
    `);
  });

  it("explains a fifo-queue failure", () => {
    expect(explain("1 enqueue 1; 1 ok; 2 dequeue; 2 ok 2")).toMatchInlineSnapshot(`
      [
        "Process 2's dequeue returned 2 (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's enqueue 1 at line 2) the queue holds [1]; the dequeue would need 2 at the head of the queue.",
      ]
    `);
  });

  it("explains a empty queue failure", () => {
    expect(explain("1 enqueue 1; 1 ok; 2 dequeue; 2 ok nil")).toMatchInlineSnapshot(`
      [
        "Process 2's dequeue returned null (line 4), but no order of the ops that overlap it allows that: after the longest linearizable prefix (1 op, ending with process 1's enqueue 1 at line 2) the queue holds [1]; the dequeue saw an empty queue, but its head is 1.",
      ]
    `);
  });

  it("lists at most five overlapping ops, then counts the rest", () => {
    const reads = Array.from({ length: 8 }, (_, i) => `${i + 10} r`).join("; ");
    const oks = Array.from({ length: 8 }, (_, i) => `${i + 10} ok ${i + 100}`).join("; ");
    const lines = explain(`${reads}; ${oks}`, { firstOnly: true });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^Overlapping it and not in that prefix: process 11's read returning 101 \(line 10\);.*, and 2 more\.$/,
    );
  });
});
