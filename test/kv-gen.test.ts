/**
 * The Porcupine-style kv generator (bench/kv-gen.ts): deterministic for a seed, in Porcupine's
 * exact line shape, linearizable by construction in its -ok variant and not linearizable on
 * exactly the chosen keys in its -bad variant, as Causeway judges it; and Porcupine agrees
 * when Go is available here (without Go the Causeway half still runs).
 */
import { describe, expect, it } from "vitest";
import { generateKv, type KvGenOptions, kvShape, writeKv } from "../bench/kv-gen.js";
import { ensurePorcupine, runPorcupine } from "../bench/porcupine.js";
import { runCli } from "./support/cli.js";
import { tmpPath } from "./support/tmp.js";

const small: KvGenOptions = { clients: 8, keys: 3, opsPerClient: 12, seed: 1, latency: 8 };
const seeds = [1, 2, 3, 4, 5];

// Porcupine's own kv parser (its test file) matches lines of exactly these shapes.
const shapes = [
  /^\{:process \d+, :type :invoke, :f :get, :key "\d+", :value nil\}$/,
  /^\{:process \d+, :type :(invoke|ok), :f :(put|append|get), :key "\d+", :value "(x \d+ \d+ y)*"\}$/,
];

interface Line {
  process: number;
  type: string;
  key: string;
}

function parse(line: string): Line {
  const m = /^\{:process (\d+), :type :(\w+), :f :\w+, :key "(\d+)"/.exec(line);
  expect(m, line).not.toBeNull();
  return { process: Number(m![1]), type: m![2]!, key: m![3]! };
}

/** Checks with the built CLI's in-process API; returns the verdict and the keys of the anomalies. */
async function causeway(file: string): Promise<{ code: number; badKeys: string[] }> {
  const run = await runCli("check", "--checks", "linearizable", "-f", "json", file);
  const report = JSON.parse(run.stdout) as {
    files: { results: { anomalies: { keys: string[] }[]; undecided: unknown[] }[] }[];
  };
  const result = report.files[0]!.results[0]!;
  expect(result.undecided).toEqual([]);
  const keys = new Set(result.anomalies.flatMap((a) => a.keys));
  return { code: run.code, badKeys: [...keys].sort() };
}

describe("kv-gen", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = generateKv({ ...kvShape, seed: 7, badKeys: 2 });
    expect(generateKv({ ...kvShape, seed: 7, badKeys: 2 })).toEqual(a);
    expect(generateKv({ ...kvShape, seed: 8, badKeys: 2 }).lines).not.toEqual(a.lines);
  });

  it("writes Porcupine's line shapes, one op at a time per process, every op completed", () => {
    const h = generateKv({ ...kvShape, seed: 3, badKeys: 3 });
    expect(h.ops).toBe(kvShape.clients * kvShape.opsPerClient);
    expect(h.lines).toHaveLength(2 * h.ops);
    expect(h.badKeys).toHaveLength(3);
    const open = new Map<number, string>();
    for (const line of h.lines) {
      expect(
        shapes.some((s) => s.test(line)),
        line,
      ).toBe(true);
      expect(line.length).toBeLessThan(4096);
      const { process, type, key } = parse(line);
      if (type === "invoke") {
        expect(open.has(process)).toBe(false);
        open.set(process, key);
      } else {
        expect(open.get(process)).toBe(key);
        open.delete(process);
      }
    }
    expect(open.size).toBe(0);
  });

  it("makes ops of different clients overlap on the same key", () => {
    const h = generateKv(small);
    let most = 0;
    const inFlight = new Map<string, number>();
    for (const line of h.lines) {
      const { type, key } = parse(line);
      const n = (inFlight.get(key) ?? 0) + (type === "invoke" ? 1 : -1);
      inFlight.set(key, n);
      most = Math.max(most, n);
    }
    expect(most).toBeGreaterThanOrEqual(3);
  });

  it("-ok histories are linearizable (Causeway)", async () => {
    for (const seed of seeds) {
      const file = tmpPath(`kv-ok-${seed}.txt`);
      writeKv(file, { ...small, seed });
      expect(await causeway(file), `seed ${seed}`).toEqual({ code: 0, badKeys: [] });
    }
  });

  it("-bad histories are not linearizable on exactly the broken keys (Causeway)", async () => {
    for (const seed of seeds) {
      const file = tmpPath(`kv-bad-${seed}.txt`);
      const h = writeKv(file, { ...small, seed, badKeys: 2 });
      expect(h.badKeys).toHaveLength(2);
      expect(await causeway(file), `seed ${seed}`).toEqual({ code: 1, badKeys: h.badKeys });
    }
  });

  it("Causeway and, where Go is available, Porcupine agree on small files", async () => {
    const porcupine = ensurePorcupine(false);
    if (!porcupine.ok) console.warn(`kv-gen: Porcupine not run: ${porcupine.why}`);
    for (const [seed, badKeys] of [
      [11, 0],
      [12, 1],
    ] as const) {
      const file = tmpPath(`kv-race-${seed}.txt`);
      const h = writeKv(file, { ...small, clients: 10, seed, badKeys });
      const expected = badKeys === 0 ? "valid" : "invalid";
      expect((await causeway(file)).code).toBe(badKeys === 0 ? 0 : 1);
      if (!porcupine.ok) continue;
      expect(runPorcupine(porcupine.bin, "kv", [file]).verdict).toBe(expected);
      const perKey = runPorcupine(porcupine.bin, "kv", [file], ["-perkey"]).stdout;
      const illegal = [...perKey.matchAll(/^key (\S+)\t.*\tIllegal\t/gm)].map((m) => m[1]);
      expect(illegal.sort()).toEqual(h.badKeys);
    }
  }, 180_000);
});
