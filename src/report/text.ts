/** The report a person reads: a verdict table per file, then each anomaly in a few plain lines. */
import type { AnomalyBase, CheckResult, Undecided } from "../checkers/types.js";
import { explain } from "./explain/index.js";
import type { FileReport, Report } from "./model.js";
import { showKey } from "./model.js";

const label = { valid: "valid", invalid: "INVALID", unknown: "unknown" } as const;

export function renderText(report: Report): string {
  const out: string[] = [];
  for (const f of report.files) out.push(...renderFile(f), "");
  if (report.files.length > 1)
    out.push(`overall: ${label[report.verdict]} (${report.files.length} files)`);
  else out.pop();
  return `${out.join("\n")}\n`;
}

function renderFile(f: FileReport): string[] {
  const out = [
    `${f.file}: ${label[f.verdict]}  (${f.format}, ${f.ops} ops from ${f.events} events${f.history.independent ? ", Jepsen independent keys" : ""})`,
  ];
  const width = Math.max(...f.results.map((r) => r.checker.length));
  for (const r of f.results) out.push(`  ${r.checker.padEnd(width)}  ${summary(r)}`);
  for (const r of f.results) {
    if (r.anomalies.length === 0 && r.undecided.length === 0) continue;
    out.push("", `${r.checker}:`);
    r.anomalies.forEach((a, i) => {
      out.push(...indentAnomaly(i + 1, explain(a as AnomalyBase, f.history)));
    });
    const more = (r.stats.anomalies ?? r.anomalies.length) - r.anomalies.length;
    if (more > 0)
      out.push(`  ... and ${more} more (use --format json or --max-anomalies to see them)`);
    for (const u of r.undecided) out.push(...renderUndecided(u, r.anomalies.length > 0));
  }
  return out;
}

function summary(r: CheckResult<AnomalyBase>): string {
  const n = r.stats.anomalies ?? r.anomalies.length;
  if (r.verdict === "invalid") return `${label.invalid}  ${n} anomal${n === 1 ? "y" : "ies"}`;
  if (r.verdict === "unknown")
    return `${label.unknown}  ${r.undecided.map((u) => u.code).join(", ")}`;
  const checked = r.stats.readsChecked;
  if (checked === undefined) return label.valid;
  if (checked === 0) return `${label.valid}  (nothing to check)`;
  return `${label.valid}  (${checked} read${checked === 1 ? "" : "s"} checked)`;
}

function indentAnomaly(n: number, lines: string[]): string[] {
  const head = `  [${n}] `;
  return lines.map((l, i) => (i === 0 ? head : " ".repeat(head.length)) + l);
}

function renderUndecided(u: Undecided, alsoInvalid: boolean): string[] {
  const keys =
    u.keys && u.keys.length > 0
      ? ` (${u.keys.length === 1 ? "key" : "keys"} ${u.keys.map(showKey).join(", ")})`
      : "";
  const lines = u.examples.map((e) => `index ${e.index} (line ${e.line})`).join(", ");
  const prefix = alsoInvalid ? "also undecided" : "undecided";
  return [
    `  ${prefix} [${u.code}] ${u.count} × ${u.reason}${keys}${lines ? `; e.g. ${lines}` : ""}.`,
  ];
}
