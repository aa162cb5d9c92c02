import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { replicationCheckIds } from "../src/checkers/registry.js";
import { runCli } from "./support/cli.js";
import { tmpFile, tmpPath } from "./support/tmp.js";

const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";
const ok = "histories/ddia/fig5-3-read-your-writes-ok.jsonl";
const unknown = "histories/session/duplicate-values-unknown.jsonl";

describe("exit status", () => {
  it("0 valid, 1 invalid, 2 unknown; invalid wins over unknown across files", async () => {
    expect((await runCli("check", ok)).code).toBe(0);
    expect((await runCli("check", bad)).code).toBe(1);
    const sessions = ["--checks", "read-your-writes,monotonic-reads"];
    expect((await runCli("check", ...sessions, unknown)).code).toBe(2);
    expect((await runCli("check", ...sessions, unknown, bad, ok)).code).toBe(1);
    // With linearizability, which holds, the session guarantees hold too.
    expect((await runCli("check", unknown)).code).toBe(0);
  });

  it("a checker that does not apply counts only when named: then it is unknown", async () => {
    const mutex = "histories/linearizability/mutex-ok.jsonl";
    expect((await runCli("check", mutex)).code).toBe(0);
    expect((await runCli("check", "--checks", "read-your-writes", mutex)).code).toBe(2);
  });

  it("3 for unusable input, with file, line and field, and no stack trace", async () => {
    const file = tmpFile(
      "broken.jsonl",
      '{"type":"invoke","process":0,"f":"read"}\n{"type":"ok","process":0,"f":"read","index":"x"}\n',
    );
    const run = await runCli("check", file);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `causeway: unusable input: ${file}:2 (op 1, field /index): expected an integer, got "x"\n`,
    );
  });

  it("--debug adds the stack trace", async () => {
    const run = await runCli("check", "--debug", "/nonexistent.jsonl");
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/at .*ingest/);
  });

  it("4 for bad arguments", async () => {
    expect((await runCli("check", "--checks", "nope", ok)).code).toBe(4);
    expect((await runCli("check", "--format", "xml", ok)).code).toBe(4);
    expect((await runCli("check", "--initial", "{bad", ok)).code).toBe(4);
    expect((await runCli("frobnicate")).code).toBe(4);
    expect((await runCli("check")).code).toBe(4);
  });

  it("4 for a request that selects nothing or names a bad option value, before any file is read", async () => {
    for (const checks of ["", ",,,", " , "]) {
      const run = await runCli("check", "--checks", checks, "/nonexistent.jsonl");
      expect([run.code, run.stderr]).toEqual([4, "causeway: no checker selected\n"]);
    }
    const model = await runCli("check", "--model", "nope", "/nonexistent.jsonl");
    expect(model.code).toBe(4);
    const time = await runCli("check", "--time-limit", "-1", "/nonexistent.jsonl");
    expect([time.code, time.stderr]).toEqual([
      4,
      "causeway: --time-limit: expected a positive number, got -1\n",
    ]);
  });

  it("a checker named twice runs once", async () => {
    const run = await runCli(
      "check",
      "--format",
      "json",
      "--checks",
      "linearizable,linearizable",
      ok,
    );
    expect(
      JSON.parse(run.stdout).files[0].results.map((r: { checker: string }) => r.checker),
    ).toEqual(["linearizable"]);
  });
});

describe("reports", () => {
  it("text golden report for figure 5-4", async () => {
    const run = await runCli("check", "histories/ddia/fig5-4-monotonic-reads-bad.jsonl");
    expect(run.stdout).toBe(readFileSync("test/golden/fig5-4-monotonic-reads-bad.txt", "utf8"));
  });

  it("text golden report for figure 5-10 under the nine replication checks (explanations and staleness tables)", async () => {
    const checks = replicationCheckIds;
    const file = "histories/ddia/fig5-10-read-repair-bad.jsonl";
    const run = await runCli("check", "--checks", checks.join(","), file);
    expect(run.stdout).toBe(readFileSync("test/golden/fig5-10-read-repair-bad.txt", "utf8"));
  });

  it("json validates against schemas/report.schema.json and is deterministic", async () => {
    const schema = JSON.parse(readFileSync("schemas/report.schema.json", "utf8"));
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
    const files = ["session", "linearizability"].flatMap((d) =>
      readdirSync(`histories/${d}`)
        .filter((f) => /\.(jsonl|edn)$/.test(f))
        .map((f) => `histories/${d}/${f}`),
    );
    const a = await runCli("check", "--format", "json", ...files);
    const b = await runCli("check", "--format", "json", ...files);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.verdict).toBe("invalid");
  });

  it("--out writes the report atomically and leaves nothing on failure", async () => {
    const out = tmpPath("report.json");
    expect((await runCli("check", "--format", "json", "--out", out, bad)).code).toBe(1);
    expect(JSON.parse(readFileSync(out, "utf8")).verdict).toBe("invalid");
    const out2 = tmpPath("never.json");
    expect((await runCli("check", "--out", out2, bad, "/nonexistent.jsonl")).code).toBe(3);
    expect(existsSync(out2)).toBe(false);
    expect(readdirSync(dirname(out2)).filter((f) => f.includes("never"))).toEqual([]);
  });
});

describe("help", () => {
  it("lists checkers with what they need", async () => {
    const run = await runCli("checks");
    expect(run.stdout).toMatch(/read-your-writes\s+A session's read must observe/);
    expect(run.stdout).toContain("needs:");
  });

  it("--help teaches the exit codes and an example", async () => {
    const run = await runCli("check", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Exit status:");
    expect(run.stdout).toContain("causeway check histories/ddia/*.jsonl");
  });

  it("the built launcher runs (bin/causeway.js)", () => {
    const out = execFileSync("node", ["bin/causeway.js", "check", ok], { encoding: "utf8" });
    expect(out.split("\n")[0]).toBe(`${ok}: valid  (jsonl, 4 ops from 6 events)`);
    const r = spawnSync("node", ["bin/causeway.js", "check", bad], { encoding: "utf8" });
    expect(r.status).toBe(1);
  });

  it("a reader that closes the pipe early ends the run quietly, with the verdict's status", () => {
    // Thousands of stale reads: far more report than a pipe holds, so the write meets a closed pipe.
    const lines = Array.from({ length: 3000 }, (_, i) => [
      `{"type":"invoke","process":0,"f":"write","key":"x","value":${i}}`,
      `{"type":"ok","process":0,"f":"write","key":"x","value":${i},"version":${2 * i + 2}}`,
      `{"type":"invoke","process":0,"f":"read","key":"x"}`,
      `{"type":"ok","process":0,"f":"read","key":"x","value":${i},"version":${2 * i + 1}}`,
    ]).flat();
    const file = tmpFile("many.jsonl", `${lines.join("\n")}\n`);
    const script = `node bin/causeway.js check --checks read-your-writes --max-anomalies 5000 ${file} | head -1; echo "status \${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual([
      `${file}: INVALID  (jsonl, 6000 ops from 12000 events)`,
      "status 1",
    ]);
  });
});
