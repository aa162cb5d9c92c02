/** Formats and destinations: colour only on a terminal, GitHub annotations, the output folder, and HTML from a saved report. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { runCli } from "./support/cli.js";
import { tmpFile, tmpPath } from "./support/tmp.js";

const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";

/** Runs the CLI with a stdout that says it is a terminal. */
async function onTerminal(env: Record<string, string>, ...args: string[]) {
  let text = "";
  const stdout = Object.assign(
    new Writable({
      write(chunk, _e, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY: true },
  );
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  const code = await main(args, { stdout, stderr, env });
  return { code, text };
}

describe("colour", () => {
  it("on a terminal the verdicts are coloured; the text is the same without the codes", async () => {
    const plain = await runCli("check", bad);
    const tty = await onTerminal({}, "check", bad);
    expect(tty.text).toContain("\u001b[1;31mINVALID\u001b[0m");
    expect(tty.text).toContain("\u001b[32mvalid\u001b[0m");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the colour codes
    expect(tty.text.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain.stdout);
  });

  it("none with NO_COLOR, when piped, or into a file", async () => {
    expect((await onTerminal({ NO_COLOR: "1" }, "check", bad)).text).not.toContain("\u001b");
    expect((await runCli("check", bad)).stdout).not.toContain("\u001b");
    const out = tmpPath("r.txt");
    await onTerminal({}, "check", "--out", out, bad);
    expect(readFileSync(out, "utf8")).not.toContain("\u001b");
  });

  it("a history cannot smuggle colour codes in: they stay escaped", async () => {
    const key = "\u001b[32mk";
    const ev = (o: object) => JSON.stringify(o);
    const file = tmpFile(
      "esc.jsonl",
      [
        ev({ type: "invoke", process: 0, f: "write", key, value: 1 }),
        ev({ type: "ok", process: 0, f: "write", key, value: 1, version: 2 }),
        ev({ type: "invoke", process: 0, f: "read", key }),
        ev({ type: "ok", process: 0, f: "read", key, value: 0, version: 1 }),
      ].join("\n"),
    );
    const tty = await onTerminal({}, "check", file);
    expect(tty.text).toContain("\\u001b[32mk");
    expect(tty.text).not.toContain("\u001b[32mk");
  });
});

/** The checkers named, so that a checker added later does not change what these tests expect. */
const three = ["--checks", "read-your-writes,monotonic-reads,linearizable"];

describe("--format github", () => {
  it("one error per anomaly on its latest line; messages and properties escaped", async () => {
    const run = await runCli("check", "--format", "github", ...three, bad);
    const lines = run.stdout.trim().split("\n");
    expect(lines.map((l) => l.slice(0, l.indexOf("::", 2)))).toEqual([
      `::error file=${bad},line=5,title=read-your-writes%3A missed-own-write`,
      `::error file=${bad},line=5,title=linearizable%3A not-linearizable`,
    ]);
    const implied = await runCli(
      "check",
      "--format",
      "github",
      "--checks",
      "read-your-writes,causal",
      bad,
    );
    expect(implied.stdout.split("\n")[1]!.slice(0, 100)).toBe(
      `::error file=${bad},title=causal%3A INVALID  (implied by read-your-writes; on its own%3A unrecorded-version)`.slice(
        0,
        100,
      ),
    );
    expect(lines[0]).toContain(
      "::Session user-1234 did not read its own write to key comments:55.%0AW = ",
    );
  });

  it("findings that do not count are warnings", async () => {
    const run = await runCli("check", "--format", "github", "--fail-on", "linearizable", bad);
    expect(run.stdout).toMatch(
      /^::warning file=[^\n]*title=read-your-writes%3A missed-own-write \(reported only%2C not counted\)::/,
    );
    expect(run.stdout).toMatch(/\n::error file=[^\n]*title=linearizable%3A not-linearizable::/);
  });
});

describe("--out DIR", () => {
  it("writes every view, and the report to stdout", async () => {
    const dir = `${tmpPath("out")}/`;
    const run = await runCli(
      "check",
      ...three,
      "--out",
      dir,
      bad,
      "histories/ddia/fig5-4-monotonic-reads-bad.jsonl",
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^histories\/ddia\/fig5-3-read-your-writes-bad.jsonl: INVALID/);
    expect(readdirSync(dir).sort()).toEqual([
      "junit.xml",
      "missed-own-write.txt",
      "non-monotonic-read.txt",
      "not-linearizable.txt",
      "report.html",
      "report.json",
      "report.txt",
    ]);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toBe(run.stdout);
    const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(json.files.map((f: { timeline?: unknown }) => f.timeline)).toEqual([
      undefined,
      undefined,
    ]);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain('"positions":"event"');
    const lin = readFileSync(join(dir, "not-linearizable.txt"), "utf8");
    expect(lin.split("\n\n").map((e) => e.split("\n")[0])).toEqual([
      `${bad}, linearizable [1]:`,
      "histories/ddia/fig5-4-monotonic-reads-bad.jsonl, linearizable [1]:",
    ]);
  });

  it("a folder that cannot be made is a usage error before any file is read", async () => {
    const file = tmpFile("plain.txt", "");
    const run = await runCli("check", "--out", `${file}/sub/`, "/nonexistent.jsonl");
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^causeway: cannot write the reports to .*: .* is not a folder\n$/);
  });

  it("an existing folder is a folder; nothing is written when a file is unusable", async () => {
    const dir = tmpPath("never");
    expect((await runCli("check", "--out", `${dir}/`, "/nonexistent.jsonl")).code).toBe(3);
    expect(existsSync(dir)).toBe(false);
  });
});

describe("causeway report --format html", () => {
  it("draws the ops the findings cite when the report has no timeline", async () => {
    const json = await runCli("check", "--format", "json", bad);
    const run = await runCli("report", "--format", "html", tmpFile("r.json", json.stdout));
    expect(run.code).toBe(1);
    const data = JSON.parse(/id="causeway-data"[^>]*>([^<]*)<\/script>/.exec(run.stdout)![1]!);
    expect(data.files[0].complete).toBe(false);
    expect(data.files[0].timeline).toMatchObject({ positions: "line", id: [0, 2], status: "oo" });
  });
});
