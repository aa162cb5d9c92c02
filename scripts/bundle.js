#!/usr/bin/env node
/**
 * The CLI's bundle, built after tsc by `npm run build` (and so by `npm ci` and `npm test`),
 * so that a fresh `causeway check` starts fast (bench/startup.ts measures each step):
 *
 * - dist/src/bundle/main.cjs: src/cli/main.ts and what it imports, bundled by esbuild into
 *   one script, with the JSON Schema validators written out by ajv's standalone code instead
 *   of compiled at every start. CommonJS, because bin/causeway.js compiles it with a V8 code
 *   cache (node:vm's cachedData), which Node 20 has for scripts but not for ES modules.
 * - dist/src/bundle/main.cjs.cache: that code cache, written by one warm-up run of the CLI
 *   on histories/ (and a short etcd log), so that it holds the functions a check compiles,
 *   not only the top level.
 *   Another Node (V8) rejects it, and the bundle is then compiled as usual.
 * - dist/src/bundle/worker.js: the linearizability search's worker thread (src/lin/worker.ts).
 *
 * The HTML report stays outside: its browser functions go into the page as their own source
 * text, which a bundler may rename, so the bundle imports tsc's dist/src/report/html/ through
 * an import function that bin/causeway.js passes in (import() cannot run in a vm script).
 *
 *   node scripts/bundle.js
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import standalone from "ajv/dist/standalone/index.js";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/src/bundle");
const generated = join(out, "generated");

/** Each validator module of src/ingest, and how ajv.ts (as tsc built it) compiles it. */
const validators = {
  "event-validator.js": { fn: "eventValidator", compile: "compileEventValidator" },
  "report-validator.js": { fn: "reportValidator", compile: "compileReportValidator" },
};

/** Writes each validator as ajv's standalone code, behind the module's own export. */
async function writeValidators() {
  const ajvModule = await import(join(root, "dist/src/ingest/ajv.js"));
  const files = {};
  for (const [module, { fn, compile }] of Object.entries(validators)) {
    const ajv = ajvModule.newAjv(true);
    const code = standalone.default(ajv, ajvModule[compile](ajv));
    const file = join(generated, module);
    writeFileSync(file, `${code}\nexport function ${fn}() {\n  return validate;\n}\n`);
    files[module] = file;
  }
  return files;
}

/** The HTML report, loaded from tsc's build by the launcher's import function. */
const htmlShim = `
export async function renderHtml(report) {
  const url = new URL("../report/html/index.js", import.meta.url).href;
  return (await __causewayImport(url)).renderHtml(report);
}
`;

/** The validator modules resolved to their standalone twins; the HTML report to its shim. */
function substitutions(files) {
  return {
    name: "causeway",
    setup(b) {
      b.onResolve({ filter: /^\.\/(event|report)-validator\.js$/ }, (args) =>
        args.importer.includes(join("src", "ingest"))
          ? { path: files[args.path.slice(2)] }
          : undefined,
      );
      b.onResolve({ filter: /\/report\/html\/index\.js$/ }, () => ({
        path: "html",
        namespace: "causeway-shim",
      }));
      b.onLoad({ filter: /.*/, namespace: "causeway-shim" }, () => ({
        contents: htmlShim,
        loader: "js",
        resolveDir: out,
      }));
    },
  };
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  minify: true,
  sourcemap: "linked",
  logLevel: "warning",
};

/** A few ops of Jepsen's etcd test as it logs them (histories/ has no such log). */
const etcdLog = [
  "INFO  jepsen.util - 0\t:invoke\t:write\t1",
  "INFO  jepsen.util - 1\t:invoke\t:read\tnil",
  "INFO  jepsen.util - 0\t:ok\t:write\t1",
  "INFO  jepsen.util - 2\t:invoke\t:cas\t[1 2]",
  "INFO  jepsen.util - 1\t:ok\t:read\t1",
  "INFO  jepsen.util - 2\t:ok\t:cas\t[1 2]",
  "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
  "INFO  jepsen.util - 0\t:ok\t:read\t1",
];

/** Runs the CLI once on a few histories of each format, writing the code cache as it exits. */
function writeCodeCache() {
  const log = join(generated, "etcd.log");
  writeFileSync(log, `${etcdLog.join("\n")}\n`);
  const files = [
    "histories/ddia/fig5-3-read-your-writes-bad.jsonl",
    "histories/ddia/causal-cyclic-co-bad.jsonl",
    "histories/ddia/fig5-5-consistent-prefix-bad.jsonl",
    "histories/linearizability/independent-keys-bad.edn",
    "histories/linearizability/mutex-bad.jsonl",
    log,
  ];
  const r = spawnSync(process.execPath, [join(root, "bin/causeway.js"), "check", ...files], {
    cwd: root,
    env: { ...process.env, CAUSEWAY_WRITE_CODE_CACHE: "1" },
    encoding: "utf8",
  });
  if (r.status !== 1) throw new Error(`the warm-up run ended with ${r.status}: ${r.stderr}`);
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  const files = await writeValidators();
  await build({
    ...common,
    entryPoints: [join(root, "src/cli/main.ts")],
    outfile: join(out, "main.cjs"),
    format: "cjs",
    // The launcher compiles the bundle as a function of these, CommonJS's and its own.
    define: { "import.meta.url": "__causewayUrl" },
    banner: { js: 'const __causewayUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [substitutions(files)],
  });
  await build({
    ...common,
    entryPoints: [join(root, "src/lin/worker.ts")],
    outfile: join(out, "worker.js"),
    format: "esm",
  });
  writeCodeCache();
  rmSync(generated, { recursive: true, force: true });
}

await main();
