/** Jepsen independent [key value] tuples are split into key and value only when every register op has that shape. */
import { describe, expect, it } from "vitest";
import { HistoryBuilder, type RawEvent } from "../src/history/builder.js";
import { splitIndependentKeys } from "../src/history/independent.js";

function history(ops: [f: string, invoke: unknown, ok: unknown][], extra: Partial<RawEvent> = {}) {
  const b = new HistoryBuilder("t");
  let line = 0;
  ops.forEach(([f, invoke, ok], p) => {
    b.add({ type: "invoke", process: p, f, value: invoke } as RawEvent, ++line);
    b.add({ type: "ok", process: p, f, value: ok, ...extra } as RawEvent, ++line);
  });
  return b.finish();
}

const tuples: [string, unknown, unknown][] = [
  ["write", ["a", 1], ["a", 1]],
  ["write", ["b", 2], ["b", 2]],
  ["read", null, ["a", 1]],
];

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
    expect(h.independentKeys).toEqual({ split: true, forced: false });
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

  it("versions, nodes or sessions are evidence of one register of pairs: the values are kept", () => {
    for (const extra of [{ version: 1 }, { node: "n1" }, { session: "s" }]) {
      const h = splitIndependentKeys(history(tuples, extra));
      expect(h.keys).toEqual([]);
      expect(h.independentKeys).toMatchObject({ split: false });
    }
    expect(splitIndependentKeys(history(tuples, { version: 1 })).independentKeys).toEqual({
      split: false,
      evidence: "version",
    });
  });

  it("either reading can be forced", () => {
    const forced = splitIndependentKeys(history(tuples, { version: 1 }), "split");
    expect(forced.keys).toEqual(["a", "b"]);
    expect(forced.independentKeys).toEqual({ split: true, forced: true });
    const kept = history(tuples);
    expect(splitIndependentKeys(kept, "keep")).toBe(kept);
  });
});
