import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileError, ParseError, SchemaError, StructureError } from "../src/errors.js";
import { lineOf, Status, timeOf } from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";
import { readJsonArray, readJsonLines } from "../src/ingest/json.js";
import { seeded } from "./support/fc.js";
import { readAll, rejection, textInput } from "./support/input.js";
import { tmpFile } from "./support/tmp.js";

const pair = (p: number, f: string, v: unknown, extra = "") =>
  `{"type":"invoke","process":${p},"f":"${f}","value":null${extra}}\n{"type":"ok","process":${p},"f":"${f}","value":${JSON.stringify(v)}${extra}}\n`;

describe("JSON Lines and JSON arrays", () => {
  it("pairs invocations with completions and keeps lines", async () => {
    const h = await loadHistory(
      tmpFile(
        "a.jsonl",
        pair(0, "read", 1) + "\n" + pair(1, "write", 2, ',"key":"x","session":"s"'),
      ),
    );
    expect(h.size).toBe(2);
    expect(h.events).toBe(4);
    expect([lineOf(h, 0, "inv"), lineOf(h, 1, "inv")]).toEqual([1, 4]);
    expect([lineOf(h, 0, "cmp"), lineOf(h, 1, "cmp")]).toEqual([2, 5]);
    expect(h.value[0]).toBe(1);
    expect(h.sessions[h.session[1]!]).toBe("s");
    expect(h.keys[h.key[1]!]).toBe("x");
  });

  it("reads a JSON array spread over lines the same as JSON Lines", async () => {
    const text = pair(0, "read", [1, "]"]) + pair(1, "write", { a: '}\\"[' });
    const lines = text.trim().split("\n");
    const a = await loadHistory(tmpFile("a.json", `[\n${lines.join(",\n")}\n]`));
    const b = await loadHistory(tmpFile("b.jsonl", text));
    expect(a.value).toEqual(b.value);
    expect([lineOf(a, 0, "inv"), lineOf(a, 1, "inv")]).toEqual([2, 4]);
  });

  it("an invocation never completed is indeterminate (info)", async () => {
    const h = await loadHistory(
      tmpFile("a.jsonl", '{"type":"invoke","process":0,"f":"write","value":1}\n'),
    );
    expect(h.status[0]).toBe(Status.info);
    expect(h.cmpPos[0]).toBe(-1);
  });

  it("lone events of named processes stand alone", async () => {
    const h = await loadHistory(
      tmpFile("a.jsonl", '{"type":"ok","process":"replica:n1","f":"apply","value":1}\n'),
    );
    expect(h.status[0]).toBe(Status.event);
  });

  it("keys from user data never reach prototypes", async () => {
    const h = await loadHistory(
      tmpFile("a.jsonl", pair(0, "write", 1, ',"key":"__proto__","__proto__":{"polluted":1}')),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(h.keys[h.key[0]!]).toBe("__proto__");
  });

  // Objects whose numbers JSON.parse reads exactly (bigints have their own tests).
  const objects = (maxKeys: number) =>
    fc
      .array(fc.dictionary(fc.string({ unit: "grapheme" }), fc.jsonValue(), { maxKeys }), {
        maxLength: 8,
      })
      .filter((objs) => !/(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/.test(JSON.stringify(objs)));

  it("the array scanner agrees with JSON.parse, whatever the chunk borders", async () => {
    await fc.assert(
      fc.asyncProperty(
        objects(4),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (objs, chunk, pretty) => {
          const text = JSON.stringify(objs, null, pretty ? 1 : 0);
          const got = await readAll(readJsonArray, textInput(text, chunk));
          expect(got.map((g) => g.ev)).toEqual(JSON.parse(JSON.stringify(objs)));
        },
      ),
      seeded(200),
    );
  });

  it("JSON Lines keep every line whole across chunk borders", async () => {
    await fc.assert(
      fc.asyncProperty(objects(3), fc.integer({ min: 1, max: 32 }), async (objs, chunk) => {
        const text = objs.map((o) => JSON.stringify(o)).join("\r\n");
        const got = await readAll(readJsonLines, textInput(text, chunk));
        expect(got.map((g) => g.ev)).toEqual(JSON.parse(JSON.stringify(objs)));
      }),
      seeded(200),
    );
  });
});

describe("unusable input names file, line and field", () => {
  it("malformed JSON Lines: line and column", async () => {
    const file = tmpFile("bad.jsonl", pair(0, "read", 1) + '{"type":"invoke","process":1,"f":}\n');
    const e = await rejection(loadHistory(file));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).location).toMatchObject({ file, line: 3, column: 34 });
  });

  it("malformed JSON array: line and column inside the element", async () => {
    const file = tmpFile("bad.json", '[{"type":"invoke","process":0},\n {"type": ok}]');
    const e = (await rejection(loadHistory(file))) as ParseError;
    expect(e).toBeInstanceOf(ParseError);
    expect(e.location).toMatchObject({ line: 2, column: 11 });
  });

  it("a truncated array", async () => {
    const e = (await rejection(
      loadHistory(tmpFile("t.json", '[{"type":"invoke","process":0}')),
    )) as ParseError;
    expect(e.detail).toMatch(/not closed/);
  });

  it("schema violation: pointer and expectation", async () => {
    const file = tmpFile("s.jsonl", pair(0, "read", 1) + '{"type":"done","process":0}\n');
    const e = (await rejection(loadHistory(file))) as SchemaError;
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.location).toMatchObject({ file, line: 3, opIndex: 2, pointer: "/type" });
    expect(e.detail).toContain('"invoke"');
  });

  it("schema violation in a nested field", async () => {
    const e = (await rejection(
      loadHistory(tmpFile("s.jsonl", '{"type":"ok","process":"r","version":{"a":-1}}\n')),
    )) as SchemaError;
    expect(e.location.pointer).toBe("/version/a");
  });

  it("a completion with no invocation", async () => {
    const e = (await rejection(
      loadHistory(tmpFile("c.jsonl", '{"type":"ok","process":4,"f":"read"}\n')),
    )) as StructureError;
    expect(e).toBeInstanceOf(StructureError);
    expect(e.detail).toMatch(/no invocation/);
    expect(e.location.line).toBe(1);
  });

  it("two completions for one invocation", async () => {
    const e = (await rejection(
      loadHistory(
        tmpFile("c.jsonl", `${pair(0, "read", 1)}{"type":"ok","process":0,"f":"read"}\n`),
      ),
    )) as StructureError;
    expect(e.detail).toMatch(/second completion.*line 1.*line 2/);
    expect(e.location.line).toBe(3);
  });

  it("an invocation while the process has one pending", async () => {
    const text =
      '{"type":"invoke","process":0,"f":"read"}\n{"type":"invoke","process":0,"f":"read"}\n';
    expect(
      ((await rejection(loadHistory(tmpFile("c.jsonl", text)))) as StructureError).detail,
    ).toMatch(/still pending/);
  });

  it("indices that go backwards", async () => {
    const text =
      '{"type":"invoke","process":0,"f":"read","index":5}\n{"type":"ok","process":0,"f":"read","index":5}\n';
    const e = (await rejection(loadHistory(tmpFile("i.jsonl", text)))) as StructureError;
    expect(e.location).toMatchObject({ line: 2, pointer: "/index" });
  });

  it("times that go backwards are accepted: order is the events' position", async () => {
    const text =
      '{"type":"invoke","process":0,"f":"read","time":9}\n{"type":"ok","process":0,"f":"read","time":3}\n';
    const h = await loadHistory(tmpFile("t.jsonl", text));
    expect([timeOf(h, 0, "inv"), timeOf(h, 0, "cmp"), h.cmpPos[0]]).toEqual([9, 3, 1]);
  });

  it("a missing file and an unknown format", async () => {
    expect(await rejection(loadHistory("/nonexistent/h.jsonl"))).toBeInstanceOf(FileError);
    expect(((await rejection(loadHistory(tmpFile("x.txt", "hello")))) as FileError).detail).toMatch(
      /unrecognised format/,
    );
    expect(((await rejection(loadHistory(tmpFile("e.jsonl", "")))) as FileError).detail).toMatch(
      /empty/,
    );
  });
});
