/**
 * --out DIR: a folder of every view of one run, as Elle writes one: report.html (with every
 * op), report.json, report.txt, junit.xml, and one text file per anomaly kind holding the
 * explanation of each anomaly of that kind. Everything is rendered before anything is
 * written, and each file is written atomically.
 */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { explainAnomaly } from "../checkers/registry.js";
import type { CheckResult } from "../checkers/types.js";
import { UsageError } from "../errors.js";
import { explanationLines } from "../report/explanation.js";
import { renderJson } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import type { FileReport, Report } from "../report/model.js";
import { renderText } from "../report/text.js";
import { writeOutput } from "./output.js";

/** `full` has every op for the page; `shown` is the report as the JSON file should hold it. */
export async function writeOutputDir(
  dir: string,
  full: Report,
  shown: Report,
  counts: (f: FileReport, r: CheckResult) => boolean,
): Promise<void> {
  const { renderHtml } = await import("../report/html/index.js");
  const files = new Map<string, string>([
    ["report.html", await renderHtml(full)],
    ["report.json", renderJson(shown)],
    ["report.txt", renderText(shown)],
    ["junit.xml", renderJunit(shown, { counts })],
    ...anomalyFiles(shown),
  ]);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeOutput(join(dir, name), text);
}

/** Throws a UsageError unless the folder, or the nearest folder above it that exists, is writable. */
export function checkFolder(dir: string): void {
  let at = resolve(dir);
  for (;;) {
    let isDir: boolean | undefined;
    try {
      isDir = statSync(at).isDirectory();
    } catch {
      isDir = undefined;
    }
    if (isDir === false)
      throw new UsageError(`cannot write the reports to ${dir}: ${at} is not a folder`);
    if (isDir === true) break;
    at = dirname(at);
  }
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`cannot write the reports to ${dir}: ${at} is not writable`);
  }
}

/** One file per anomaly kind: `<kind>.txt`, each anomaly's explanation under its file and checker. */
export function anomalyFiles(report: Report): Map<string, string> {
  const byKind = new Map<string, string[]>();
  for (const f of report.files) {
    for (const r of f.results) {
      r.anomalies.forEach((a, i) => {
        const lines = explanationLines(explainAnomaly(r.checker, a));
        const entry = [`${f.file}, ${r.checker} [${i + 1}]:`, ...lines.map((l) => `  ${l}`)];
        const list = byKind.get(a.kind) ?? [];
        list.push(entry.join("\n"));
        byKind.set(a.kind, list);
      });
    }
  }
  // Kinds are identifiers of the registry's checkers, never strings from a history.
  return new Map(
    [...byKind].map(([kind, entries]) => [`${kind}.txt`, `${entries.join("\n\n")}\n`]),
  );
}
