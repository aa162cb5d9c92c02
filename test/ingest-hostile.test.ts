/**
 * Issue 7's reproductions, each built here: input that used to be silently changed or
 * dropped, or to crash the process, is now read exactly or rejected with a located error.
 */
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { CausewayInputError, ParseError, StructureError } from "../src/errors.js";
import { loadHistory } from "../src/ingest/index.js";
import { MAX_DEPTH } from "../src/ingest/limits.js";
import { runChecker } from "./support/check.js";
import { byteChunks, rejection } from "./support/input.js";
import { toEdn, toJsonArray, toJsonLines } from "./support/writers.js";

const pair = [
  { type: "invoke", process: 0, f: "write", value: "a" },
  { type: "ok", process: 0, f: "write", value: "a" },
];
const log = (p: number, type: string, f: string, v: string) =>
  `INFO  jepsen.util - ${p}\t:${type}\t:${f}\t${v}`;
const logText = `${[log(0, "invoke", "write", '"a"'), log(0, "ok", "write", '"a"')].join("\n")}\n`;

/** The same two events in every format. */
const formats: [string, string][] = [
  ["json", toJsonArray(pair)],
  ["jsonl", toJsonLines(pair)],
  ["edn", toEdn(pair)],
  ["jepsen-log", logText],
];

const fromBytes = (bytes: Uint8Array, chunk = 1 << 22, name = "h") =>
  loadHistory({ stream: byteChunks(bytes, chunk), name });

async function inputError(p: Promise<unknown>): Promise<CausewayInputError> {
  const e = await rejection(p);
  if (!(e instanceof CausewayInputError)) throw e;
  return e;
}

