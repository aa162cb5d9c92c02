/** Runs the CLI over every history in histories/ and compares verdicts, anomaly kinds and lines with the expectation beside it. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkers } from "../src/checkers/registry.js";
import { runCli } from "./support/cli.js";

/** Per checker: its verdict, its anomalies (kind, violation, the lines of the ops they cite), and where set the codes of what it left undecided, why it does not apply, or which checker's verdict implies its own. */
interface Expected {
  verdict: string;
  anomalies?: { kind: string; violation?: string; lines: number[] }[];
  undecided?: string[];
  notApplicable?: string;
  implied?: string;
}

const root = "histories";
const historyFile = /\.(jsonl|json|edn|log|txt)$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const files = walk(root).filter((f) => historyFile.test(f) && !f.endsWith(".expected.json"));
const expectations = new Map(
  files.map((f) => [
    f,
    JSON.parse(readFileSync(`${f}.expected.json`, "utf8")) as Record<string, Expected>,
  ]),
);

describe("every history in histories/ gives its expected verdicts", () => {
  it.each(files)("%s", async (file) => {
    const expected = expectations.get(file)!;
    const ids = Object.keys(expected);
    const run = await runCli("check", "--format", "json", "--checks", ids.join(","), file);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    for (const result of report.files[0].results) {
      const want = expected[result.checker]!;
      expect({ checker: result.checker, verdict: result.verdict }).toEqual({
        checker: result.checker,
        verdict: want.verdict,
      });
      const got = result.anomalies.map(
        (a: { kind: string; violation?: string; ops: { line: number }[] }) => ({
          kind: a.kind,
          ...(a.violation ? { violation: a.violation } : {}),
          lines: a.ops.map((o) => o.line),
        }),
      );
      expect(got).toEqual(want.anomalies ?? []);
      if (want.undecided)
        expect(result.undecided.map((u: { code: string }) => u.code)).toEqual(want.undecided);
      expect(result.notApplicable?.code).toBe(want.notApplicable);
      expect(result.implied?.by).toBe(want.implied);
    }
  });
});

describe("histories/ coverage", () => {
  it("every history has an expectation file and every expectation a history", () => {
    const sidecars = walk(root).filter((f) => f.endsWith(".expected.json"));
    expect(sidecars.map((s) => s.replace(/\.expected\.json$/, "")).sort()).toEqual(
      [...files].sort(),
    );
  });

  it.each(checkers.map((c) => c.id))("checker %s has histories with both verdicts", (id) => {
    const verdicts = new Set([...expectations.values()].map((e) => e[id]?.verdict));
    expect(verdicts).toContain("valid");
    expect(verdicts).toContain("invalid");
  });

  it("histories/ddia covers figures 5-3 and 5-4 in both variants", () => {
    const ddia = files.filter((f) => f.includes("ddia"));
    for (const fig of ["fig5-3", "fig5-4"]) {
      expect(ddia.filter((f) => f.includes(fig) && f.includes("-ok"))).toHaveLength(1);
      expect(ddia.filter((f) => f.includes(fig) && f.includes("-bad"))).toHaveLength(1);
    }
  });
});
