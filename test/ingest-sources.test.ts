/**
 * Where histories come from: files, standard input ("-"), /dev/stdin, FIFOs, process
 * substitution, gzip (by its magic bytes), text, streams and event objects. Nothing seeks,
 * so every one of them works, and every error names its source.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import { FileError, ParseError, SchemaError } from "../src/errors.js";
import type { History } from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";
import { CHUNK_BYTES } from "../src/ingest/source.js";
import { byteChunks, rejection } from "./support/input.js";
import { tmpPath } from "./support/tmp.js";

const ok = "histories/ddia/fig5-3-read-your-writes-ok.jsonl";
const text = readFileSync(ok, "utf8");
const events = text
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as object);

/** What a History says about its ops, whatever its source. */
const content = (h: History) => ({
  size: h.size,
  status: [...h.status],
  keys: h.keys,
  value: h.value,
  version: [...h.version],
  sessions: h.sessions,
  nodes: h.nodes,
});

const cli = (args: string[], input?: string | Buffer) =>
  spawnSync("node", ["bin/causeway.js", ...args], { input, encoding: "utf8" });

describe("every kind of source gives the same History", () => {
  it("a path, text, a stream of bytes or strings, event objects", async () => {
    const fromFile = content(await loadHistory(ok));
    const sources = [
      { text },
      { stream: byteChunks(text, 7) },
      {
        stream: (async function* () {
          yield* text.match(/[\s\S]{1,5}/g)!;
        })(),
      },
      { events },
      {
        events: (async function* () {
          yield* events;
        })(),
      },
    ];
    for (const source of sources) expect(content(await loadHistory(source))).toEqual(fromFile);
  });

  it("gzip, recognised by its magic bytes whatever the name, even a byte at a time", async () => {
    const gz = gzipSync(text);
    const fromFile = content(await loadHistory(ok));
    expect(content(await loadHistory(writeBytes("h.jsonl", gz)))).toEqual(fromFile);
    expect(content(await loadHistory(writeBytes("h.gz", gz)))).toEqual(fromFile);
    expect(content(await loadHistory({ stream: byteChunks(gz, 1) }))).toEqual(fromFile);
  });

  it("a character split by the border between two 4 MiB chunks of a file", async () => {
    const line = '{"type":"invoke","process":0,"f":"w","value":"ééé"}\n';
    const before = '{"type":"ok","process":0,"f":"w","value":"'.length;
    const pad = `${" ".repeat(CHUNK_BYTES - 2 - before - Buffer.byteLength(line))}\n`;
    const body = `${line}${pad}{"type":"ok","process":0,"f":"w","value":"é${"é".repeat(10)}"}\n`;
    const bytes = Buffer.from(body);
    expect(bytes[CHUNK_BYTES - 1]).toBe(0xc3); // é's first byte ends the first chunk
    const h = await loadHistory(writeBytes("split.jsonl", bytes));
    expect(h.value[0]).toBe("é".repeat(11));
  });

  it("progress: bytes so far, and the total for a file only", async () => {
    const calls: [number, number | undefined][] = [];
    await loadHistory(ok, { onProgress: (n, t) => calls.push([n, t]) });
    expect(calls.at(-1)).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
    const streamed: (number | undefined)[] = [];
    await loadHistory(
      { stream: byteChunks(text, 100) },
      { onProgress: (_n, t) => streamed.push(t) },
    );
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.every((t) => t === undefined)).toBe(true);
  });
});

