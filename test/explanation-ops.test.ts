/** Every labelled op of an explanation names the op it describes, one the anomaly cites: the HTML report draws the labels on the timeline from this. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import { explainAnomaly } from "../src/checkers/registry.js";

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const invalid = walk("histories").filter((f) => /-bad\.(jsonl|edn)$/.test(f));

describe("explanation ops carry their op ids", () => {
  it.each(invalid)("%s", async (file) => {
    const report = await check(file);
    let seen = 0;
    for (const r of report.files[0]!.results) {
      for (const a of r.anomalies) {
        const e = explainAnomaly(r.checker, a);
        for (const o of e.ops) {
          const cited = a.ops.find((x) => x.id === o.op);
          expect(cited, `${r.checker} ${o.label}`).toBeDefined();
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
