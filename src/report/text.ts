/**
 * The report a person reads, rendered from the report data alone: per file a verdict table,
 * what the verdicts settle about consistency models, then each anomaly in the explanation
 * shape, and what could not be decided and why. Everything from the history is escaped.
 */
import type { ModelFinding, ModelSummary } from "../checkers/lattice.js";
import { escapeControls, plural, showKey, showName } from "../checkers/phrases.js";
import { explainAnomaly, reasonText } from "../checkers/registry.js";
import type { CheckResult, Undecided } from "../checkers/types.js";
import { explanationLines } from "./explanation.js";
import type { FileReport, Report } from "./model.js";

const label = { valid: "valid", invalid: "INVALID", unknown: "unknown", "n/a": "n/a" } as const;

export function renderText(report: Report): string {
  const out: string[] = [];
  for (const f of report.files) out.push(...renderFile(f), "");
  if (report.files.length > 1)
    out.push(`overall: ${label[report.verdict]} (${report.files.length} files)`);
  else out.pop();
  return escapeControls(`${out.join("\n")}\n`);
}

function renderFile(f: FileReport): string[] {
  const out = [
    `${showName(f.file, 200)}: ${label[f.verdict]}  (${f.format}, ${f.ops} ops from ${f.events} events${independent(f)})`,
  ];
  const width = Math.max(...f.results.map((r) => r.checker.length));
  for (const r of f.results) out.push(`  ${r.checker.padEnd(width)}  ${summary(r)}`);
  out.push(...modelLines(f.models));
  for (const r of f.results) out.push(...details(r));
  return out;
}

function independent(f: FileReport): string {
  const k = f.independentKeys;
  if (k === undefined) return "";
  if (k.split)
    return `, Jepsen independent keys${k.forced ? "" : " (detected; independent-keys keep reads the tuples as values)"}`;
  return `; the values look like Jepsen independent [key value] tuples, but the ops carry a ${k.evidence}, so they are read as values of one register (independent-keys split splits them)`;
}

function summary(r: CheckResult): string {
  const n = r.anomalyCount;
  if (r.implied) {
    const own = r.undecided.map((u) => u.code).join(", ");
    return `${label[r.verdict]}  (implied by ${r.implied.by}${own ? `; on its own: ${own}` : ""})`;
  }
  switch (r.verdict) {
    case "invalid":
      return `${label.invalid}  ${plural(n, "anomaly", "anomalies")}`;
    case "unknown":
      return `${label.unknown}  ${r.undecided.map((u) => u.code).join(", ")}`;
    case "n/a":
      return `${label["n/a"]}  (${reasonText(r.checker, r.notApplicable!.code, r.notApplicable!.params)})`;
    default: {
      const checked = r.stats.readsChecked;
      if (checked === undefined) return label.valid;
      if (checked === 0) return `${label.valid}  (nothing to check)`;
      return `${label.valid}  (${plural(checked, "read")} checked)`;
    }
  }
}

/** "holds: linearizable; so also sequential, ..." and "broken: read-your-writes; so also pram, ...". */
function modelLines(m: ModelSummary): string[] {
  const out: string[] = [];
  const line = (name: string, findings: ModelFinding[], also: string) => {
    if (findings.length === 0) return;
    const direct = findings.filter((x) => x.model === x.by).map((x) => x.model);
    const implied = findings.filter((x) => x.model !== x.by).map((x) => x.model);
    const rest = implied.length > 0 ? `; ${also} ${implied.join(", ")}` : "";
    out.push(`  ${name} ${direct.join(", ")}${rest}`);
  };
  line("holds: ", m.satisfied, "so also");
  line("broken:", m.violated, "so also not");
  for (const c of m.contradictions) {
    out.push(
      `  contradiction: ${c} is both proven and refuted; the history's versions and values disagree`,
    );
  }
  return out;
}

function details(r: CheckResult): string[] {
  const notes = r.notes ?? [];
  if (r.anomalies.length === 0 && r.undecided.length === 0 && notes.length === 0) return [];
  if (r.implied && r.anomalies.length === 0 && notes.length === 0) return [];
  const out = ["", `${r.checker}:`];
  r.anomalies.forEach((a, i) => {
    out.push(...indent(`  [${i + 1}] `, explanationLines(explainAnomaly(r.checker, a))));
  });
  const more = r.anomalyCount - r.anomalies.length;
  if (more > 0) out.push(`  ... and ${more} more (raise max-anomalies, or see the JSON report)`);
  if (!r.implied)
    for (const u of r.undecided) out.push(undecidedLine(r.checker, u, r.anomalies.length > 0));
  for (const n of notes) out.push(`  note: ${reasonText(r.checker, n.code, n.params)}.`);
  return out;
}

function indent(head: string, lines: string[]): string[] {
  return lines.map((l, i) => (i === 0 ? head : " ".repeat(head.length)) + l);
}

function undecidedLine(checker: string, u: Undecided, alsoInvalid: boolean): string {
  const keys =
    u.keys && u.keys.length > 0
      ? ` (${u.keys.length === 1 ? "key" : "keys"} ${u.keys.slice(0, 10).map(showKey).join(", ")}${u.keys.length > 10 ? ", ..." : ""})`
      : "";
  const examples = u.examples.map((e) => `index ${e.index} (line ${e.line})`).join(", ");
  const prefix = alsoInvalid ? "also undecided" : "undecided";
  return `  ${prefix} [${u.code}] ${u.count} × ${reasonText(checker, u.code, u.params)}${keys}${examples ? `; e.g. ${examples}` : ""}.`;
}
