/**
 * The built CLI (bin/causeway.js running the bundle of scripts/bundle.js, with validators
 * written out by ajv's standalone code and a V8 code cache) says exactly what the CLI says
 * in-process from the sources (validators compiled by ajv): same status, stdout and stderr.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { generateKv } from "../bench/kv-gen.js";
import { runCli } from "./support/cli.js";
import { corpusDir } from "./support/corpus.js";
import { tmpFile } from "./support/tmp.js";

const bundle = "dist/src/bundle/main.cjs";

function built(args: string[]) {
  const r = spawnSync("node", ["bin/causeway.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI as tsc built it (dist/src), where the HTML page's script comes from. */
function fromTsc(args: string[]) {
  // A file, not `--input-type=module -e`, which Graphviz's worker thread would inherit.
  const launcher = tmpFile(
    "tsc-cli.mjs",
    `import { main } from ${JSON.stringify(join(process.cwd(), "dist/src/cli/main.js"))};
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
`,
  );
  const r = spawnSync("node", [launcher, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function same(...args: string[]) {
  expect(built(args)).toEqual(await runCli(...args));
}

const histories = ["ddia", "linearizability", "regressions", "session"].flatMap((d) =>
  readdirSync(join("histories", d))
    .filter((f) => /\.(jsonl|edn|json)$/.test(f) && !f.endsWith(".expected.json"))
    .map((f) => join("histories", d, f)),
);
const bad = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";

describe("the built CLI and the sources agree", () => {
  it("on every history of histories/, as text and as JSON", async () => {
    expect(histories.length).toBeGreaterThan(40);
    await same("check", ...histories);
    await same("check", "--format", "json", "--timeline", ...histories);
  });

  it("on input against the schema (the standalone validator's findings)", async () => {
    const events = [
      '{"type":"ok","process":0,"f":"read","index":"x"}',
      '{"process":0,"f":"read"}',
      '{"type":"done","process":0,"f":"read"}',
      '{"type":"ok","process":[1],"f":"read"}',
      '{"type":"ok","process":0,"f":"read","index":123456789012345678901234567890}',
      '{"type":"ok","process":0,"f":"read","version":{"a":-1}}',
    ];
    for (const [i, e] of events.entries()) {
      const file = tmpFile(`schema-${i}.jsonl`, `{"type":"invoke","process":0,"f":"read"}\n${e}\n`);
      const run = built(["check", file]);
      expect(run.code).toBe(3);
      expect(run).toEqual(await runCli("check", file));
    }
  });

  it("on a saved report, the HTML page, the graph, a simulation and the help", async () => {
    const saved = tmpFile("saved.json", (await runCli("check", "--format", "json", bad)).stdout);
    await same("report", saved);
    await same("report", tmpFile("not-a-report.json", '{"causeway":1,"files":7}'));
    // The page holds its script's source text: the sources under vitest are not tsc's build.
    const html = ["check", "--format", "html", bad];
    expect(built(html)).toEqual(fromTsc(html));
    await same("graph", "histories/ddia/fig5-13-shopping-cart.jsonl");
    await same("simulate", "--scenario", "fig-5-3", "--seed", "3");
    await same("--help");
    await same("check", "--help");
    await same("simulat");
  });

  it("with keys searched on the bundle's worker threads", async () => {
    expect(existsSync("dist/src/bundle/worker.js")).toBe(true);
    const h = generateKv({ clients: 24, keys: 4, opsPerClient: 25, seed: 4, badKeys: 2 });
    const file = tmpFile("kv-jobs.txt", `${h.lines.join("\n")}\n`);
    const two = built(["check", "--checks", "linearizable", "--jobs", "2", file]);
    expect(two.code).toBe(1);
    expect(two).toEqual(await runCli("check", "--checks", "linearizable", "--jobs", "1", file));
  });

  it("on Jepsen's etcd logs, and on many files with unusable ones among them: the first one's error", async () => {
    const dir = join(corpusDir(), "etcd");
    const etcd = readdirSync(dir)
      .filter((f) => f.endsWith(".log"))
      .sort()
      .map((f) => join(dir, f));
    expect(etcd.length).toBe(60);
    await same("check", "--checks", "linearizable", ...etcd);
    await same("check", "--checks", "linearizable", "--format", "json", ...etcd);
    const broken = tmpFile("broken.log", "INFO  jepsen.util - 0\t:invoke\t:read\t[1 2\n");
    const unpaired = tmpFile("unpaired.jsonl", '{"type":"ok","process":1,"f":"read"}\n');
    const ten = etcd.slice(0, 10);
    for (const files of [
      [broken, ...ten],
      [...ten.slice(0, 1), broken, ...ten.slice(1)],
      [...ten, broken],
      [...ten.slice(0, 3), unpaired, ...ten.slice(3, 6), broken, ...ten.slice(6)],
      [...ten.slice(0, 6), broken, ...ten.slice(6, 8), unpaired],
    ]) {
      const run = built(["check", ...files]);
      expect(run.code).toBe(3);
      expect(run).toEqual(await runCli("check", ...files));
    }
  });

  it("and this Node takes the code cache that the build wrote", () => {
    // The wrapper must be bin/causeway.js's, or V8 rejects the cache (as it would there).
    const params = "exports, require, module, __filename, __dirname, __causewayImport";
    const script = new Script(`(function (${params}) {${readFileSync(bundle, "utf8")}\n})`, {
      filename: join(process.cwd(), bundle),
      cachedData: readFileSync(`${bundle}.cache`),
    });
    expect(script.cachedDataRejected).toBe(false);
  });
});
