/**
 * One fresh process's start-up, phase by phase: Node's own bootstrap (the clock at this
 * script's first line), then each package that the CLI's modules import (given by
 * bench/startup.ts, which reads them off dist/src), each on its own, then Causeway's modules
 * (with the packages already loaded, so only its own), the JSON Schema compiled by ajv (on
 * the first event validated), the CLI's check of FILE, and a second check (warm): the modules
 * as tsc built them (dist/src), which the CLI's bundle replaces (scripts/bundle.js). Prints
 * one JSON object of milliseconds. Only node: modules are imported statically.
 *
 *   node dist/bench/startup-child.js FILE PACKAGES_JSON
 */
import { Writable } from "node:stream";

const bootstrap = performance.now();
const phases: Record<string, number> = { "node bootstrap": bootstrap };

async function lap(name: string, work: () => Promise<unknown> | unknown): Promise<void> {
  const t0 = performance.now();
  await work();
  phases[name] = performance.now() - t0;
}

const [file, packages] = process.argv.slice(2);
const dist = new URL("../src/", import.meta.url).href;
const sink = new Writable({ write: (_c, _e, done) => done() });
const event = { type: "invoke", process: 0, f: "read" };

for (const name of JSON.parse(packages ?? "[]") as string[]) {
  await lap(`import ${name}`, () => import(name));
}
await lap("causeway's modules", () => import(`${dist}cli/main.js`));
const { validateEvent } = await import(`${dist}ingest/schema.js`);
await lap("ajv compile", () => validateEvent(event, "x", 1, 0));
const { main } = await import(`${dist}cli/main.js`);
const argv = ["check", "--checks", "linearizable", file!];
await lap("check", () => main(argv, { stdout: sink, stderr: sink }));
await lap("check again", () => main(argv, { stdout: sink, stderr: sink }));
process.stdout.write(`${JSON.stringify(phases)}\n`);
