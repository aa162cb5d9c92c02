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
/** Per checker its expectation; `options`, if present, are flags to check with (`{"causal-level": "cm"}`). */
type ExpectationFile = Record<string, Expected> & { options?: Record<string, string> };

const expectations = new Map(
  files.map((f) => {
    const { options = {}, ...byChecker } = JSON.parse(
      readFileSync(`${f}.expected.json`, "utf8"),
    ) as ExpectationFile;
    return [f, { byChecker: byChecker as Record<string, Expected>, options }] as const;
  }),
);

describe("every history in histories/ gives its expected verdicts", () => {
  it.each(files)("%s", async (file) => {
    const { byChecker: expected, options } = expectations.get(file)!;
    const ids = Object.keys(expected);
    const flags = Object.entries(options).flatMap(([flag, value]) => [`--${flag}`, value]);
    const run = await runCli(
      "check",
      "--format",
      "json",
      "--checks",
      ids.join(","),
      ...flags,
      file,
    );
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
    const verdicts = new Set([...expectations.values()].map((e) => e.byChecker[id]?.verdict));
    expect(verdicts).toContain("valid");
    expect(verdicts).toContain("invalid");
  });

  it("histories/ddia covers every figure of DDIA chapter 5 with a scenario, and each topology of 5-8, in both variants", () => {
    const ddia = files.filter((f) => f.includes("ddia")).map((f) => f.split("/").pop()!);
    const figures = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13].map((n) => `fig5-${n}`);
    for (const fig of [...figures, "fig5-8-circular", "fig5-8-star", "fig5-8-all-to-all"]) {
      const mine = ddia.filter((f) => f.startsWith(`${fig}-`) || f === `${fig}.jsonl`);
      expect(mine.filter((f) => f.includes("-bad")).length, fig).toBeGreaterThan(0);
      expect(mine.filter((f) => !f.includes("-bad")).length, fig).toBeGreaterThan(0);
    }
  });
});
