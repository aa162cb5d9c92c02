/**
 * Where a fresh `causeway check` spends its start-up, and what two build-time changes would
 * save, measured without changing src/:
 *
 * - breakdown: bench/startup-child.ts in fresh processes, medians per phase;
 * - variants, in a scratch copy of the build: the JSON Schema validators generated at build
 *   time by ajv's standalone code (dist/src/ingest/schema.js and report.js patched to import
 *   them, so ajv is never loaded), and the CLI bundled into one file by esbuild (when $ESBUILD or an esbuild
 *   on the PATH or in node_modules/.bin is found), each alone and both together, timed as
 *   whole processes alternating with `node -e 0` and the unchanged CLI.
 *
 *   node dist/bench/startup.js FILE [--runs 11]
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../src/paths.js";
import { alternate, type Command, median } from "./peers-run.js";

const root = packageRoot();
const here = fileURLToPath(new URL(".", import.meta.url));

/** The validators that src/ compiles with ajv at run time: module, function, schema. */
const validators = [
  { module: "ingest/schema.js", fn: "eventValidator", schema: "history.schema.json" },
  { module: "ingest/report.js", fn: "reportValidator", schema: "report.schema.json" },
] as const;

/**
 * Writes ajv's standalone code for one schema (an ES module). The options are src/'s, plus
 * code generation; the history schema's validator is the one for `#/$defs/event`.
 */
export async function writeStandaloneValidator(schemaFile: string, out: string): Promise<void> {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const standalone = (await import("ajv/dist/standalone/index.js")).default as unknown as {
    default: (ajv: unknown, v: unknown) => string;
  };
  const schema = JSON.parse(readFileSync(join(root, "schemas", schemaFile), "utf8"));
  const code = { source: true, esm: true };
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateSchema: false, code });
  let validate: unknown;
  if (schemaFile === "history.schema.json") {
    ajv.addSchema(schema);
    validate = ajv.getSchema(`${schema.$id}#/$defs/event`);
  } else validate = ajv.compile(schema);
  writeFileSync(out, standalone.default(ajv, validate));
}

const bare = /^(?:import|export)\s+(?:[\w*\s{},$]*?\s+from\s+)?"([^".][^"]*)";$/gm;
const relative = /^(?:import|export)\s+(?:[\w*\s{},$]*?\s+from\s+)?"(\.[^"]*)";$/gm;

/**
 * What the CLI imports statically, read off the built modules reachable from
 * dist/src/cli/main.js: the packages (not node: modules) in the order first met, and how many
 * of Causeway's own modules it loads.
 */
export function cliImports(): { packages: string[]; modules: number } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(bare)) if (!m[1]!.startsWith("node:")) packages.add(m[1]!);
    for (const m of text.matchAll(relative)) visit(join(dirname(file), m[1]!));
  };
  visit(join(root, "dist/src/cli/main.js"));
  return { packages: [...packages], modules: seen.size };
}

