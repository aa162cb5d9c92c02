/** The report for programs, described by schemas/report.schema.json. Deterministic: no clock, stable order. */
import type { Report } from "./model.js";

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
