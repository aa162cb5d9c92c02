/**
 * The size limits: a line or element past MAX_ELEMENT_CHARS, or a string past
 * MAX_STRING_CHARS, is a located ParseError naming the limit in every format, instead of an
 * abort or "Invalid string length". The long inputs stream lazily, never built whole.
 */
import { describe, expect, it } from "vitest";
import { CausewayInputError, ParseError } from "../src/errors.js";
import { loadHistory } from "../src/ingest/index.js";
import { MAX_ELEMENT_CHARS, MAX_STRING_CHARS } from "../src/ingest/limits.js";
import { rejection } from "./support/input.js";

const MiB = 1024 * 1024;

/** `head`, then `fill` repeated to `length` characters, then `tail`, in 1 MiB chunks. */
async function* long(head: string, fill: string, length: number, tail: string) {
  yield head;
  const block = fill.repeat(Math.ceil(MiB / fill.length));
  for (let n = 0; n < length; n += block.length)
    yield block.slice(0, Math.min(block.length, length - n));
  yield tail;
}

async function error(stream: AsyncIterable<string>): Promise<ParseError> {
  const e = await rejection(loadHistory({ stream, name: "big" }));
  if (!(e instanceof CausewayInputError)) throw e;
  expect(e).toBeInstanceOf(ParseError);
  return e as ParseError;
}

const first = '{"type":"invoke","process":0,"f":"w","value":1}\n';

describe("a line or element longer than the limit", () => {
  const over = MAX_ELEMENT_CHARS + 10;
  const cases: [string, () => AsyncIterable<string>, number][] = [
    ["jsonl", () => long(`${first}{"type":"ok","process":0,"value":[`, "1,", over, "1]}\n"), 2],
    ["json", () => long(`[${first.trim()},\n{"type":"ok","value":[`, "1,", over, "1]}]"), 2],
    [
      "json on one line",
      () => long(`[{"type":"invoke"},{"type":"ok","value":[`, "1,", over, "1]}]"),
      1,
    ],
    [
      "edn",
      () => long(`${first.replace(/"(\w+)":/g, ":$1 ")}{:type :ok :value [`, "1 ", over, "]}\n"),
      2,
    ],
    ["jepsen-log", () => long("INFO  jepsen.util - 0\t:invoke\t:write\t[", "1 ", over, "]\n"), 1],
  ];
  for (const [format, stream, line] of cases) {
    it(format, async () => {
      const e = await error(stream());
      expect(e.detail).toMatch(/longer than the limit of 64 MiB/);
      expect(e.location.line).toBe(line);
    });
  }
});

describe("a string longer than the limit", () => {
  const over = MAX_STRING_CHARS + 1;
  const cases: [string, () => AsyncIterable<string>, number][] = [
    ["jsonl", () => long(`${first}{"type":"ok","value":"`, "x", over, '"}\n'), 22],
    ["json", () => long(`[${first.trim()},\n{"type":"ok","value":"`, "x", over, '"}]'), 22],
    ["edn", () => long('{:type :invoke :process 0 :value "', "x", over, '"}\n'), 34],
    ["edn key", () => long('{:type :invoke :process 0 {"', "x", over, '" 1}\n'), 28],
    ["jepsen-log", () => long('INFO  jepsen.util - 0\t:invoke\t:write\t"', "x", over, '"\n'), 38],
    ["edn keyword", () => long("{:type :invoke :process 0 :value :", "x", over, "}\n"), 34],
    ["log process", () => long("INFO  jepsen.util - ", "x", over, "\t:invoke\t:read\tnil\n"), 21],
    [
      "log error text",
      () => long("INFO  jepsen.util - 0\t:info\t:read\tnil\t", "x", over, "\n"),
      39,
    ],
  ];
  for (const [format, stream, column] of cases) {
    it(format, async () => {
      const e = await error(stream());
      expect(e.detail).toMatch(/a string longer than the limit of 16 MiB/);
      expect(e.location.column).toBe(column);
    });
  }

  it("a string just under the limit is read", async () => {
    const h = await loadHistory({
      stream: long('{"type":"invoke","process":0,"f":"w","value":"', "x", MAX_STRING_CHARS, '"}\n'),
    });
    expect((h.value[0] as string).length).toBe(MAX_STRING_CHARS);
  });
});
