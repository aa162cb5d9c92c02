/** The report for programs, described by schemas/report.schema.json. Deterministic: no clock, stable order. */
import type { Report } from "./model.js";

export const REPORT_VERSION = 1;

export function toJsonReport(report: Report): unknown {
  return {
    causeway: REPORT_VERSION,
    verdict: report.verdict,
    files: report.files.map((f) => ({
      file: f.file,
      format: f.format,
      ops: f.ops,
      events: f.events,
      ...(f.history.independent ? { independentKeys: true } : {}),
      verdict: f.verdict,
      results: f.results,
    })),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
