/**
 * Where a fresh `causeway check` spends its start-up, and what the build's steps save
 * (scripts/bundle.js):
 *
 * - breakdown: bench/startup-child.ts in fresh processes, medians per phase, of the CLI's
 *   modules as tsc built them (dist/src), the packages they import and ajv compiling the
 *   event schema: what the bundle does away with;
 * - whole processes, alternating: `node -e 0`, an empty ES module, the CLI's modules as tsc
 *   built them (ajv compiling at start), the bundle without its code cache (a scratch copy
 *   of the build without main.cjs.cache), and the CLI as built (bin/causeway.js).
 *
 *   node dist/bench/startup.js FILE [--runs 11]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../src/paths.js";
import { alternate, type Command, median } from "./peers-run.js";

const root = packageRoot();
const here = fileURLToPath(new URL(".", import.meta.url));

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

/** A scratch copy of the built package (dist/src, bin, schemas), sharing node_modules. */
function copyBuild(dir: string): void {
  for (const d of ["dist/src", "bin", "schemas", "package.json"]) {
    cpSync(join(root, d), join(dir, d), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
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
  const imports = cliImports();
  const packages = JSON.stringify(imports.packages);
  const child: Command = {
    argv: [process.execPath, join(here, "startup-child.js"), file, packages],
  };
  const uncached = join(scratch, "uncached");
  copyBuild(uncached);
  rmSync(join(uncached, "dist/src/bundle/main.cjs.cache"));
  // An empty ES module: the floor for an ES module entry point such as bin/causeway.js.
  const empty = join(scratch, "empty.mjs");
  writeFileSync(empty, "");
  // The CLI's modules as tsc built them, launched as bin/causeway.js once did.
  const modules = join(scratch, "modules.mjs");
  writeFileSync(
    modules,
    `import { main } from ${JSON.stringify(join(root, "dist/src/cli/main.js"))};
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
`,
  );
  const check = ["check", "--checks", "linearizable", file];
  const cli = (entry: string): Command => ({ argv: [process.execPath, entry, ...check] });
  const rows: { name: string; cmd: Command }[] = [
    { name: "node -e 0", cmd: { argv: [process.execPath, "-e", "0"] } },
    { name: "node empty.mjs", cmd: { argv: [process.execPath, empty] } },
    { name: "modules as tsc built them", cmd: cli(modules) },
    { name: "bundle without code cache", cmd: cli(join(uncached, "bin/causeway.js")) },
    { name: "causeway as built", cmd: cli(join(root, "bin/causeway.js")) },
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
    variants: rows.map((r, i) => ({ name: r.name, ms: sides[i]?.medianMs })),
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
