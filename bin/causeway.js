#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts, bundled into one script by `npm run build`
// (scripts/bundle.js). It is compiled here with the V8 code cache written beside it at build
// time, which Node 20 offers for scripts (node:vm) but not for ES modules: a fresh check then
// starts about 20 ms sooner (bench/RESULTS.md). A cache that this Node rejects costs nothing
// but that time. CAUSEWAY_WRITE_CODE_CACHE=1 (the build's warm-up run) writes the cache.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

const file = fileURLToPath(new URL("../dist/src/bundle/main.cjs", import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache: compile as usual.
}
const params = "exports, require, module, __filename, __dirname, __causewayImport";
const script = new Script(`(function (${params}) {${readFileSync(file, "utf8")}\n})`, {
  filename: file,
  cachedData,
});
const cli = { exports: {} };
script
  .runInThisContext()
  .call(
    cli.exports,
    cli.exports,
    createRequire(file),
    cli,
    file,
    dirname(file),
    (url) => import(url),
  );
if (process.env.CAUSEWAY_WRITE_CODE_CACHE === "1") {
  process.on("exit", () => writeFileSync(cacheFile, script.createCachedData()));
} else {
  // Lets the linearizability search hand the memory of searches it lets go back at once
  // (src/lin/release.ts), setting V8's expose-gc flag for the moment it needs to. Not in the
  // build's warm-up run, which writes the cache: V8 checks a cache against the flags it was
  // made under.
  cli.exports.allowCollection();
  // Worker threads (the search's lanes) compile their hot code on their own thread: V8 reads
  // this flag when it makes an isolate, so this thread, already made, keeps compiling on
  // V8's helper threads. With a lane per core, a worker's compilations would otherwise wait
  // for the cores the lanes hold, and its search run cold the longer (bench/RESULTS.md,
  // "Parallel keys: code compiled once, a worker that starts sooner").
  setFlagsFromString("--no-concurrent-recompilation");
}

// A reader that stops early (`causeway check ... | head -1`) closes the pipe: end quietly,
// with the verdict's status when it is known, instead of a stack trace and a wrong status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await cli.exports.main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
// Done: exit now, once nothing is left to write. Left to the end of the event loop, Node first
// waits for V8's background compilations, of no use by then (10-20 ms after a check of the 60
// etcd logs).
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
