/**
 * The linearizability checker against the corpus verdicts that other projects established
 * (../shared/corpus): Porcupine's etcd and kv histories, Knossos's cas-register and
 * multi-register data. Every file must get its listed verdict, and none may be unknown under
 * the default budget. A missing corpus fails the test; it is not skipped.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import { loadHistory } from "../src/ingest/index.js";
import { inferModel } from "../src/lin/models/index.js";
import { runChecker } from "./support/check.js";
import { corpusDir } from "./support/corpus.js";

const corpus = corpusDir();

interface Case {
  file: string;
  model: string;
  expected: "valid" | "invalid";
}

function etcdCases(): Case[] {
  const tsv = readFileSync(path.join(corpus, "etcd/verdicts.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  return tsv.map((line) => {
    const [file, ok] = line.split("\t");
    return {
      file: `etcd/${file}`,
      model: "cas-register",
      expected: ok === "true" ? "valid" : "invalid",
    };
  });
}

function folderCases(
  dir: string,
  model: string,
  expected: (name: string) => "valid" | "invalid",
): Case[] {
  return readdirSync(path.join(corpus, dir))
    .sort()
    .map((f) => ({ file: `${dir}/${f}`, model, expected: expected(f) }));
}

function allCases(): Case[] {
  return [
    ...etcdCases(),
    ...folderCases("kv", "kv", (f) => (f.includes("-ok") ? "valid" : "invalid")),
    ...folderCases("knossos/cas-register/good", "cas-register", () => "valid"),
    ...folderCases("knossos/cas-register/bad", "cas-register", () => "invalid"),
    ...folderCases("knossos/multi-register/good", "multi-register", () => "valid"),
  ];
}

const cases = allCases();

async function check(c: Case, options: Record<string, unknown> = {}) {
  const h = await loadHistory(path.join(corpus, c.file));
  return { h, result: runChecker(linearizable, h, { model: c.model, ...options }) };
}

describe("linearizable on the corpus", () => {
  it("finds the corpus, with every set in it", () => {
    expect(cases.filter((c) => c.file.startsWith("etcd/"))).toHaveLength(60);
    expect(cases.filter((c) => c.file.startsWith("kv/"))).toHaveLength(4);
    expect(cases.filter((c) => c.file.startsWith("knossos/")).length).toBeGreaterThanOrEqual(62);
  });

  it.each(cases)("$file is $expected ($model)", async (c) => {
    const { h, result } = await check(c);
    expect(result.undecided).toEqual([]);
    expect(result.verdict).toBe(c.expected);
    const inferred = inferModel(h);
    // A cas-register history without a cas is a plain register: the two models agree on it.
    const fits = c.model === "cas-register" ? ["cas-register", "register"] : [c.model];
    expect(fits).toContain("id" in inferred ? inferred.id : inferred.fs);
  });

  it.each(cases.filter((c) => c.file.startsWith("kv/")))(
    "$file is $expected without partitioning too",
    async (c) => {
      // Speed is measured by bench/lin.ts, not here.
      const { result } = await check(c, { partition: false });
      expect(result.verdict).toBe(c.expected);
    },
  );

  it("needs nil, not 0, as the initial value of Knossos's memstress runs", async () => {
    const memstress = cases.filter((c) => c.file.includes("memstress3"));
    const verdicts = await Promise.all(
      memstress.map(async (c) => (await check(c, { initial: 0 })).result.verdict),
    );
    const broken = verdicts.filter((v) => v === "invalid");
    expect(broken.length).toBeGreaterThan(0);
  });

  it("needs 0, not nil, as the initial value of Knossos's multi-register run", async () => {
    const multi = cases.find((c) => c.model === "multi-register")!;
    expect((await check(multi, { initial: null })).result.verdict).toBe("invalid");
  });
});
