/**
 * The report a person reads, rendered from the report data alone: per file a verdict table,
 * what the verdicts settle about consistency models, then each anomaly in the explanation
 * shape, and what could not be decided and why. Everything from the history is escaped.
 */
import type { ModelFinding, ModelSummary } from "../checkers/lattice.js";
import { plural, showKey, showName } from "../checkers/phrases.js";
import { explainAnomaly, reasonText } from "../checkers/registry.js";
import type { CheckResult, Measurements, Undecided } from "../checkers/types.js";
import { explanationLines } from "./explanation.js";
import type { FileReport, Report } from "./model.js";
import { type Line, type Piece, paint, type Style, styled } from "./style.js";

const label = { valid: "valid", invalid: "INVALID", unknown: "unknown", "n/a": "n/a" } as const;
const verdictStyle: Record<keyof typeof label, Style> = {
  valid: "good",
  invalid: "bad",
  unknown: "doubt",
  "n/a": "faint",
};

export interface TextOptions {
  /** Colour verdicts and headings with terminal escape codes (default: none). */
  colour?: boolean;
}

export function renderText(report: Report, options: TextOptions = {}): string {
  const out: Line[] = [];
  for (const f of report.files) out.push(...renderFile(f), "");
  if (report.files.length > 1)
    out.push(["overall: ", verdictPiece(report.verdict), ` (${report.files.length} files)`]);
  else out.pop();
  return `${paint(out, options.colour === true)}\n`;
}

function verdictPiece(v: keyof typeof label): Piece {
  return styled(label[v], verdictStyle[v]);
}

