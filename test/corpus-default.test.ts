/**
 * A default `causeway check` (every checker, no options) on the corpus histories that their
 * own projects call linearizable exits 0: the session checks that cannot decide alone are
 * settled by linearizability through the lattice, and checks that do not apply stay out of the
 * verdict. On the ones called not linearizable it exits 1.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { corpusDir, walk } from "./support/corpus.js";

const corpus = corpusDir();

const etcd = readFileSync(path.join(corpus, "etcd/verdicts.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t") as [string, string])
  .map(([f, lin]) => [path.join(corpus, "etcd", f), lin === "true" ? 0 : 1] as const);

const knossos = ["good", "bad"].flatMap((d) =>
  walk(path.join(corpus, "knossos/cas-register", d)).map((f) => [f, d === "good" ? 0 : 1] as const),
);
const multi = readdirSync(path.join(corpus, "knossos/multi-register/good")).map(
  (f) => [path.join(corpus, "knossos/multi-register/good", f), 0] as const,
);

describe("default check on the corpus", () => {
  it("covers every etcd and Knossos file", () => {
    expect(etcd).toHaveLength(60);
    expect(knossos.length + multi.length).toBeGreaterThanOrEqual(63);
  });

  it.each([...etcd, ...knossos, ...multi].map(([f, code]) => [path.relative(corpus, f), f, code]))(
    "%s exits %i",
    async (_name, file, code) => {
      const run = await runCli("check", file);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(code);
    },
  );
});
