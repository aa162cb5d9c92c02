/** The JSON report is complete: `causeway report` renders from it the same text as the run that wrote it, for every history in histories/. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpFile } from "./support/tmp.js";

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const histories = walk("histories").filter((f) => !f.endsWith(".expected.json"));

describe("causeway report <report.json>", () => {
  it.each(histories)("reproduces the text report of %s", async (file) => {
    const text = await runCli("check", file);
    const json = await runCli("check", "--format", "json", file);
    const saved = tmpFile("report.json", json.stdout);
    const again = await runCli("report", saved);
    expect(again.stdout).toBe(text.stdout);
    expect(again.code).toBe(text.code);
    const jsonAgain = await runCli("report", "--format", "json", saved);
    expect(jsonAgain.stdout).toBe(json.stdout);
  });

  it("says so when the file is not a report", async () => {
    const run = await runCli("report", tmpFile("r.json", '{"causeway": 1, "files": []}'));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/not a report of this version of Causeway/);
  });
});
