/** The report for programs, described by schemas/report.schema.json. Deterministic: no clock, stable order. */
import { stringifyExact } from "../value-text.js";
import type { Report } from "./model.js";

/** Integers beyond 2^53 (keys, values, versions) are written as their exact digits. */
export function renderJson(report: Report): string {
  return `${stringifyExact(report, 2)}\n`;
}