describe("invalid UTF-8 is a located error in every format, never U+FFFD", () => {
  for (const [format, text] of formats) {
    for (const chunk of [1, 3, 1 << 22]) {
      it(`${format}, chunks of ${chunk} bytes`, async () => {
        // "a" becomes the byte ff on the second line: U+FFFD would make it equal to any other bad byte.
        const second = text.indexOf('"a"', text.indexOf("\n") + 1) + 1;
        const bytes = Buffer.from(text, "utf8");
        bytes[second] = 0xff;
        const e = await inputError(fromBytes(bytes, chunk));
        expect(e).toBeInstanceOf(ParseError);
        expect(e.location).toMatchObject({ file: "h", line: 2, byte: second });
        const col = second - text.lastIndexOf("\n", second - 1);
        expect(e.location.column).toBe(col);
        expect(e.detail).toMatch(/0xff/);
      });
    }
  }

  it("a character cut off by the end of the input, and one split across chunks", async () => {
    const text = toJsonLines([{ type: "invoke", process: 0, f: "write", value: "é€😀" }]);
    const whole = Buffer.from(text, "utf8");
    for (let chunk = 1; chunk <= 5; chunk++) {
      const h = await fromBytes(whole, chunk);
      expect(h.value[0]).toBe("é€😀");
    }
    const cut = whole.subarray(0, -4); // drops '"}' and half of the emoji
    expect((await inputError(fromBytes(cut))).detail).toMatch(/ends inside a character/);
    const surrogate = Buffer.concat([
      Buffer.from('{"type":"invoke","value":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    expect((await inputError(fromBytes(surrogate))).location).toMatchObject({
      line: 1,
      column: 27,
    });
  });
});

describe("byte order marks are accepted in every format", () => {
  for (const [format, text] of formats) {
    it(format, async () => {
      const fromText = await loadHistory({ text: `\uFEFF${text}` });
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      for (const chunk of [1, 2, 1 << 22]) {
        const h = await fromBytes(bytes, chunk);
        expect([h.size, h.format, h.value[0]]).toEqual([1, format, "a"]);
      }
      expect(fromText.format).toBe(format);
    });
  }
});

describe("a history with no ops is unusable", () => {
  const empty: [string, string][] = [
    ["json", "[]"],
    ["jsonl", "\n\n"],
    ["edn", "[]"],
    ["edn comments", "; nothing here\n()"],
    ["jepsen-log", "INFO  jepsen.core - Running test\nINFO  jepsen.core - done\n"],
  ];
  for (const [what, text] of empty) {
    it(what, async () => {
      const e = await inputError(loadHistory({ text, name: "h" }));
      if (what === "jsonl") expect(e.detail).toMatch(/empty/);
      else {
        expect(e).toBeInstanceOf(StructureError);
        expect(e.detail).toMatch(/no ops found/);
      }
    });
  }
});

describe("Jepsen log columns may be separated by any whitespace (Porcupine's etcd_100)", () => {
  const spaced = (p: number, type: string, f: string, v: string) =>
    `INFO  jepsen.util - ${p}${" ".repeat(4 - String(p).length)}:${type.padEnd(7)}:${f.padEnd(7)}${v}`;
  // Not linearizable: process 1 reads 3 after the only write of 3 was overwritten by 0.
  const lines = [
    spaced(0, "invoke", "write", "3"),
    spaced(0, "ok", "write", "3"),
    spaced(2, "invoke", "write", "0"),
    spaced(2, "ok", "write", "0"),
    spaced(1, "invoke", "read", "nil"),
    spaced(1, "ok", "read", "3"),
    spaced(3, "invoke", "cas", "[1 2]"),
    spaced(3, "fail", "cas", "[1 2]"),
    spaced(4, "invoke", "write", "1"),
    spaced(4, "info", "write", ":timed-out"),
    spaced(5, "invoke", "write", "2"),
    `INFO  jepsen.util - 5 :info :write 2 [:timeout "after 5 s"]`,
  ];

  it("reads every op and judges the history", async () => {
    const h = await loadHistory({ text: `${lines.join("\n")}\n`, name: "etcd_100.log" });
    expect(h.format).toBe("jepsen-log");
    expect(h.size).toBe(6);
    expect(h.value.slice(0, 4)).toEqual([3, 0, 3, [1, 2]]);
    expect(h.extras.get(4)?.error).toBe(":timed-out");
    expect(h.value[4]).toBe(1);
    expect(h.extras.get(5)?.error).toEqual([":timeout", "after 5 s"]);
    expect(runChecker(linearizable, h, { model: "cas-register" }).verdict).toBe("invalid");
  });

  it("a line that starts as an op line but does not parse is an error, not a skip", async () => {
    const bad = "INFO  jepsen.util - 3   :invoke :cas    [1 2";
    const e = await inputError(loadHistory({ text: `${lines[0]}\n${bad}\n`, name: "l.log" }));
    expect(e).toBeInstanceOf(ParseError);
    expect(e.location).toMatchObject({ file: "l.log", line: 2, column: 41 });
  });
});

describe("nesting past the depth limit is a located error in every format; no recursion", () => {
  const nested = (depth: number, open: string, close: string) =>
    `${open.repeat(depth)}1${close.repeat(depth)}`;
  for (const n of [10_000, 200_000]) {
    const cases: [string, string, number][] = [
      ["json", `[{"type":"invoke","process":0,"value":${nested(n, "[", "]")}}]`, 1],
      ["jsonl", `{"type":"invoke","process":0,"value":${nested(n, "[", "]")}}`, 1],
      ["edn", `{:type :invoke :process 0 :value ${nested(n, "[", "]")}}`, 1],
      ["edn set", `{:type :invoke :process 0 :value ${nested(n, "#{", "}")}}`, 1],
      ["jepsen-log", log(0, "invoke", "write", nested(n, "[", "]")), 1],
    ];
    for (const [format, text, line] of cases) {
      it(`${format}, ${n} levels`, async () => {
        const e = await inputError(loadHistory({ text, name: "d" }));
        expect(e.detail).toMatch(/nested deeper than 1000 levels/);
        expect(e.location.line).toBe(line);
        expect(e.location.column).toBeGreaterThan(30);
      });
    }
  }

  it("exactly the limit is accepted (the event itself is the first level)", async () => {
    const value = nested(MAX_DEPTH - 1, "[", "]");
    const json = `{"type":"invoke","process":0,"f":"w","value":${value}}\n`;
    const edn = `{:type :invoke :process 0 :f :w :value ${value}}\n`;
    for (const text of [json, edn]) expect((await loadHistory({ text })).size).toBe(1);
    const deeper = `[${value}]`;
    await expect(loadHistory({ text: json.replace(value, deeper) })).rejects.toThrow(/nested/);
    await expect(loadHistory({ text: edn.replace(value, deeper) })).rejects.toThrow(/nested/);
  });
});

describe("EDN that edn-data misread", () => {
  it("character literals of brackets and quotes", async () => {
    const text = String.raw`{:type :invoke :process 0 :f :w :value [\( \" \) \\ \a \newline \u00e9]}`;
    const h = await loadHistory({ text });
    expect(h.value[0]).toEqual(["(", '"', ")", "\\", "a", "\n", "é"]);
  });

  it("a map with an odd number of forms is an error at the map", async () => {
    const e = await inputError(loadHistory({ text: "{:type :invoke :process 0 :f}\n" }));
    expect(e.location).toMatchObject({ line: 1, column: 1 });
    expect(e.detail).toMatch(/key but no value/);
  });
});

describe("messages are one line: control characters escaped, long input cut", () => {
  it("a hostile f name in a structure error", async () => {
    const evil = `\u001b[2J\u001b]0;pwned\u0007all checks passed\n${"x".repeat(1_000_000)}`;
    const events = [
      { type: "invoke", process: 0, f: "read" },
      { type: "ok", process: 0, f: evil },
    ];
    const e = await inputError(
      loadHistory({ text: toJsonLines(events), name: "evil\u001b[31m.jsonl" }),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toMatch(/^evil\\u001b\[31m\.jsonl:2 /);
  });
});
