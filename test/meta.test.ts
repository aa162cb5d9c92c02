/** Every checker is a file named by its id (shared engines live in subfolders), registered, documented in the README and explained by the text report. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkers } from "../src/checkers/registry.js";
import { explainers } from "../src/report/explain/index.js";

const support = new Set(["types.ts", "registry.ts"]);
const files = readdirSync("src/checkers").filter((f) => f.endsWith(".ts") && !support.has(f));
const readme = readFileSync("README.md", "utf8");

describe("checker registry", () => {
  it("every checker file is registered under its file name", async () => {
    for (const f of files) {
      const mod = (await import(`../src/checkers/${f}`)) as Record<string, unknown>;
      const exported = Object.values(mod).filter(
        (v) => typeof v === "object" && v !== null && "check" in v,
      );
      expect(exported.map((c) => (c as unknown as { id: string }).id)).toEqual([
        f.replace(/\.ts$/, ""),
      ]);
      expect(checkers).toContain(exported[0]);
    }
    expect(checkers).toHaveLength(files.length);
  });

  it.each(checkers.map((c) => [c.id, c] as const))(
    "%s is documented, referenced and explained",
    (id, c) => {
      expect(readme).toContain(`### \`${id}\``);
      expect(c.description.length).toBeGreaterThan(20);
      expect(c.references.length).toBeGreaterThan(0);
      expect(c.requires.length).toBeGreaterThan(0);
      expect(explainers.has(id)).toBe(true);
    },
  );

  it("ids are unique", () => {
    expect(new Set(checkers.map((c) => c.id)).size).toBe(checkers.length);
  });
});
