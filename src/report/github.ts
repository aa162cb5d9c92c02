/**
 * GitHub Actions workflow commands: one `::error` annotation per anomaly, placed on the
 * latest source line the anomaly cites, carrying its explanation; a `::warning` for what a
 * checker could not decide, and for findings that are only reported (they do not count
 * towards the run's status). Escaped as the Actions toolkit does, after control characters
 * are made visible, so that no history can forge a command.
 */
import { escapeControls } from "../checkers/phrases.js";
import { explainAnomaly } from "../checkers/registry.js";
import type { AnomalyBase, CheckResult } from "../checkers/types.js";
import { explanationLines } from "./explanation.js";
import type { FileReport, Report } from "./model.js";
import { detailLines, summary } from "./text.js";

export interface GithubOptions {
  /** Whether a result counts towards the run's status (default: every result counts). */
  counts?: (file: FileReport, result: CheckResult) => boolean;
}

export function renderGithub(report: Report, options: GithubOptions = {}): string {
  const counts = options.counts ?? (() => true);
  const lines: string[] = [];
  for (const f of report.files) {
    for (const r of f.results) lines.push(...annotations(f, r, counts(f, r)));
  }
  return lines.map((l) => `${l}\n`).join("");
}

function annotations(f: FileReport, r: CheckResult, counts: boolean): string[] {
  if (r.verdict === "valid" || r.verdict === "n/a") return [];
  const level = counts && r.verdict === "invalid" ? "error" : "warning";
  const note = counts ? "" : " (reported only, not counted)";
  if (r.anomalies.length === 0) {
    const title = `${r.checker}: ${summary(r)}${note}`;
    return [command(level, { file: f.file, title }, detailLines(r).join("\n") || summary(r))];
  }
  return r.anomalies.map((a) => {
    const props = {
      file: f.file,
      line: String(latestLine(a)),
      title: `${r.checker}: ${a.kind}${note}`,
    };
    return command(level, props, explanationLines(explainAnomaly(r.checker, a)).join("\n"));
  });
}

function latestLine(a: AnomalyBase): number {
  return Math.max(...a.ops.map((o) => o.line));
}

function command(level: string, props: Record<string, string>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(",");
  return `::${level} ${p}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return escapeControls(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
