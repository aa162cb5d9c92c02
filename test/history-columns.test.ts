/**
 * The History's compact storage reads back exactly what was read: chunked columns across chunk
 * boundaries, ids in narrow types, lines and indices stored only once an event breaks the
 * position-plus-offset rule (and then for every op, earlier ones included), times as 32-bit
 * integers only when all of them fit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HistoryBuilder, type RawEvent } from "../src/history/builder.js";
import { columnClass, Float64Column } from "../src/history/columns.js";
import { indexOf, lineOf, timeOf } from "../src/history/model.js";
import { seeded } from "./support/fc.js";

describe("chunked columns", () => {
  it("read back what was pushed and set, across chunk boundaries, and freeze right-sized", () => {
    // Chunks of 4 KiB: 1024 entries, the first one doubling from 16 up to them.
    const Int32Column = columnClass((n) => new Int32Array(n), 4, 4096);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (n, sets) => {
          const column = new Int32Column();
          const plain: number[] = [];
          for (let i = 0; i < n; i++) plain.push(column.push(i * 7) * 7);
          for (const s of sets) {
            if (n === 0) break;
            column.set(s % n, -s);
            plain[s % n] = -s;
          }
          expect(column.length).toBe(n);
          if (n > 0) expect(column.get(n - 1)).toBe(plain[n - 1]);
          const frozen = column.freeze();
          expect(frozen.length).toBe(n);
          expect(Array.from(frozen)).toEqual(plain);
          expect(column.length).toBe(0);
        },
      ),
      seeded(20),
    );
  });

  it("drains chunk by chunk, in order", () => {
    const column = new Float64Column(1);
    for (let i = 0; i < 4_200_000; i++) column.push(i / 2);
    const starts: number[] = [];
    const out = new Float64Array(4_200_000);
    column.drain((part, from) => {
      starts.push(from);
      out.set(part, from);
    });
    expect(starts).toEqual([0, 4_194_304]);
    expect(out[4_199_999]).toBe(4_199_999 / 2);
  });
});

/** One sequential client: invoke then ok, per op; `lines` and `indices` per event (undefined: the event has none). */
function build(events: { line: number; index?: number; time?: number; key?: string }[]) {
  const b = new HistoryBuilder("t.jsonl", "jsonl");
  events.forEach((e, i) => {
    const ev: RawEvent = { type: i % 2 === 0 ? "invoke" : "ok", process: 0, f: "read" };
    if (e.index !== undefined) ev.index = e.index;
    if (e.time !== undefined) ev.time = e.time;
    if (e.key !== undefined) ev.key = e.key;
    b.add(ev, e.line);
  });
  return b.finish();
}

describe("lines and indices", () => {
  it("read back as given, whether or not an event breaks the position-plus-offset rule", () => {
    const gaps = fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 5 })), {
      minLength: 2,
      maxLength: 60,
    });
    fc.assert(
      fc.property(gaps, fc.integer({ min: 1, max: 9 }), fc.boolean(), (steps, first, indexed) => {
        const events = steps.slice(0, steps.length - (steps.length % 2)).map((_, i) => ({
          line: first + steps.slice(0, i).reduce((s, x) => s + x, 0),
          ...(indexed ? { index: 100 + 2 * i - (steps[i]! > 3 ? 1 : 0) } : {}),
        }));
        const h = build(events);
        for (let id = 0; id < h.size; id++) {
          expect(lineOf(h, id, "inv")).toBe(events[2 * id]!.line);
          expect(lineOf(h, id, "cmp")).toBe(events[2 * id + 1]!.line);
          expect(indexOf(h, id, "inv")).toBe(indexed ? events[2 * id]!.index : 2 * id);
          expect(indexOf(h, id, "cmp")).toBe(indexed ? events[2 * id + 1]!.index : 2 * id + 1);
        }
      }),
      seeded(100),
    );
  });

  it("are stored only when some event breaks the rule", () => {
    const regular = build([{ line: 1 }, { line: 2 }, { line: 3 }, { line: 4 }]);
    expect(regular.lines).toEqual({ offset: 1 });
    expect(regular.indices).toEqual({ offset: 0 });
    const gap = build([{ line: 1 }, { line: 2 }, { line: 4 }, { line: 5 }]);
    expect(Array.from(gap.lines.inv!)).toEqual([1, 4]);
    expect(Array.from(gap.lines.cmp!)).toEqual([2, 5]);
  });

  it("of a completion that never came are -1 and NaN, stored or not", () => {
    const b = new HistoryBuilder("t.jsonl");
    b.add({ type: "invoke", process: 0, f: "read" }, 1);
    b.add({ type: "invoke", process: 1, f: "read" }, 2);
    b.add({ type: "ok", process: 1, f: "read" }, 7);
    const h = b.finish();
    expect([lineOf(h, 0, "cmp"), indexOf(h, 0, "cmp")]).toEqual([-1, Number.NaN]);
    expect([lineOf(h, 1, "inv"), lineOf(h, 1, "cmp")]).toEqual([2, 7]);
  });
});

describe("times", () => {
  it("are 32-bit integers when they all fit, doubles otherwise, and none without any", () => {
    const small = build([
      { line: 1, time: 5 },
      { line: 2 },
      { line: 3, time: -7 },
      { line: 4, time: 9 },
    ]);
    expect(small.times?.inv).toBeInstanceOf(Int32Array);
    expect([timeOf(small, 0, "inv"), timeOf(small, 0, "cmp"), timeOf(small, 1, "cmp")]).toEqual([
      5,
      Number.NaN,
      9,
    ]);
    for (const big of [2 ** 31, -(2 ** 31), 1.5, 1e15]) {
      const h = build([
        { line: 1, time: big },
        { line: 2, time: 1 },
      ]);
      expect(h.times?.inv).toBeInstanceOf(Float64Array);
      expect([timeOf(h, 0, "inv"), timeOf(h, 0, "cmp")]).toEqual([big, 1]);
    }
    expect(build([{ line: 1 }, { line: 2 }]).times).toBeUndefined();
  });
});

describe("ids", () => {
  it("take the narrowest type that holds them, and -1 for none", () => {
    for (const [keys, type] of [
      [100, Int8Array],
      [128, Int8Array],
      [129, Int16Array],
      [40_000, Int32Array],
    ] as const) {
      const events = Array.from({ length: 2 * keys }, (_, i) => ({
        line: i + 1,
        key: `k${i >> 1}`,
      }));
      const h = build(events);
      expect(h.key).toBeInstanceOf(type);
      expect(h.keys[h.key[keys - 1]!]).toBe(`k${keys - 1}`);
      expect(h.node[0]).toBe(-1);
    }
  });
});
