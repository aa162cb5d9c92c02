/**
 * The report benchmark (issue 12). Targets: the HTML report of a 100k-op history is written
 * in under 5 s (a whole `causeway check --format html --out` process, from start to exit) and
 * is under 20 MB; it opens in headless Chromium, to the first paint of the timeline, in under
 * 3 s; and the default JSON report of a 1M-op history with 100 anomalies kept per checker is
 * under 1 MB. Histories come from the simulator with reads sent to any replica, so every
 * checker finds anomalies. Writes the section "## Reports" of bench/RESULTS.md.
 *
 *   node dist/bench/report.js [--runs 3] [--no-write]
 */
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../src/paths.js";
import { simulatedHistory, staleShape } from "./histories.js";
import { type Opened, openPage } from "./report-browser.js";
import { machine, markdownTable, median, writeSection } from "./results.js";

const SECTION = "## Reports";
const OUT = join(packageRoot(), "bench", "out");

interface Written {
  seconds: number[];
  bytes: number;
}

function history(ops: number): Promise<string> {
  return simulatedHistory("stale", ops, staleShape);
}

/** Runs the CLI in a fresh process `runs` times; the wall time of each, and the output's size. */
function writeReport(args: string[], out: string, runs: number): Written {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync("node", [
      join(packageRoot(), "bin/causeway.js"),
      "check",
      ...args,
      "--out",
      out,
    ]);
    seconds.push((performance.now() - t0) / 1000);
    if (r.status !== 1) throw new Error(`check exited ${r.status}: ${r.stderr}`);
  }
  return { seconds, bytes: statSync(out).size };
}

const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
const s2 = (x: number) => `${x.toFixed(2)} s`;

interface Measured {
  runs: number;
  load: number;
  html: Written;
  opened: Opened;
  json: Written;
}

async function measure(runs: number): Promise<Measured> {
  const load = os.loadavg()[0]!;
  const small = await history(100_000);
  process.stdout.write("HTML report of 100k ops ...\n");
  const htmlFile = join(OUT, "report-100k.html");
  const html = writeReport(["--format", "html", small], htmlFile, runs);
  process.stdout.write("opening it in Chromium ...\n");
  const opened = await openPage(pathToFileURL(htmlFile).href, runs);
  process.stdout.write("JSON report of 1M ops ...\n");
  const json = writeReport(
    ["--format", "json", await history(1_000_000)],
    join(OUT, "report-1m.json"),
    1,
  );
  return { runs, load, html, opened, json };
}

function section(m: Measured): string {
  const { html, opened, json } = m;
  const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
  const rows = [
    [
      "HTML report of 100k ops written (whole process)",
      s2(median(html.seconds)),
      "< 5 s",
      pass(median(html.seconds) < 5),
    ],
    ["its size", mb(html.bytes), "< 20 MB", pass(html.bytes < 20e6)],
    [
      "opened in Chromium: first paint of the timeline",
      s2(median(opened.paint) / 1000),
      "< 3 s",
      pass(median(opened.paint) < 3000),
    ],
    ["drawing a frame while scrolling, zoomed in (median)", ms(opened.scrollFrame), "", ""],
    ["drawing a frame with all 100k ops in view", ms(opened.fullFrame), "", ""],
    [
      "JSON report of 1M ops (default, no timeline)",
      mb(json.bytes),
      "< 1 MB",
      pass(json.bytes < 1e6),
    ],
  ];
  return [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${m.load.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (the machine is shared: times are noisy)`,
    `- Histories: the simulator (bench/histories.ts, the stale shape: single-leader, ${staleShape.sessions} sessions, ${staleShape.keys} keys, reads sent to any replica), seed 1; every session checker finds anomalies (100 kept per checker).`,
    `- Method: \`causeway check --format html --out FILE\` in a fresh process, ${m.runs} runs, median wall time; the page opened ${m.runs} times in Debian's Chromium ${opened.version} (headless, playwright-core), first paint = the page's mark after its first frame of the timeline, from navigation start; the time to draw a frame measured inside the page, after scrolling.`,
    "",
    ...markdownTable(["measure", "value", "target", "result"], rows),
    "",
    `Runs (s): HTML written ${html.seconds.map((x) => x.toFixed(2)).join(", ")}; first paint ${opened.paint.map((x) => (x / 1000).toFixed(2)).join(", ")}; 1M JSON written in ${json.seconds[0]!.toFixed(1)} s.`,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf("--runs") + 1] || 3);
  const text = section(await measure(runs));
  process.stdout.write(`${text}\n`);
  if (!args.includes("--no-write"))
    process.stdout.write(`written to ${writeSection(SECTION, text)}\n`);
}

await main();
