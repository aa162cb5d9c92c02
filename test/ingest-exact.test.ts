/**
 * Integers beyond 2^53 are read exactly in every format (issue 7): as bigints, distinct from
 * each other and from every number and string; versions compare exactly, so a stale read
 * that rounding would hide is found, and keys that rounding would merge stay apart.
 */
import { describe, expect, it } from "vitest";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import { SchemaError } from "../src/errors.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { Interner } from "../src/history/columns.js";
import { exactTime, exactVersion, type History } from "../src/history/model.js";
import { valueKey } from "../src/history/vocabulary.js";
import { loadHistory } from "../src/ingest/index.js";
import { canonicalKey, stringifyExact } from "../src/value-text.js";
import { runChecker } from "./support/check.js";
import { rejection } from "./support/input.js";
import { toEdn, toJsonArray, toJsonLines } from "./support/writers.js";

const K1 = 9007199254740992n; // 2^53: the first integer a double cannot tell from its neighbour
const K2 = 9007199254740993n;
const W = 432345564227567617n; // TiDB-style versions: the write...
const R = 432345564227567616n; // ...and a read of the version before it

/** Two keys that rounding merges, and a session that reads an older version than it wrote. */
const events = [
  { type: "invoke", process: 0, f: "write", key: K1, value: 1 },
  { type: "ok", process: 0, f: "write", key: K1, value: 1, version: W },
  { type: "invoke", process: 0, f: "write", key: K2, value: 2 },
  { type: "ok", process: 0, f: "write", key: K2, value: 2, version: W + 1n },
  { type: "invoke", process: 0, f: "read", key: K1 },
  { type: "ok", process: 0, f: "read", key: K1, value: 0, version: R },
];

const logLines = [
  `INFO  jepsen.util - 0\t:invoke\t:write\t[${K1} 1]`,
  `INFO  jepsen.util - 0\t:ok\t:write\t[${K1} 1]`,
  `INFO  jepsen.util - 0\t:invoke\t:write\t[${K2} 2]`,
  `INFO  jepsen.util - 0\t:ok\t:write\t[${K2} 2]`,
];

const sources: [string, string][] = [
  ["json", toJsonArray(events)],
  ["json on one line", toJsonArray(events, false)],
  ["jsonl", toJsonLines(events)],
  ["edn", toEdn(events)],
  ["edn with N suffixes", toEdn(events).replace(/(\d{16,})/g, "$1N")],
];

const load = (text: string, name = "h") => loadHistory({ text, name });

describe("integers beyond 2^53 are read exactly", () => {
  for (const [format, text] of sources) {
    it(`${format}: keys stay distinct, versions compare exactly, the stale read is found`, async () => {
      const h = await load(text);
      expect(h.keys).toEqual([K1, K2]);
      expect(h.versionValues).toBeDefined();
      expect([0, 1, 2].map((id) => exactVersion(h, id))).toEqual([W, W + 1n, R]);
      // Ranks keep the order: the read's version is older than the write's.
      expect(h.version[2]!).toBeLessThan(h.version[0]!);
      const result = runChecker(readYourWrites, h);
      expect(result.verdict).toBe("invalid");
      expect(result.anomalies.map((a) => a.ops.map((o) => o.id))).toEqual([[0, 2]]);
    });
  }

  it("log lines: Jepsen independent keys beyond 2^53 stay two keys", async () => {
    const h = await load(`${logLines.join("\n")}\n`, "h.log");
    expect(h.independentKeys?.split).toBe(true);
    expect(h.keys).toEqual([K1, K2]);
    expect(h.value).toEqual([1, 2]);
  });

  it("a safe integer stays a number; 2^53 - 1 is still safe", async () => {
    const text = '{"type":"invoke","process":0,"f":"write","value":9007199254740991,"time":12}\n';
    const h = await load(text);
    expect(h.value[0]).toBe(9007199254740991);
    expect(h.versionValues).toBeUndefined();
  });

  it("a float literal stays a double, however large", async () => {
    const h = await load(
      '{"type":"invoke","process":0,"f":"write","value":{"a":1e300,"b":12345678901234567.5}}\n',
    );
    expect(h.value[0]).toEqual({ a: 1e300, b: Number("12345678901234567.5") });
  });

  it("times beyond 2^53 are kept exactly for display", async () => {
    const t = 1700000000123456789n;
    const h = await load(
      `{"type":"invoke","process":0,"f":"read","time":${t}}\n{"type":"ok","process":0,"f":"read","time":${t + 1n}}\n`,
    );
    expect(exactTime(h, 0)).toBe(t + 1n);
    expect(h.bigTimes?.get(0)).toEqual({ inv: t, cmp: t + 1n });
  });

  it("an index, process or session beyond 2^53 is refused with its field, not rounded", async () => {
    for (const field of ["index", "process", "session"]) {
      const text = `{"type":"invoke","f":"read","${field}":${K2}}\n`;
      const e = await rejection(load(text));
      expect(e, field).toBeInstanceOf(SchemaError);
      expect((e as SchemaError).location).toMatchObject({ line: 1, pointer: `/${field}` });
    }
    const vector = `{"type":"ok","process":"r","version":{"n1":${K2}}}\n`;
    expect(((await rejection(load(vector))) as SchemaError).location.pointer).toBe("/version/n1");
  });
});

describe("value keys: a bigint is distinct from every number and string, equal to itself", () => {
  it("valueKey and Interner", () => {
    const all = [
      K1,
      K2,
      9007199254740992,
      "9007199254740992",
      `\u0000n${K1}`,
      [K1],
      [9007199254740992],
    ];
    const keys = all.map(valueKey);
    expect(new Set(keys).size).toBe(all.length);
    expect(valueKey(9007199254740993n)).toBe(valueKey(K2));
    const interner = new Interner<unknown>();
    expect(all.map((v) => interner.id(v))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(interner.id(9007199254740993n)).toBe(1);
    expect(interner.id([9007199254740992n])).toBe(5);
  });

  it("canonicalKey: equal maps meet whatever their key order; no recursion", () => {
    expect(canonicalKey({ a: 1, b: [2n, "x"] })).toBe(canonicalKey({ b: [2n, "x"], a: 1 }));
    expect(canonicalKey([2n])).not.toBe(canonicalKey([2]));
    expect(canonicalKey(["2n"])).not.toBe(canonicalKey([2n]));
    let deep: unknown = 1n;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(canonicalKey(deep)).toHaveLength(2 * 50_000 + 2);
  });
});

describe("JSON for reports: bigints as their exact digits", () => {
  it("stringifyExact", () => {
    const doc = { a: 2n ** 70n, b: [1, "x", -K2], c: "\u0000not a mark 0" };
    expect(stringifyExact(doc)).toBe(
      `{"a":1180591620717411303424,"b":[1,"x",-9007199254740993],"c":"\\u0000not a mark 0"}`,
    );
    expect(stringifyExact({ a: 1 }, 2)).toBe(JSON.stringify({ a: 1 }, null, 2));
  });
});

describe("ranked versions", () => {
  it("equal versions share a rank, a number and a bigint compare by value", () => {
    const b = new HistoryBuilder("v");
    const versions: (number | bigint)[] = [5, 9007199254740993n, 5n, 9007199254740992n, 7];
    for (const [i, v] of versions.entries())
      b.add({ type: "ok", process: `r${i}`, version: v }, i + 1);
    const h: History = b.finish();
    expect([...h.version]).toEqual([0, 3, 0, 2, 1]);
    expect(versions.map((_v, id) => exactVersion(h, id))).toEqual(versions);
  });
});
