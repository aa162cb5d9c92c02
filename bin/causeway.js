#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts (built to dist/).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
