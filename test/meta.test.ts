/**
 * The kit's promises, checked: every checker is a file named by its id (shared engines live
 * in subfolders), registered, documented in the README, and explains every kind and reason it
 * returns; the report layer never reaches into the History; flags are named only by the CLI.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelIds } from "../src/checkers/lattice.js";
import { optionSpecs } from "../src/checkers/options.js";
import { checkers } from "../src/checkers/registry.js";

const support = new Set([
  "types.ts",
  "registry.ts",
  "lattice.ts",
  "options.ts",
  "details.ts",
  "phrases.ts",
]);
const files = readdirSync("src/checkers").filter((f) => f.endsWith(".ts") && !support.has(f));
const readme = readFileSync("README.md", "utf8");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Source text without its comments: what can reach a user. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

describe("checker registry", () => {
  it("every checker file is registered under its file name", async () => {
    for (const f of files) {
      const mod = (await import(`../src/checkers/${f.replace(/\.ts$/, "")}.ts`)) as Record<
        string,
        unknown
      >;
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
    "%s is documented, referenced, placed in the lattice, and its options described",
    (id, c) => {
      expect(readme).toContain(`### \`${id}\``);
      expect(c.description.length).toBeGreaterThan(20);
      expect(c.references.length).toBeGreaterThan(0);
      expect(c.requires.length).toBeGreaterThan(0);
      expect(modelIds).toContain(c.decides);
      for (const o of c.options) expect(o.help.length).toBeGreaterThan(10);
      expect(Object.keys(c.explain).length).toBeGreaterThan(0);
    },
  );

  it("ids are unique", () => {
    expect(new Set(checkers.map((c) => c.id)).size).toBe(checkers.length);
  });
});

describe("layering", () => {
  it("nothing under src/report imports src/history", () => {
    const offenders = sources("src/report").filter((f) =>
      /from "\.\.\/(\.\.\/)?history\//.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("flag names appear only in src/cli", () => {
    // V8's own flags, set by the library for a moment (src/lin/release.ts), are not the CLI's.
    const v8Flags = /setFlagsFromString\("--[a-z-]+"\)/g;
    const offenders = sources("src")
      .filter((f) => !f.startsWith("src/cli"))
      .filter((f) =>
        /["`'\s]--[a-z][a-z-]+/.test(withoutComments(readFileSync(f, "utf8")).replace(v8Flags, "")),
      );
    expect(offenders).toEqual([]);
  });
});

describe("README", () => {
  it("shows the library API exactly as test/api.test.ts runs it", () => {
    const test = readFileSync("test/api.test.ts", "utf8");
    const block = test.slice(
      test.indexOf("// README:begin") + 16,
      test.indexOf("    // README:end"),
    );
    const unindented = block
      .split("\n")
      .map((l) => l.replace(/^ {4}/, ""))
      .join("\n");
    expect(readme).toContain(unindented.trim());
  });

  it("documents every option of every checker", () => {
    for (const o of optionSpecs(checkers)) {
      const flag = o.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(readme).toContain(
        o.type === "boolean" && o.default === true ? `--no-${flag}` : `--${flag}`,
      );
    }
  });
});
