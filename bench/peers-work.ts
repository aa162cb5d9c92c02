/**
 * What the Porcupine race runs: each piece of work as the two whole-process commands (Causeway's
 * CLI and Porcupine's harness) on the same files, with the verdicts expected of them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../src/paths.js";
import { KV_GENERATOR_VERSION, kvShape, splitByKey, writeKv } from "./kv-gen.js";
import type { Command, Verdict } from "./peers-run.js";

export interface Work {
  group: "etcd" | "kv corpus" | "generated" | "generated, key by key" | "start-up";
  name: string;
  causeway: Command;
  porcupine: Command | undefined;
  /** `node -e 0`, run alongside as the floor of any Node process. */
  floor?: Command;
  /** Expected verdict per file (several files) or of the whole run (one file). */
  expected: Map<string, Verdict>;
  runs: number;
}

export function corpusDir(): string {
  const dirs = ["../shared/corpus", "../../shared/corpus"].map((p) => resolve(packageRoot(), p));
  const found = dirs.find((d) => existsSync(d));
  if (found === undefined) throw new Error(`no corpus at ${dirs.join(" or ")}`);
  return found;
}

/** Porcupine's timeout matches Causeway's default time limit (60 s). */
export const PORCUPINE_TIMEOUT = "60s";

function causeway(args: string[], files: string[]): Command {
  const bin = join(packageRoot(), "bin/causeway.js");
  return {
    argv: [process.execPath, bin, "check", "--checks", "linearizable", ...args, ...files],
    node: true,
  };
}

function porcupine(bin: string | undefined, model: string, files: string[]): Command | undefined {
  if (bin === undefined) return undefined;
  return { argv: [bin, "-model", model, "-timeout", PORCUPINE_TIMEOUT, ...files] };
}

function etcd(pc: string | undefined, runs: number): Work {
  const dir = join(corpusDir(), "etcd");
  const tsv = readFileSync(join(dir, "verdicts.tsv"), "utf8").trim().split("\n").slice(1);
  const expected = new Map<string, Verdict>(
    tsv
      .map((l) => l.split("\t"))
      .map(([f, ok]) => [join(dir, f!), ok === "true" ? "valid" : "invalid"]),
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".log"))
    .sort()
    .map((f) => join(dir, f));
  const name = `all ${files.length} etcd logs, one process`;
  return {
    group: "etcd",
    name,
    causeway: causeway([], files),
    porcupine: porcupine(pc, "etcd", files),
    expected,
    runs,
  };
}

function kvCorpus(pc: string | undefined, runs: number): Work[] {
  const dir = join(corpusDir(), "kv");
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const file = join(dir, f);
      const expected = new Map<string, Verdict>([[file, f.includes("-ok") ? "valid" : "invalid"]]);
      const base = f.replace(/\.txt$/, "");
      return [
        {
          group: "kv corpus" as const,
          name: `${base}, by key`,
          causeway: causeway([], [file]),
          porcupine: porcupine(pc, "kv", [file]),
          expected,
          runs,
        },
        {
          group: "kv corpus" as const,
          name: `${base}, one object (no partitioning)`,
          causeway: causeway(["--no-partition"], [file]),
          porcupine: porcupine(pc, "kvnp", [file]),
          expected,
          runs,
        },
      ];
    });
}

function outDir(): string {
  const dir = join(packageRoot(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Generated 50-client histories, -ok and -bad (2 keys broken), whole and key by key. */
function generated(pc: string | undefined, seeds: number[], runs: number): Work[] {
  const work: Work[] = [];
  for (const seed of seeds) {
    for (const bad of [false, true]) {
      const name = `kv-c${kvShape.clients}-s${seed}-${bad ? "bad" : "ok"}`;
      const file = join(outDir(), `${name}-gen${KV_GENERATOR_VERSION}.txt`);
      const h = writeKv(file, { ...kvShape, seed, badKeys: bad ? 2 : 0 });
      const verdict = (b: boolean): Verdict => (b ? "invalid" : "valid");
      work.push({
        group: "generated",
        name: `${name} (${h.ops} ops), by key${bad ? `; keys ${h.badKeys.join(", ")} broken` : ""}`,
        causeway: causeway([], [file]),
        porcupine: porcupine(pc, "kv", [file]),
        expected: new Map([[file, verdict(bad)]]),
        runs,
      });
      // Porcupine stops at the first key it proves not linearizable; so does --first-only.
      if (bad) {
        work.push({
          ...work[work.length - 1]!,
          name: `${name}, by key, Causeway --first-only`,
          causeway: causeway(["--first-only"], [file]),
        });
      }
      for (const [key, lines] of [...splitByKey(h.lines)].sort((a, b) =>
        a[0].localeCompare(b[0]),
      )) {
        const keyFile = file.replace(/\.txt$/, `.key-${key}.txt`);
        writeFileSync(keyFile, `${lines.join("\n")}\n`);
        work.push({
          group: "generated, key by key",
          name: `${name} key ${key} (${lines.length / 2} ops)`,
          causeway: causeway([], [keyFile]),
          porcupine: porcupine(pc, "kv", [keyFile]),
          expected: new Map([[keyFile, verdict(h.badKeys.includes(key))]]),
          runs,
        });
      }
    }
  }
  return work;
}

/** A 2-op kv file: start-up cost, with `node -e 0` as the floor. */
function trivial(pc: string | undefined, runs: number): Work {
  const file = join(outDir(), "kv-trivial.txt");
  const op = (p: number, type: string, f: string, v: string) =>
    `{:process ${p}, :type :${type}, :f :${f}, :key "0", :value ${v}}`;
  const lines = [
    op(0, "invoke", "put", '"x 0 0 y"'),
    op(0, "ok", "put", '"x 0 0 y"'),
    op(1, "invoke", "get", "nil"),
    op(1, "ok", "get", '"x 0 0 y"'),
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return {
    group: "start-up",
    name: "a trivial file (2 ops)",
    causeway: causeway([], [file]),
    porcupine: porcupine(pc, "kv", [file]),
    floor: { argv: [process.execPath, "-e", "0"] },
    expected: new Map([[file, "valid"]]),
    runs,
  };
}

export interface Plan {
  runs: number;
  genRuns: number;
  seeds: number[];
}

export function allWork(pc: string | undefined, plan: Plan): Work[] {
  return [
    trivial(pc, plan.runs),
    etcd(pc, plan.runs),
    ...kvCorpus(pc, plan.runs),
    ...generated(pc, plan.seeds, plan.genRuns),
  ];
}

export function trivialFile(): string {
  return join(outDir(), "kv-trivial.txt");
}
