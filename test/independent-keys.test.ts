/** Jepsen independent [key value] tuples are split into key and value only when every register op has that shape. */
import { describe, expect, it } from "vitest";
import { HistoryBuilder, type RawEvent } from "../src/history/builder.js";
import { splitIndependentKeys } from "../src/history/independent.js";

function history(ops: [f: string, invoke: unknown, ok: unknown][]) {
  const b = new HistoryBuilder("t");
  let line = 0;
  ops.forEach(([f, invoke, ok], p) => {
    b.add({ type: "invoke", process: p, f, value: invoke } as RawEvent, ++line);
    b.add({ type: "ok", process: p, f, value: ok } as RawEvent, ++line);
  });
  return b.finish();
}

describe("splitIndependentKeys", () => {
  it("splits reads, writes and cas of [key value] tuples", () => {
    const h = splitIndependentKeys(
      history([
        ["write", [0, 1], [0, 1]],
        ["cas", [1, [1, 2]], [1, [1, 2]]],
        ["read", [0, null], [0, 1]],
        ["nemesis-thing", "x", "x"],
      ]),
    );
    expect(h.independent).toBe(true);
    expect([...h.key].map((k) => (k < 0 ? null : h.keys[k]))).toEqual([0, 1, 0, null]);
    expect(h.value).toEqual([1, [1, 2], 1, "x"]);
  });

  it("leaves a plain register alone, even one whose values are pairs", () => {
    const plain = history([
      ["write", 1, 1],
      ["read", null, 1],
    ]);
    expect(splitIndependentKeys(plain)).toBe(plain);
    const cas = history([
      ["write", [0, 1], [0, 1]],
      ["cas", [0, 1], [0, 1]],
    ]);
    expect(splitIndependentKeys(cas)).toBe(cas);
    const structured = history([["write", [[0], 1], [[0], 1]]]);
    expect(splitIndependentKeys(structured)).toBe(structured);
  });
});
