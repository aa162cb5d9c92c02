/** CI gating: --fail-on chooses which findings fail the run, --expect passes a suite of known-bad histories that fail exactly as expected; both are checked before any history is read. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpFile, tmpPath } from "./support/tmp.js";

const ryw = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";
const mr = "histories/ddia/fig5-4-monotonic-reads-bad.jsonl";
const ok = "histories/ddia/fig5-3-read-your-writes-ok.jsonl";
const unknown = "histories/session/duplicate-values-unknown.jsonl";

describe("--fail-on", () => {
  it("only the named checkers decide the status; the others are reported", async () => {
    // fig5-3-bad breaks read-your-writes and linearizability, not monotonic reads.
    expect((await runCli("check", "--fail-on", "monotonic-reads", ryw)).code).toBe(0);
    expect((await runCli("check", "--fail-on", "read-your-writes", ryw)).code).toBe(1);
    expect((await runCli("check", "--fail-on", "monotonic-reads,linearizable", ryw)).code).toBe(1);
    const run = await runCli("check", "--fail-on", "monotonic-reads", ryw);
    expect(run.stdout).toMatch(/read-your-writes +INVALID {2}1 anomaly/);
  });

  it("anomaly kinds fail the run wherever they are found", async () => {
    expect((await runCli("check", "--fail-on", "non-monotonic-read", ryw)).code).toBe(0);
    expect((await runCli("check", "--fail-on", "non-monotonic-read", mr)).code).toBe(1);
    expect((await runCli("check", "--fail-on", "missed-own-write", ryw, mr)).code).toBe(1);
  });

  it("an undecided named checker is 2; none and all", async () => {
    const sessions = ["--checks", "read-your-writes,monotonic-reads"];
    expect(
      (await runCli("check", ...sessions, "--fail-on", "read-your-writes", unknown)).code,
    ).toBe(2);
    expect((await runCli("check", ...sessions, "--fail-on", "garbage-read", unknown)).code).toBe(0);
    expect((await runCli("check", "--fail-on", "none", ryw)).code).toBe(0);
    expect((await runCli("check", "--fail-on", "all", ryw)).code).toBe(1);
  });

  it("a named checker that does not apply decided nothing: 2, not 0", async () => {
    const mutex = "histories/linearizability/mutex-ok.jsonl";
    expect((await runCli("check", "--fail-on", "read-your-writes", mutex)).code).toBe(2);
  });

  it("is checked before any file is read", async () => {
    const run = await runCli("check", "--fail-on", "nope", "/nonexistent.jsonl");
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /^causeway: --fail-on: "nope" is neither a checker nor an anomaly kind; checkers: read-your-writes/,
    );
  });

  it("works on a saved report too", async () => {
    const json = await runCli("check", "--format", "json", ryw);
    const saved = tmpFile("r.json", json.stdout);
    expect((await runCli("report", "--fail-on", "monotonic-reads", saved)).code).toBe(0);
    expect((await runCli("report", saved)).code).toBe(1);
  });
});

/** An expectation file in a temporary folder, its paths relative to it. */
function expectFile(entries: Record<string, unknown>): string {
  const file = tmpPath("suite.expect.json");
  const rel = Object.fromEntries(
    Object.entries(entries).map(([k, v]) => [relative(dirname(file), k), v]),
  );
  return tmpFile("suite.expect.json", JSON.stringify(rel));
}

/** The checkers named, so that a checker added later does not change what these tests expect. */
const three = ["--checks", "read-your-writes,monotonic-reads,linearizable"];

describe("--expect", () => {
  it("passes a suite whose histories fail as expected (the sidecar format of histories/)", async () => {
    const sidecar = (f: string) => JSON.parse(readFileSync(`${f}.expected.json`, "utf8"));
    const file = expectFile({ [ryw]: sidecar(ryw), [mr]: sidecar(mr), [ok]: "valid" });
    const run = await runCli("check", "--expect", file, ryw, mr, ok);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  it("the README's example file passes histories/ddia", async () => {
    const ddia = readdirSync("histories/ddia")
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => `histories/ddia/${f}`);
    const run = await runCli("check", "--expect", "docs/ddia.expect.json", ...ddia);
    expect([run.code, run.stderr]).toEqual([0, ""]);
  });

  it("6, naming each difference, when a history fails another way, or passes", async () => {
    const file = expectFile({
      [ryw]: { "read-your-writes": "valid", linearizable: "invalid" },
      [mr]: { "monotonic-reads": { verdict: "invalid", anomalies: [{ kind: "garbage-read" }] } },
      [ok]: "invalid",
    });
    const run = await runCli("check", ...three, "--expect", file, ryw, mr, ok);
    expect(run.code).toBe(6);
    expect(run.stderr.split("\n").filter((l) => l)).toEqual([
      `causeway: not as expected: ${ryw}: read-your-writes: verdict expected "valid", got "invalid"`,
      `causeway: not as expected: ${mr}: monotonic-reads: anomalies expected [{"kind":"garbage-read"}], got [{"kind":"non-monotonic-read"}]`,
      `causeway: not as expected: ${mr}: linearizable: invalid (1 anomaly), but no anomaly is expected`,
      `causeway: not as expected: ${ok}: expected invalid, got valid`,
    ]);
  });

  it("a history with no expectation is not as expected", async () => {
    const run = await runCli("check", "--expect", expectFile({ [ok]: "valid" }), ok, ryw);
    expect(run.code).toBe(6);
    expect(run.stderr).toBe(`causeway: not as expected: ${ryw}: no expectation for this history\n`);
  });

  it("lines, violations and undecided codes are compared when given", async () => {
    const good = expectFile({
      [ryw]: {
        "read-your-writes": {
          verdict: "invalid",
          anomalies: [{ lines: [2, 5], violation: "older", kind: "missed-own-write" }],
        },
        linearizable: "invalid",
      },
    });
    expect((await runCli("check", ...three, "--expect", good, ryw)).code).toBe(0);
    const lines = expectFile({
      [ryw]: {
        "read-your-writes": {
          verdict: "invalid",
          anomalies: [{ kind: "missed-own-write", lines: [1, 5] }],
        },
        linearizable: "invalid",
      },
    });
    expect((await runCli("check", ...three, "--expect", lines, ryw)).code).toBe(6);
  });

  it("a bad expectation file is a usage error before any history is read", async () => {
    const cases: [string, RegExp][] = [
      ["[1]", /expected an object of history paths/],
      ['{"x.jsonl": "maybe"}', /x.jsonl: "maybe" is not valid, invalid or unknown/],
      ['{"x.jsonl": {"nope": "valid"}}', /unknown checker "nope"/],
      [
        '{"x.jsonl": {"linearizable": {"verdict": "invalid", "anomalies": [{"kind": "missed-own-write"}]}}}',
        /"missed-own-write" is not a kind linearizable reports/,
      ],
      [
        '{"x.jsonl": {"linearizable": {"verdict": "invalid", "extra": 1}}}',
        /unknown field "extra"/,
      ],
      ["{", /cannot read/],
    ];
    for (const [text, message] of cases) {
      const run = await runCli("check", "--expect", tmpFile("e.json", text), "/nonexistent.jsonl");
      expect(run.code, text).toBe(4);
      expect(run.stderr).toMatch(message);
    }
    const both = await runCli(
      "check",
      "--expect",
      tmpFile("e.json", "{}"),
      "--fail-on",
      "all",
      "/nonexistent.jsonl",
    );
    expect([both.code, both.stderr]).toEqual([
      4,
      "causeway: --fail-on and --expect decide the exit status each: give one\n",
    ]);
  });
});
