/**
 * The EDN reader: each syntax Jepsen's histories use, the exact conversion to the schema's
 * vocabulary, line numbers, located errors, a property test of the streaming op reader
 * against a reading of the whole text, and every file of the shared corpus (../shared/corpus).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../src/errors.js";
import { lineOf, Status } from "../src/history/model.js";
import { readEdn } from "../src/ingest/edn.js";
import { readEdn as readForm } from "../src/ingest/edn-read.js";
import { EdnOpStream } from "../src/ingest/edn-stream.js";
import { detectFormat, loadHistory } from "../src/ingest/index.js";
import { corpusDir, walk } from "./support/corpus.js";
import { seeded } from "./support/fc.js";
import { readAll, rejection, textInput } from "./support/input.js";

const events = (text: string) => readAll(readEdn, textInput(text));

async function parseError(text: string): Promise<ParseError> {
  const e = await rejection(readEdn(textInput(text), () => {}));
  if (e instanceof ParseError) return e;
  throw e;
}

const load = (text: string) => loadHistory({ text, name: "t.edn" });

describe("EDN syntax", () => {
  it("reads op maps one per line, keeping each line number", async () => {
    const got = await events(
      '{:process 0, :type :invoke, :f :get, :key "0", :value nil}\n\n' +
        '{:process 0, :type :ok, :f :get, :key "0", :value "x 0 1 y"}\n',
    );
    expect(got).toEqual([
      { ev: { process: 0, type: "invoke", f: "get", key: "0", value: null }, line: 1 },
      { ev: { process: 0, type: "ok", f: "get", key: "0", value: "x 0 1 y" }, line: 3 },
    ]);
  });

  it("reads one vector spread over lines, with comments; lines are where maps start", async () => {
    const text = `; a comment [ { "
[{:type :invoke,
  :f :cas, :value [1 4], :process 3, :time 99}
 ; Value is 0 ] }
 {:type :fail :f :cas :value [1 4] :process 3 :time 12 :error nil}]
`;
    const got = await events(text);
    expect(got.map((g) => g.line)).toEqual([2, 5]);
    expect(got[1]!.ev).toEqual({
      type: "fail",
      f: "cas",
      value: [1, 4],
      process: 3,
      time: 12,
      error: null,
    });
    const h = await load(text);
    expect(h.status[0]).toBe(Status.fail);
    expect([lineOf(h, 0, "inv"), lineOf(h, 0, "cmp")]).toEqual([2, 5]);
  });

  it("reads a top-level list the same as a vector", async () => {
    const body =
      "{:type :invoke :f :read :value nil :process 1}\n {:type :ok :f :read :value 3 :process 1}";
    expect(await events(`(${body}\n)`)).toEqual(await events(`[${body}]`));
  });

  it("turns names into strings and keeps the colon on other keywords", async () => {
    const [a] = await events(
      "{:process :nemesis :type :info :f :start :value :majority :error [:no-conns nil]}",
    );
    expect(a!.ev).toEqual({
      process: "nemesis",
      type: "info",
      f: "start",
      value: ":majority",
      error: [":no-conns", null],
    });
  });

  it("converts micro-ops: function and key names lose their colon", async () => {
    const [a] = await events(
      "{:index 3 :type :ok :value [[:append 253 1] [:r :x nil] [:r 253 [1 3 4]]]}",
    );
    expect(a!.ev.value).toEqual([
      ["append", 253, 1],
      ["r", "x", null],
      ["r", 253, [1, 3, 4]],
    ]);
  });

  it("sets become sorted arrays, records plain objects, nil null, escapes decoded", async () => {
    const [a] = await events(
      "#jepsen.history.Op{:index 0 :type :invoke :process 1 :op-index 7 :value #{3 1 2}\n" +
        ' :x #{:b "c" :a} :y #jepsen.Foo{:a {:b nil}} :s "q\\"uote\\\\ \\n[;]" :c \\a :big 3N :f 1.5}',
    );
    expect(a!.ev).toEqual({
      index: 0,
      type: "invoke",
      process: 1,
      "op-index": 7,
      value: [1, 2, 3],
      x: [":a", ":b", "c"],
      y: { a: { b: null } },
      s: 'q"uote\\ \n[;]',
      c: "a",
      big: 3,
      f: 1.5,
    });
  });

  it("times may go backwards (Jepsen processes use different clocks)", async () => {
    const h = await load("{:type :invoke :process 0 :time 9}\n{:type :ok :process 0 :time 3}\n");
    expect(h.size).toBe(1);
  });

  it("is detected from the first bytes, without taking JSON", async () => {
    for (const head of [
      "{:a 1}",
      "[{:a 1}]",
      "({:a 1})",
      "; c\n{:a 1}",
      "[\n {:a 1}]",
      "#jepsen.history.Op{:a 1}",
    ]) {
      expect(detectFormat(head)?.id).toBe("edn");
    }
    expect(detectFormat('[{"type":"ok"}]')?.id).toBe("json");
    expect(detectFormat('{"type":"ok"}')?.id).toBe("jsonl");
  });
});

describe("EDN errors name line and column", () => {
  const cases: [string, string, number, number, RegExp][] = [
    ["unclosed map", '{:type :ok}\n  {:type :invoke :value "}"\n', 2, 3, /not closed/],
    ["unclosed vector", "[{:type :ok}\n", 1, 1, /not closed/],
    ["bad token", "{:type :ok}\n{:type :ok :value 1.2.3}", 2, 19, /bad token "1.2.3"/],
    ["mismatched bracket", "{:type :ok :value [1 2}", 1, 23, /"}" where "]"/],
    ["a map with a key but no value", "{:type :ok\n :value {:a 1 :b}}", 2, 9, /key but no value/],
    ["a bad character literal", "{:type :ok :value \\foo}", 1, 19, /character literal/],
    ["a tag with no value", "{:type :ok :value [#inst]}", 1, 20, /tag with no value/],
    ["bad escape", '{:type :ok :value "a\\qb"}', 1, 21, /escape/],
    ["not a map", "[{:type :ok} 3]", 1, 14, /expected an op map/],
    ["a set", "#{:type :ok}", 1, 1, /set/],
    ["text after the history", "[{:type :ok}] {:a 1}", 1, 15, /after the end/],
    ["unclosed string", '{:type :ok :value "abc}\n', 1, 19, /string/],
  ];
  for (const [name, text, line, column, detail] of cases) {
    it(name, async () => {
      const e = await parseError(text);
      expect(e.location).toMatchObject({ line, column });
      expect(e.detail).toMatch(detail);
    });
  }
});

describe("the op stream agrees with reading the whole text at once", () => {
  const tricky = fc.constantFrom(
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    ";",
    '"',
    "\\",
    "\n",
    "#",
    " ",
    ",",
    "a",
    "é",
  );
  const value = fc.oneof(
    fc.string({ unit: tricky, maxLength: 8 }).map((s) => JSON.stringify(s)),
    fc.integer().map(String),
    fc.constantFrom(
      "nil",
      ":kw",
      "[1 [2 \\a]]",
      "#{1 2}",
      "(3 4)",
      "{:n {:m nil}}",
      '#jepsen.X{:a "}"}',
    ),
  );
  const map = fc
    .array(fc.tuple(fc.constantFrom(":a", ":b", ":c", ":d"), value), { maxLength: 4 })
    .map((kvs) => `{${[...new Map(kvs)].map(([k, v]) => `${k} ${v}`).join(" ")}}`);
  const gap = fc.constantFrom(" ", "\n", ",\n", '\n; ] } " comment\n', "\n\n ");

  it("on generated histories split at random points", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(map, gap), { maxLength: 8 }),
        fc.constantFrom("[", "(", ""),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (items, open, cuts) => {
          let text = open ? `${open}\n` : "";
          const lines: number[] = [];
          for (const [m, g] of items) {
            lines.push(text.split("\n").length);
            text += m + g;
          }
          text += open === "[" ? "]" : open === "(" ? ")" : "";
          const got: unknown[] = [];
          const gotLines: number[] = [];
          const scanner = new EdnOpStream("gen.edn", (op, line) => {
            got.push(op);
            gotLines.push(line);
          });
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const p of [...points, text.length]) {
            scanner.push(text.slice(from, p));
            from = p;
          }
          scanner.end();
          const body = open ? text.slice(1, -1) : text;
          const at = { file: "gen.edn", line: 1, column: 1 };
          expect(got).toEqual(readForm(`[${body}]`, 0, { field: "x" }, at).value);
          expect(gotLines).toEqual(lines);
          const fromStream = await events(text);
          expect(fromStream.length).toBe(items.length);
        },
      ),
      seeded(200),
    );
  });
});

describe("the shared corpus", () => {
  it("loads every file of etcd, kv, knossos and elle; one op per invocation", async () => {
    const root = corpusDir();
    const all = ["etcd", "kv", "knossos", "elle"].flatMap((d) => walk(path.join(root, d)));
    const histories = all.filter((f) => /\.(log|txt|edn)$/.test(f));
    expect(histories.length).toBeGreaterThanOrEqual(60 + 4 + 63 + 3);
    for (const file of histories) {
      const text = readFileSync(file, "utf8");
      const invokes = (text.match(/:type\s+:invoke\b|\t:invoke\t/g) ?? []).length;
      const h = await loadHistory(file);
      const lone = h.status.filter((s) => s === Status.event).length;
      expect(h.size, file).toBeGreaterThan(0);
      expect(h.size - lone, file).toBe(invokes);
      expect(h.format, file).toBe(file.endsWith(".log") ? "jepsen-log" : "edn");
    }
  });
});