function renderFile(f: FileReport): Line[] {
  const out: Line[] = [
    [
      `${showName(f.file, 200)}: `,
      verdictPiece(f.verdict),
      `  (${f.format}, ${f.ops} ops from ${f.events} events${independent(f)})`,
    ],
  ];
  const width = Math.max(...f.results.map((r) => r.checker.length));
  for (const r of f.results) {
    const [head, rest] = summaryParts(r);
    out.push([`  ${r.checker.padEnd(width)}  `, verdictPiece(head), rest]);
  }
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

/** A checker's verdict and what follows it on its line: "INVALID  2 anomalies". */
export function summary(r: CheckResult): string {
  const [head, rest] = summaryParts(r);
  return `${label[head]}${rest}`;
}

function summaryParts(r: CheckResult): [CheckResult["verdict"], string] {
  const n = r.anomalyCount;
  if (r.implied) {
    const own = r.undecided.map((u) => u.code).join(", ");
    return [r.verdict, `  (implied by ${r.implied.by}${own ? `; on its own: ${own}` : ""})`];
  }
  switch (r.verdict) {
    case "invalid":
      return ["invalid", `  ${plural(n, "anomaly", "anomalies")}`];
    case "unknown":
      return ["unknown", `  ${r.undecided.map((u) => u.code).join(", ")}`];
    case "n/a":
      return [
        "n/a",
        `  (${reasonText(r.checker, r.notApplicable!.code, r.notApplicable!.params)})`,
      ];
    default: {
      const reads = r.stats.readsChecked;
      const checked = reads ?? r.stats.writesChecked;
      if (checked === undefined) return ["valid", ""];
      if (checked === 0) return ["valid", "  (nothing to check)"];
      return ["valid", `  (${plural(checked, reads === undefined ? "write" : "read")} checked)`];
    }
  }
}

/** The lines "holds: ..." and "broken: ..." (and contradictions), as plain text. */
export function modelSummaryLines(m: ModelSummary): string[] {
  const lines = modelLines(m);
  return lines.length === 0 ? [] : paint(lines, false).split("\n");
}

/** "holds: linearizable; so also sequential, ..." and "broken: read-your-writes; so also pram, ...". */
function modelLines(m: ModelSummary): Line[] {
  const out: Line[] = [];
  const line = (name: string, style: Style, findings: ModelFinding[], also: string) => {
    if (findings.length === 0) return;
    const direct = findings.filter((x) => x.model === x.by).map((x) => x.model);
    const implied = findings.filter((x) => x.model !== x.by).map((x) => x.model);
    const rest = implied.length > 0 ? `; ${also} ${implied.join(", ")}` : "";
    out.push(["  ", styled(name, style), ` ${direct.join(", ")}${rest}`]);
  };
  line("holds: ", "good", m.satisfied, "so also");
  line("broken:", "bad", m.violated, "so also not");
  for (const c of m.contradictions) {
    out.push(
      `  contradiction: ${c} is both proven and refuted; the history's versions and values disagree`,
    );
  }
  return out;
}

/** What the text report says under a checker's heading (its anomalies, undecided parts and notes), as plain lines. */
export function detailLines(r: CheckResult): string[] {
  const lines = details(r).slice(2);
  return lines.length === 0 ? [] : paint(lines, false).split("\n");
}

function details(r: CheckResult): Line[] {
  const notes = r.notes ?? [];
  const figures = r.measurements ? measurementLines(r.measurements) : [];
  if (r.anomalies.length === 0 && r.undecided.length === 0 && notes.length === 0) {
    return figures.length === 0 ? [] : ["", [styled(`${r.checker}:`, "strong")], ...figures];
  }
  if (r.implied && r.anomalies.length === 0 && notes.length === 0) return [];
  const out: Line[] = ["", [styled(`${r.checker}:`, "strong")]];
  r.anomalies.forEach((a, i) => {
    const [first, ...rest] = indent(
      `  [${i + 1}] `,
      explanationLines(explainAnomaly(r.checker, a)),
    );
    out.push([styled(first!, "strong")], ...rest);
  });
  const more = r.anomalyCount - r.anomalies.length;
  if (more > 0) out.push(`  ... and ${more} more (raise max-anomalies, or see the JSON report)`);
  if (!r.implied)
    for (const u of r.undecided) out.push(undecidedLine(r.checker, u, r.anomalies.length > 0));
  for (const n of notes) out.push(`  note: ${reasonText(r.checker, n.code, n.params)}.`);
  out.push(...figures);
  return out;
}

/** Measured figures as aligned tables: each table as it is, each curve as a table of its points (at most 24). */
export function measurementLines(m: Measurements): string[] {
  const out: string[] = [];
  for (const t of m.tables ?? []) {
    // A table with nothing measured (only counts of zero and empty quantiles) says nothing.
    if (t.rows.every((r) => r.every((c) => c === null || c === 0 || typeof c === "string")))
      continue;
    out.push(`  ${t.title}:`, ...alignedRows([t.columns, ...t.rows]));
  }
  for (const c of m.curves ?? []) {
    if (c.points.length === 0) continue;
    const points = c.points.slice(0, 24).map((p) => [p.x, p.y, p.n ?? null]);
    out.push(`  ${c.title}:`, ...alignedRows([[c.x, c.y, "n"], ...points]));
    if (c.points.length > 24) out.push(`    ... and ${c.points.length - 24} more points`);
  }
  return out;
}

function alignedRows(rows: readonly (readonly (string | number | null)[])[]): string[] {
  const cells = rows.map((r) => r.map((c) => (c === null ? "-" : showName(String(c), 40))));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  // Names read from the left, numbers from the right.
  const text = rows.slice(1).map((r) => r.map((c) => typeof c === "string"));
  const cell = (c: string, i: number, row: number) =>
    text[Math.max(0, row - 1)]?.[i] ? c.padEnd(widths[i]!) : c.padStart(widths[i]!);
  return cells.map((r, row) => `    ${r.map((c, i) => cell(c, i, row)).join("  ")}`.trimEnd());
}

function indent(head: string, lines: string[]): string[] {
  return lines.map((l, i) => (i === 0 ? head : " ".repeat(head.length)) + l);
}

export function undecidedLine(checker: string, u: Undecided, alsoInvalid: boolean): string {
  const keys =
    u.keys && u.keys.length > 0
      ? ` (${u.keys.length === 1 ? "key" : "keys"} ${u.keys.slice(0, 10).map(showKey).join(", ")}${u.keys.length > 10 ? ", ..." : ""})`
      : "";
  const examples = u.examples.map((e) => `index ${e.index} (line ${e.line})`).join(", ");
  const prefix = alsoInvalid ? "also undecided" : "undecided";
  return `  ${prefix} [${u.code}] ${u.count} × ${reasonText(checker, u.code, u.params)}${keys}${examples ? `; e.g. ${examples}` : ""}.`;
}
