/**
 * The Jepsen log reader: op lines in both logger layouts, what fail and info lines mean (as
 * Porcupine reads Jepsen's etcd logs), skipped lines, located errors, and the etcd corpus.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError, SchemaError } from "../src/errors.js";
import type { History } from "../src/history/model.js";
import { Status } from "../src/history/model.js";
import { parseEdnField } from "../src/ingest/edn-parse.js";
import { readEdn } from "../src/ingest/edn-read.js";
import { detectFormat, loadHistory } from "../src/ingest/index.js";
import { readJepsenLog } from "../src/ingest/jepsen-log.js";
import { corpusDir } from "./support/corpus.js";
import { readAll, rejection, textInput } from "./support/input.js";

const logText = (lines: string[]) => `${lines.join("\n")}\n`;
const load = (lines: string[]) => loadHistory({ text: logText(lines), name: "t.log" });

/** A log line as Porcupine's test data has it. */
const op = (p: string | number, type: string, f: string, value: string, error?: string) =>
  `INFO  jepsen.util - ${p}\t:${type}\t:${f}\t${value}${error === undefined ? "" : `\t${error}`}`;

const events = (lines: string[]) => readAll(readJepsenLog, textInput(logText(lines)));

const errorOf = (h: History, id: number) => h.extras.get(id)?.error;

describe("Jepsen log lines", () => {
  it("reads process, type, f and an EDN value; skips other lines, keeps line numbers", async () => {
    const got = await events([
      "INFO  jepsen.core - Running test",
      op(0, "invoke", "read", "nil"),
      "INFO  jepsen.util - no tabs on this jepsen.util line",
      op(0, "ok", "read", "3"),
      op(2, "invoke", "cas", "[3 0]"),
      op(2, "ok", "cas", "[3 0]"),
    ]);
    expect(got).toEqual([
      { ev: { type: "invoke", process: 0, f: "read", value: null }, line: 2 },
      { ev: { type: "ok", process: 0, f: "read", value: 3 }, line: 4 },
      { ev: { type: "invoke", process: 2, f: "cas", value: [3, 0] }, line: 5 },
      { ev: { type: "ok", process: 2, f: "cas", value: [3, 0] }, line: 6 },
    ]);
  });

  it("reads Jepsen's own layout, with time stamp and thread before the logger", async () => {
    const line =
      "INFO [2015-04-30 14:26:05,921] jepsen worker 3 - jepsen.util 3\t:invoke\t:write\t4";
    expect(await events([line])).toEqual([
      { ev: { type: "invoke", process: 3, f: "write", value: 4 }, line: 1 },
    ]);
  });

  it(":info with :timed-out in the value slot: may have happened; the error, not the value", async () => {
    const h = await load([op(4, "invoke", "write", "3"), op(4, "info", "write", ":timed-out")]);
    expect(h.status[0]).toBe(Status.info);
    expect(h.value[0]).toBe(3);
    expect(errorOf(h, 0)).toBe(":timed-out");
  });

  it(":fail :read :timed-out: a read with no result, which changed nothing", async () => {
    const got = await events([op(1, "invoke", "read", "nil"), op(1, "fail", "read", ":timed-out")]);
    expect(got[1]!.ev).toEqual({ type: "fail", process: 1, f: "read", error: ":timed-out" });
    const h = await load([op(1, "invoke", "read", "nil"), op(1, "fail", "read", ":timed-out")]);
    expect([h.status[0], h.value[0]]).toEqual([Status.fail, null]);
  });

  it(":fail :cas keeps its [from to] value: the cas did not happen", async () => {
    const h = await load([op(1, "invoke", "cas", "[0 3]"), op(1, "fail", "cas", "[0 3]")]);
    expect([h.status[0], h.value[0], errorOf(h, 0)]).toEqual([Status.fail, [0, 3], undefined]);
  });

  it("an error after the value: EDN when it looks like EDN, else the text", async () => {
    const got = await events([
      op(1, "fail", "write", "3", ":no-leader"),
      op(2, "info", "write", "4", '[:timeout "after 5 s"]'),
      op(3, "fail", "write", "5", "java.net.SocketTimeoutException: Read timed out"),
    ]);
    expect(got.map((g) => g.ev.error)).toEqual([
      ":no-leader",
      [":timeout", "after 5 s"],
      "java.net.SocketTimeoutException: Read timed out",
    ]);
    expect(got.map((g) => g.ev.value)).toEqual([3, 4, 5]);
  });

  it("the nemesis stands alone; an invocation never completed is info", async () => {
    const h = await load([op(":nemesis", "info", "start", "nil"), op(0, "invoke", "write", '"x"')]);
    expect(h.processes).toEqual(["nemesis", 0]);
    expect([h.status[0], h.status[1]]).toEqual([Status.event, Status.info]);
    expect(h.value[1]).toBe("x");
  });

  it("is detected even after other log lines", async () => {
    expect(
      detectFormat(logText(["INFO  jepsen.core - start", op(0, "invoke", "read", "nil")]))?.id,
    ).toBe("jepsen-log");
    const setUp = "INFO [2015-04-30 14:25:59,077] main - jepsen.os.debian Installing [curl]";
    expect(detectFormat(logText([setUp]))?.id).toBe("jepsen-log");
  });
});