describe("pipes, FIFOs and standard input (nothing seeks)", () => {
  it("a FIFO", async () => {
    const fifo = tmpPath("h.fifo");
    execFileSync("mkfifo", [fifo]);
    const writing = (async () => {
      const fh = await open(fifo, "w");
      for (const part of text.match(/[\s\S]{1,40}/g)!) await fh.write(part);
      await fh.close();
    })();
    const h = await loadHistory(fifo);
    await writing;
    expect(content(h)).toEqual(content(await loadHistory(ok)));
  });

  it("causeway check - and /dev/stdin read standard input; errors name <stdin>", () => {
    for (const arg of ["-", "/dev/stdin"]) {
      const r = cli(["check", arg], text);
      expect([arg, r.status, r.stderr]).toEqual([arg, 0, ""]);
    }
    const gz = cli(["check", "-"], gzipSync(text));
    expect(gz.status).toBe(0);
    const bad = cli(["check", "-"], `${text.split("\n")[0]}\n{"type":\n`);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/^causeway: unusable input: <stdin>:2:9: malformed JSON/);
  });

  it("process substitution, as in check <(zcat h.gz)", () => {
    const gz = writeBytes("h.jsonl.gz", gzipSync(text));
    const r = spawnSync("bash", ["-c", `node bin/causeway.js check <(gzip -dc '${gz}')`], {
      encoding: "utf8",
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });
});

describe("sources that cannot be read", () => {
  it("a missing file, a folder, corrupt and truncated gzip", async () => {
    const cases: [string, RegExp][] = [
      ["/nonexistent/h.jsonl", /cannot open: ENOENT/],
      [dir(), /is a directory/],
      [writeBytes("bad.gz", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4])), /gzip/],
      [writeBytes("cut.gz", gzipSync(text).subarray(0, 40)), /ends early/],
    ];
    for (const [path, detail] of cases) {
      const e = await rejection(loadHistory(path));
      expect(e, path).toBeInstanceOf(FileError);
      expect((e as FileError).location.file).toBe(path);
      expect((e as FileError).detail, path).toMatch(detail);
    }
  });

  it("a stream's errors carry the name it was given", async () => {
    const e = await rejection(
      loadHistory({ text: '{"type":"invoke"}\n{"type":x}\n', name: "run 7" }),
    );
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).location).toMatchObject({ file: "run 7", line: 2, column: 9 });
  });
});

describe("event objects are checked like parsed ones, and must be JSON data", () => {
  const base = { type: "invoke", process: 0, f: "write" };
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cases: [string, object, string, RegExp][] = [
    ["a function", { ...base, value: () => 1 }, "/value", /not JSON data \(a function\)/],
    ["a class instance", { ...base, value: new Map() }, "/value", /an object of a class/],
    ["a cycle", { ...base, value: cyclic }, "/value/self/self", /nested deeper/],
    ["a schema violation", { ...base, type: "done" }, "/type", /one of/],
  ];
  for (const [what, ev, pointer, detail] of cases) {
    it(what, async () => {
      const e = await rejection(loadHistory({ events: [base, ev], name: "api" }));
      expect(e).toBeInstanceOf(SchemaError);
      expect((e as SchemaError).location).toMatchObject({ file: "api", line: 2, opIndex: 1 });
      expect((e as SchemaError).location.pointer?.startsWith(pointer)).toBe(true);
      expect((e as SchemaError).detail).toMatch(detail);
    });
  }

  it("bigints are welcome where the schema takes any integer", async () => {
    const h = await loadHistory({ events: [{ ...base, key: 2n ** 64n, value: [2n ** 70n] }] });
    expect([h.keys[0], h.value[0]]).toEqual([2n ** 64n, [2n ** 70n]]);
  });
});

function writeBytes(name: string, bytes: Uint8Array): string {
  const path = tmpPath(name);
  writeFileSync(path, bytes);
  return path;
}

function dir(): string {
  const path = tmpPath("folder");
  mkdirSync(path);
  return path;
}

describe("the one-call API reads every kind of source", () => {
  it("check() on text and on a stream of bytes, named as given", async () => {
    const byPath = await check(ok);
    for (const input of [
      { text, name: "t" },
      { stream: byteChunks(text, 9), name: "t" },
    ]) {
      const report = await check(input);
      expect(report.verdict).toBe(byPath.verdict);
      expect(report.files[0]!.ops).toBe(byPath.files[0]!.ops);
      expect(report.files[0]!.file).toBe("t");
    }
  });
});
