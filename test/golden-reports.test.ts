/**
 * What a user sees, pinned byte for byte: the JSON report, with its timeline, of every history
 * in histories/ (each with the options its expectation names) and of every corpus history (by
 * digest: the corpus is not ours to copy). The History's storage and the derived layers are
 * tuned for memory; none of that may change a verdict, an anomaly, a cited line or a time.
 * `npx vitest run -u test/golden-reports.test.ts` rewrites the files after a deliberate change.
 * What a report says of memory (the linearizability cache's size) is left out: tuning memory
 * changes it by design.
 */
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import { optionSpecs } from "../src/checkers/options.js";
import { checkers } from "../src/checkers/registry.js";
import { renderJson } from "../src/report/json.js";
import type { Report } from "../src/report/model.js";
import { corpusDir, walk } from "./support/corpus.js";

const historyFile = /\.(jsonl|json|edn|log|txt)$/;

function historiesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) =>
      e.isDirectory() ? historiesIn(path.join(dir, e.name)) : [path.join(dir, e.name)],
    )
    .filter((f) => historyFile.test(f) && !f.endsWith(".expected.json"));
}

const specs = new Map(optionSpecs(checkers).map((o) => [o.name, o]));

/** The expectation's flags (`{"causal-level": "cm", "max-lag": "500"}`) as request options (`{causalLevel: "cm", maxLag: 500}`). */
function optionsOf(file: string): Record<string, unknown> {
  const { options = {} } = JSON.parse(readFileSync(`${file}.expected.json`, "utf8")) as {
    options?: Record<string, string>;
  };
  return Object.fromEntries(
    Object.entries(options).map(([flag, v]) => {
      const name = flag.replace(/-(\w)/g, (_, c) => c.toUpperCase());
      const type = specs.get(name)?.type;
      return [name, type === "number" || type === "integer" ? Number(v) : v];
    }),
  );
}

/** The report as JSON, without the memory measures its checkers' stats carry. */
function pinned(report: Report): string {
  for (const f of report.files) for (const r of f.results) delete r.stats.cacheKiB;
  return renderJson(report);
}

describe("the JSON report of every history in histories/ is unchanged", () => {
  it.each(historiesIn("histories"))("%s", async (file) => {
    const report = await check(file, { timeline: true, ...optionsOf(file) });
    const golden = path.join("golden", "reports", `${path.relative("histories", file)}.golden`);
    await expect(pinned(report)).toMatchFileSnapshot(golden);
  });
});

describe("the JSON report of every corpus history is unchanged", () => {
  const corpus = corpusDir();
  const files = walk(corpus).filter((f) => historyFile.test(f) && !f.endsWith("README.md"));

  it("covers the corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(130);
  });

  it("has the digests on file", { timeout: 600_000 }, async () => {
    const lines: string[] = [];
    for (const file of files) {
      const name = path.relative(corpus, file);
      const report = await check({ stream: createReadStream(file), name }, { timeline: true });
      const digest = createHash("sha256").update(pinned(report)).digest("hex");
      lines.push(`${digest}  ${name}`);
    }
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("golden/corpus-reports.sha256");
  });
});