describe("the fields most lines hold, read without the EDN reader", () => {
  const at = { file: "t.log", line: 1, column: 1 };
  const reader = (name: string, text: string) => readEdn(text, 0, { field: name }, at, 1).value;
  const outcome = (read: () => unknown): { value?: unknown; error?: string } => {
    try {
      return { value: read() };
    } catch (e) {
      return { error: String(e) };
    }
  };
  const ints = ["0", "-0", "7", "-7", "10", "123456789012345", "-123456789012345"];
  const notSmall = ["1234567890123456", "-1234567890123456", "00", "01", "-01", "+1", "1N", "1.5"];
  const texts = [
    ...ints,
    ...notSmall,
    "nil",
    "nil ",
    "nils",
    ":read",
    ":timed-out",
    ":cas",
    ":a1",
    ":ns/name",
    `:${"k".repeat(64)}`,
    `:${"k".repeat(65)}`,
    "[]",
    "[1]",
    "[1 2 3]",
    "[1  2]",
    "[1,2]",
    "[:r 1]",
    ...ints.flatMap((a) => [...ints, ...notSmall].map((b) => `[${a} ${b}]`)),
  ];

  it("are the reader's values, -0 and all, in the fields that name things and in the others", () => {
    for (const name of ["f", "value", "error", "process"]) {
      for (const text of texts) {
        const got = outcome(() => parseEdnField(name, text, at));
        const want = outcome(() => reader(name, text));
        expect(Object.is(got.value, -0), `${name} ${text}`).toBe(Object.is(want.value, -0));
        expect(got, `${name} ${text}`).toStrictEqual(want);
      }
    }
  });
});

describe("Jepsen log errors name line and column", () => {
  const cases: [string, string, number, RegExp][] = [
    ["unclosed vector", op(2, "invoke", "cas", "[3 0"), 36, /malformed EDN|not closed/],
    ["two values", op(2, "invoke", "write", "3 4"), 40, /more after it: "4"/],
    ["bad token", op(2, "invoke", "cas", "[3 0x]"), 39, /bad token "0x"/],
    ["no value", "INFO  jepsen.util - 2 :invoke :write", 37, /a value after its function/],
    ["no function", "INFO  jepsen.util - 2 :invoke", 30, /a function and a value/],
  ];
  for (const [name, line, column, detail] of cases) {
    it(name, async () => {
      const error = await rejection(
        readJepsenLog(textInput(logText([op(0, "invoke", "read", "nil"), line])), () => {}),
      );
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).location).toMatchObject({ line: 2, column });
      expect((error as ParseError).detail).toMatch(detail);
    });
  }

  it("a process beyond 2^53 is read exactly, then refused: it must fit a number", async () => {
    const [ev] = await events([op("9007199254740993", "invoke", "read", "nil")]);
    expect(ev!.ev.process).toBe(9007199254740993n);
    const e = await rejection(load([op("9007199254740993", "invoke", "read", "nil")]));
    expect(e).toBeInstanceOf(SchemaError);
    expect((e as SchemaError).location).toMatchObject({ line: 1, pointer: "/process" });
  });
});

describe("the etcd corpus", () => {
  const etcdDir = () => path.join(corpusDir(), "etcd");

  it("loads all 60 runs: every op completes; info and fail lines as logged", async () => {
    const logs = readdirSync(etcdDir()).filter((f) => f.endsWith(".log"));
    expect(logs.length).toBe(60);
    for (const name of logs) {
      const file = path.join(etcdDir(), name);
      const lines = readFileSync(file, "utf8").split("\n");
      const count = (type: string) => lines.filter((l) => l.includes(`\t:${type}\t`)).length;
      const h = await loadHistory(file);
      const st = (s: number) => h.status.filter((x) => x === s).length;
      expect(h.size, name).toBe(count("invoke"));
      expect([st(Status.ok), st(Status.fail), st(Status.info)], name).toEqual([
        count("ok"),
        count("fail"),
        count("info"),
      ]);
      expect(
        h.cmpPos.every((p) => p >= 0),
        name,
      ).toBe(true);
      for (let id = 0; id < h.size; id++) {
        if (h.status[id] === Status.info) expect(errorOf(h, id)).toBe(":timed-out");
      }
    }
  });
});