function findEsbuild(): string | undefined {
  const candidates = [process.env.ESBUILD, join(root, "node_modules/.bin/esbuild")];
  const found = candidates.find((c) => c !== undefined && existsSync(c));
  if (found) return found;
  const which = spawnSync("sh", ["-c", "command -v esbuild"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

function esbuildVersion(esbuild: string): string {
  return `esbuild ${spawnSync(esbuild, ["--version"], { encoding: "utf8" }).stdout.trim()}`;
}

/** A scratch copy of the built package (dist, bin, schemas), sharing node_modules. */
function copyBuild(dir: string): void {
  for (const d of ["dist/src", "bin", "schemas", "package.json"]) {
    cpSync(join(root, d), join(dir, d), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
}

/**
 * A scratch copy of the build in `dir` whose validators import standalone code instead of
 * compiling with ajv; false when src/ingest no longer has the shape this patch expects.
 */
export async function buildStandaloneCopy(dir: string): Promise<boolean> {
  copyBuild(dir);
  return patchStandalone(dir);
}

/** Makes every validator of `validators` import standalone code instead of compiling. */
async function patchStandalone(dir: string): Promise<boolean> {
  for (const v of validators) {
    const js = join(dir, "dist/src", v.module);
    const text = readFileSync(js, "utf8");
    const fn = new RegExp(`^let compiled;\\nfunction ${v.fn}\\(\\) \\{[\\s\\S]*?\\n\\}\\n`, "m");
    const ajvImport = /^import \{ Ajv2020 \} from "ajv\/dist\/2020\.js";\n/m;
    if (!fn.test(text) || !ajvImport.test(text)) return false;
    const out = `${v.fn}.standalone.js`;
    await writeStandaloneValidator(v.schema, join(dirname(js), out));
    const patched = text
      .replace(ajvImport, `import standalone from "./${out}";\n`)
      .replace(fn, `function ${v.fn}() {\n    return standalone;\n}\n`);
    writeFileSync(js, patched);
  }
  return true;
}

function bundle(esbuild: string, dir: string): string {
  const out = join(dir, "dist/causeway.bundle.mjs");
  const banner =
    "import { createRequire as $cr } from 'node:module'; const require = $cr(import.meta.url);";
  const r = spawnSync(esbuild, [
    join(dir, "bin/causeway.js"),
    "--bundle",
    "--minify",
    "--platform=node",
    "--format=esm",
    "--target=node20",
    "--main-fields=module,main",
    `--banner:js=${banner}`,
    `--outfile=${out}`,
    "--log-level=error",
  ]);
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
  return out;
}

export interface Variant {
  name: string;
  ms: number | undefined;
  note?: string;
}

export interface Startup {
  /** Medians of the phases that bench/startup-child.ts times, in ms. */
  phases: Record<string, number>;
  /** Causeway's own modules that the CLI loads. */
  modules: number;
  variants: Variant[];
}

/**
 * Whole-process medians of `node -e 0`, the CLI as built and the variants, and the phase
 * breakdown, all in the same alternating rounds so that they share the machine's load.
 */
export async function measureStartup(file: string, runs: number, hook: string): Promise<Startup> {
  const scratch = mkdtempSync(join(tmpdir(), "causeway-variants-"));
  const validator = join(scratch, "event-validator.mjs");
  await writeStandaloneValidator("history.schema.json", validator);
  const imports = cliImports();
  const packages = JSON.stringify(imports.packages);
  const child: Command = {
    argv: [process.execPath, join(here, "startup-child.js"), file, packages, validator],
  };
  const sa = join(scratch, "standalone");
  const plain = join(scratch, "plain");
  copyBuild(plain);
  const patched = await buildStandaloneCopy(sa);
  const esbuild = findEsbuild();
  // An empty ES module: the floor for an ES module entry point such as bin/causeway.js.
  const empty = join(scratch, "empty.mjs");
  writeFileSync(empty, "");
  const check = ["check", "--checks", "linearizable", file];
  const cli = (entry: string): Command => ({ argv: [process.execPath, entry, ...check] });
  const rows: { name: string; cmd: Command | undefined; note?: string }[] = [
    { name: "node -e 0", cmd: { argv: [process.execPath, "-e", "0"] } },
    { name: "node empty.mjs", cmd: { argv: [process.execPath, empty] } },
    { name: "causeway as built", cmd: cli(join(root, "bin/causeway.js")) },
    {
      name: "ajv standalone validator",
      cmd: patched ? cli(join(sa, "bin/causeway.js")) : undefined,
      note: patched ? undefined : "a validator in src/ingest changed shape; patch not applied",
    },
    {
      name: "esbuild bundle (minified)",
      cmd: esbuild ? cli(bundle(esbuild, plain)) : undefined,
      note: esbuild ? esbuildVersion(esbuild) : "no esbuild ($ESBUILD, PATH or node_modules/.bin)",
    },
    {
      name: "standalone + bundle",
      cmd: esbuild && patched ? cli(bundle(esbuild, sa)) : undefined,
      note: esbuild && patched ? undefined : "needs both of the above",
    },
  ];
  const sides = alternate([...rows.map((r) => r.cmd), child], runs, hook);
  rmSync(scratch, { recursive: true, force: true });
  const samples = sides[rows.length]!.runs.map(
    (r) => JSON.parse(r.stdout) as Record<string, number>,
  );
  const names = Object.keys(samples[0]!);
  return {
    phases: Object.fromEntries(names.map((p) => [p, median(samples.map((x) => x[p]!))])),
    modules: imports.modules,
    variants: rows.map((r, i) => ({ name: r.name, ms: sides[i]?.medianMs, note: r.note })),
  };
}

async function main(args: string[]): Promise<void> {
  const file = args[0];
  if (file === undefined) throw new Error("usage: startup.js FILE [--runs N]");
  const runs = Number(args[args.indexOf("--runs") + 1] ?? 11) || 11;
  const hook = join(here, "rss-exit.js");
  const { phases, variants } = await measureStartup(file, runs, hook);
  process.stdout.write(`${JSON.stringify(phases, null, 1)}\n`);
  for (const v of variants) {
    process.stdout.write(`${v.name}: ${v.ms?.toFixed(1) ?? "-"} ms ${v.note ?? ""}\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
