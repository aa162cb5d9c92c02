/**
 * Runs a Node script and, as the process exits, writes its peak RSS (VmHWM, KiB) to
 * $CAUSEWAY_RSS_OUT: the fallback when GNU time is missing.
 *
 *   CAUSEWAY_RSS_OUT=file node dist/bench/rss-exit.js SCRIPT ARGS...
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { peakRssKb } from "./rss.js";

const out = process.env.CAUSEWAY_RSS_OUT;
if (out !== undefined) process.on("exit", () => writeFileSync(out, `${peakRssKb()}\n`));
// The script sees the argv it would have seen when run directly.
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(process.argv[1]!)).href);
