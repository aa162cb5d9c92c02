/**
 * The pieces of the Porcupine race that decide what it reports: reading each tool's per-file
 * verdicts, pairing runs, splitting a history by key, and the start-up experiment's build with
 * ajv's standalone validators (it must behave as the CLI as built, or its timing means nothing).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateKv, splitByKey } from "../bench/kv-gen.js";
import {
  causewayFileVerdicts,
  median,
  pairedRatio,
  porcupineFileVerdicts,
  type Run,
  type Side,
  statusVerdict,
} from "../bench/peers-run.js";
import { buildStandaloneCopy } from "../bench/startup.js";
import { runCli } from "./support/cli.js";
import { tmpFile, tmpPath } from "./support/tmp.js";

const ok = "histories/ddia/fig5-3-read-your-writes-ok.jsonl";
const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";

describe("verdicts of each tool", () => {
  it("reads Causeway's per-file verdicts from its text report", async () => {
    const run = await runCli("check", "--checks", "linearizable", ok, bad);
    expect(run.code).toBe(1);
    expect(causewayFileVerdicts(run.stdout)).toEqual(
      new Map([
        [ok, "valid"],
        [bad, "invalid"],
      ]),
    );
  });

  it("reads Porcupine's per-file lines and exit statuses", () => {
    const out =
      "/c/etcd_000.log\tIllegal\tevents=170\tparse_ms=0.4\tcheck_ms=0.1\tviz_ms=0.000\n" +
      "/c/etcd_002.log\tOk\tevents=154\tparse_ms=0.3\tcheck_ms=191.7\tviz_ms=0.000\n" +
      "/c/x y.log\tUnknown\tevents=2\tparse_ms=0.1\tcheck_ms=0.1\tviz_ms=0.000\n" +
      "TOTAL files=3 wall_ms=193 check_ms=192 slowest=/c/etcd_002.log (191.7 ms) Ok=1 Illegal=1 Unknown=1\n";
    expect(porcupineFileVerdicts(out)).toEqual(
      new Map([
        ["/c/etcd_000.log", "invalid"],
        ["/c/etcd_002.log", "valid"],
        ["/c/x y.log", "unknown"],
      ]),
    );
    expect([0, 1, 2, 3, null].map(statusVerdict)).toEqual([
      "valid",
      "invalid",
      "unknown",
      undefined,
      undefined,
    ]);
  });
});

describe("pairing", () => {
  const side = (ms: number[]): Side => {
    const runs = ms.map((x): Run => ({ ms: x, rssMb: 1, status: 0, stdout: "", stderr: "" }));
    return { runs, medianMs: median(ms), peakRssMb: 1, last: runs[runs.length - 1]! };
  };

  it("takes the median of each round's ratio, not the ratio of medians", () => {
    // Round 2 ran under load for both tools: its ratio is still 2.
    expect(pairedRatio(side([10, 100, 12]), side([5, 50, 4]))).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("splitByKey", () => {
  it("partitions the lines by key and keeps their order", () => {
    const h = generateKv({ clients: 6, keys: 4, opsPerClient: 10, seed: 2 });
    const parts = splitByKey(h.lines);
    expect([...parts.keys()].sort()).toEqual(["0", "1", "2", "3"]);
    expect([...parts.values()].reduce((n, p) => n + p.length, 0)).toBe(h.lines.length);
    for (const [key, lines] of parts) {
      expect(lines).toEqual(h.lines.filter((l) => l.includes(`, :key "${key}", `)));
    }
  });
});

describe("the start-up experiment's standalone validators", () => {
  it("leave ajv out and behave as the CLI as built: verdicts, schema errors, saved reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "causeway-standalone-"));
    try {
      expect(await buildStandaloneCopy(dir)).toBe(true);
      const sources = readdirSync(join(dir, "dist/src"), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".js"))
        .map((f) => readFileSync(join(dir, "dist/src", f), "utf8"));
      expect(sources.filter((t) => t.includes('from "ajv'))).toEqual([]);
      const broken = tmpFile(
        "broken.jsonl",
        '{"type":"invoke","process":0,"f":"read","index":"x"}\n',
      );
      const saved = tmpPath("report.json");
      const runs = [
        ["check", ok, bad],
        ["check", broken],
        ["check", "--format", "json", "--out", saved, bad],
        ["report", saved],
      ];
      for (const args of runs) {
        const run = (bin: string) => {
          const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
          return { status: r.status, stdout: r.stdout, stderr: r.stderr };
        };
        const built = run("bin/causeway.js");
        expect(run(join(dir, "bin/causeway.js")), args.join(" ")).toEqual(built);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
