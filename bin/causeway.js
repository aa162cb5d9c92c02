#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts (built to dist/).
import { main } from "../dist/src/cli/main.js";

// A reader that stops early (`causeway check ... | head -1`) closes the pipe: end quietly,
// with the verdict's status when it is known, instead of a stack trace and a wrong status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
