/** JUnit XML: valid against the common JUnit structure (test/fixtures/junit.xsd, by xmllint in WebAssembly), and well-formed XML 1.0 whatever the history's strings hold. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { runCli } from "./support/cli.js";
import { tmpFile } from "./support/tmp.js";

const schema = { fileName: "junit.xsd", contents: readFileSync("test/fixtures/junit.xsd", "utf8") };

async function validate(xml: string) {
  const r = await validateXML({ xml: { fileName: "report.xml", contents: xml }, schema });
  return { valid: r.valid, errors: r.errors.map((e) => e.message) };
}

/** A stale read whose key, session and values hold what XML 1.0 cannot carry, and markup. */
function hostileHistory(): string {
  const s = '\u0001\u000b\u001f\ud800\uffff & <x> "q" ]]> \t\r\n end';
  const ev = (o: object) => JSON.stringify(o);
  return [
    ev({ type: "invoke", process: 0, session: s, f: "write", key: s, value: s }),
    ev({ type: "ok", process: 0, session: s, f: "write", key: s, value: s, version: 2 }),
    ev({ type: "invoke", process: 0, session: s, f: "read", key: s }),
    ev({ type: "ok", process: 0, session: s, f: "read", key: s, value: `${s}!`, version: 1 }),
  ].join("\n");
}

describe("--format junit", () => {
  it("the validator rejects what it should (a raw control character, a missing name)", async () => {
    expect(
      (await validate('<testsuites><testsuite name="a" tests="0">\u0001</testsuite></testsuites>'))
        .valid,
    ).toBe(false);
    expect((await validate('<testsuites><testsuite tests="0"/></testsuites>')).valid).toBe(false);
    expect((await validate('<testsuites><testsuite name="a" tests="0"/></testsuites>')).valid).toBe(
      true,
    );
  });

  it("one suite per file, one case per checker: failures carry the explanation, n/a is skipped", async () => {
    const base = ["--checks", "read-your-writes,monotonic-reads,linearizable"];
    const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";
    const mutex = "histories/linearizability/mutex-ok.jsonl";
    // The checkers are named, so that a checker added later does not change the counts.
    const run = await runCli("check", "--format", "junit", ...base, bad, mutex);
    expect(run.code).toBe(1);
    expect(await validate(run.stdout)).toEqual({ valid: true, errors: [] });
    const suites = [
      ...run.stdout.matchAll(
        /<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
      ),
    ];
    expect(suites.map((m) => m.slice(1))).toEqual([
      [bad, "3", "2", "0", "0"],
      [mutex, "3", "0", "0", "2"],
    ]);
    expect(run.stdout).toContain(
      '<testsuites name="causeway" tests="6" failures="2" errors="0" skipped="2">',
    );
    expect(run.stdout).toMatch(
      /<failure message="INVALID 1 anomaly" type="missed-own-write">\s+\[1\] Session user-1234 did not read its own write/,
    );
    expect(run.stdout).toMatch(/<skipped message="not applicable: /);
  });

  it("an undecided checker is an error", async () => {
    const run = await runCli(
      "check",
      "--format",
      "junit",
      "--checks",
      "read-your-writes",
      "histories/session/duplicate-values-unknown.jsonl",
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/<error message="unknown ambiguous-value" type="ambiguous-value">/);
    expect((await validate(run.stdout)).valid).toBe(true);
  });

  it("stays valid XML when the history holds control characters, lone surrogates and markup", async () => {
    const run = await runCli(
      "check",
      "--format",
      "junit",
      tmpFile("hostile.jsonl", hostileHistory()),
    );
    expect(run.code).toBe(1);
    expect(await validate(run.stdout)).toEqual({ valid: true, errors: [] });
    expect(run.stdout).toContain("\\u0001\\u000b\\u001f\\ud800\\uffff &amp; &lt;x&gt;");
    expect(run.stdout).not.toContain("<x>");
  });

  it("a result --fail-on does not count is skipped, saying what it found", async () => {
    const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";
    const run = await runCli("check", "--format", "junit", "--fail-on", "monotonic-reads", bad);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '<skipped message="reported only, not counted: INVALID 1 anomaly"/>',
    );
    expect(run.stdout).toContain("<system-out>  [1] Session user-1234");
    expect((await validate(run.stdout)).valid).toBe(true);
  });
});
