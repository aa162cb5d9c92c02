/**
 * What the HTML page shows, as plain data embedded in it: per file the verdicts, the models
 * summary, each anomaly's explanation (the same one the text report renders) with its cited
 * ops and the picture of its proof, the undecided and n/a reasons, and the timeline (the
 * report's own, or one of the cited ops). The page's script only lays this out.
 */
import { explainAnomaly, reasonText } from "../../checkers/registry.js";
import type { CheckResult, MeasurementCurve, MeasurementTable } from "../../checkers/types.js";
import { stepText } from "../explanation.js";
import type { FileReport, FileVerdict, Report } from "../model.js";
import { modelSummaryLines, summary, undecidedLine } from "../text.js";
import type { Timeline } from "../timeline.js";
import { citedTimeline } from "./cited.js";
import { proofDot } from "./proof.js";

export interface PageData {
  verdict: FileVerdict;
  files: PageFile[];
}

export interface PageFile {
  file: string;
  format: string;
  ops: number;
  events: number;
  verdict: FileVerdict;
  checkers: { checker: string; verdict: string; summary: string }[];
  models: string[];
  anomalies: PageAnomaly[];
  /** Per checker with more anomalies than the report kept: how many more. */
  more: { checker: string; count: number }[];
  reasons: PageReason[];
  /** What checkers measured rather than judged (staleness, lag), per checker that did. */
  figures: PageFigures[];
  timeline: Timeline;
  /** True when the timeline holds every op; false when only the cited ones. */
  complete: boolean;
}

export interface PageAnomaly {
  checker: string;
  kind: string;
  /** 1-based, within its checker, as the text report numbers it. */
  n: number;
  summary: string;
  ops: { label: string; text: string; op?: number }[];
  steps: string[];
  rule: string;
  /** Every op the anomaly cites. */
  cited: number[];
  /** The proof's DOT text until it is laid out; then its SVG, or why there is none. */
  dot?: string;
  svg?: string;
  noPicture?: string;
}

export interface PageFigures {
  checker: string;
  tables: MeasurementTable[];
  curves: MeasurementCurve[];
}

export interface PageReason {
  checker: string;
  kind: "undecided" | "n/a" | "note";
  text: string;
  ops: number[];
}

export function pageData(report: Report): PageData {
  return { verdict: report.verdict, files: report.files.map(pageFile) };
}

function pageFile(f: FileReport): PageFile {
  return {
    file: f.file,
    format: f.format,
    ops: f.ops,
    events: f.events,
    verdict: f.verdict,
    checkers: f.results.map((r) => ({
      checker: r.checker,
      verdict: r.verdict,
      summary: summary(r),
    })),
    models: modelSummaryLines(f.models),
    anomalies: f.results.flatMap(anomalies),
    more: f.results
      .filter((r) => r.anomalyCount > r.anomalies.length)
      .map((r) => ({ checker: r.checker, count: r.anomalyCount - r.anomalies.length })),
    reasons: f.results.flatMap(reasons),
    figures: f.results.flatMap((r) =>
      r.measurements
        ? [
            {
              checker: r.checker,
              tables: r.measurements.tables ?? [],
              curves: r.measurements.curves ?? [],
            },
          ]
        : [],
    ),
    timeline: f.timeline ?? citedTimeline(f),
    complete: f.timeline !== undefined,
  };
}

function anomalies(r: CheckResult): PageAnomaly[] {
  return r.anomalies.map((a, i) => {
    const e = explainAnomaly(r.checker, a);
    const dot = proofDot(e, a);
    return {
      checker: r.checker,
      kind: a.kind,
      n: i + 1,
      summary: e.summary,
      ops: e.ops,
      steps: e.steps.map(stepText),
      rule: e.rule,
      cited: a.ops.map((o) => o.id),
      ...(dot === null ? { noPicture: "no step of this proof relates two of its ops" } : { dot }),
    };
  });
}

function reasons(r: CheckResult): PageReason[] {
  const out: PageReason[] = [];
  if (r.notApplicable) {
    const text = reasonText(r.checker, r.notApplicable.code, r.notApplicable.params);
    out.push({ checker: r.checker, kind: "n/a", text, ops: [] });
  }
  if (!r.implied) {
    for (const u of r.undecided) {
      const text = undecidedLine(r.checker, u, r.anomalies.length > 0).trim();
      out.push({ checker: r.checker, kind: "undecided", text, ops: u.examples.map((o) => o.id) });
    }
  }
  for (const n of r.notes ?? []) {
    const text = reasonText(r.checker, n.code, n.params);
    out.push({ checker: r.checker, kind: "note", text, ops: [] });
  }
  return out;
}
