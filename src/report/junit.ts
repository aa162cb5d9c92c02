/**
 * JUnit XML, the report CI systems read: one test suite per history file, one test case per
 * checker. An invalid checker fails with its explanations; one that could not decide is an
 * error (it did not run to a verdict); one that does not apply is skipped. A result that does
 * not count towards the run's status (it is only reported) is skipped, saying what it found.
 * Valid XML 1.0 whatever the history holds (src/report/xml.ts).
 */
import { reasonText } from "../checkers/registry.js";
import type { CheckResult } from "../checkers/types.js";
import type { FileReport, Report } from "./model.js";
import { detailLines, summary } from "./text.js";
import { attrs, xmlText } from "./xml.js";

export interface JunitOptions {
  /** Whether a result counts towards the run's status (default: every result counts). */
  counts?: (file: FileReport, result: CheckResult) => boolean;
}

type Outcome = "passed" | "failure" | "error" | "skipped";

interface Case {
  outcome: Outcome;
  xml: string;
}

export function renderJunit(report: Report, options: JunitOptions = {}): string {
  const counts = options.counts ?? (() => true);
  const suites = report.files.map((f) => suite(f, (r) => counts(f, r)));
  const totals = tally(suites.flatMap((s) => s.cases));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: "causeway", ...totals })}>`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}

function suite(f: FileReport, counts: (r: CheckResult) => boolean) {
  const cases = f.results.map((r) => testCase(f, r, counts(r)));
  const properties = { format: f.format, ops: f.ops, events: f.events, verdict: f.verdict };
  const xml = [
    `  <testsuite${attrs({ name: f.file, ...tally(cases) })}>`,
    "    <properties>",
    ...Object.entries(properties).map(
      ([name, value]) => `      <property${attrs({ name, value })}/>`,
    ),
    "    </properties>",
    ...cases.map((c) => c.xml),
    "  </testsuite>",
  ].join("\n");
  return { cases, xml };
}

function tally(cases: readonly Case[]) {
  const n = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  return {
    tests: cases.length,
    failures: n("failure"),
    errors: n("error"),
    skipped: n("skipped"),
  };
}

function testCase(f: FileReport, r: CheckResult, counts: boolean): Case {
  const open = `    <testcase${attrs({ name: r.checker, classname: f.file })}`;
  const body = detailLines(r).join("\n");
  const outcome = outcomeOf(r, counts);
  if (outcome === "passed") {
    if (body === "") return { outcome, xml: `${open}/>` };
    return { outcome, xml: `${open}>\n${systemOut(body)}\n    </testcase>` };
  }
  const message = (outcome === "skipped" ? skipMessage(r, counts) : summary(r)).replace(
    /\s+/g,
    " ",
  );
  const type = r.anomalies[0]?.kind ?? r.undecided[0]?.code ?? r.verdict;
  const element =
    outcome === "skipped"
      ? `      <skipped${attrs({ message })}/>${body === "" ? "" : `\n${systemOut(body)}`}`
      : `      <${outcome}${attrs({ message, type })}>${xmlText(body)}</${outcome}>`;
  return { outcome, xml: `${open}>\n${element}\n    </testcase>` };
}

function outcomeOf(r: CheckResult, counts: boolean): Outcome {
  if (r.verdict === "valid") return "passed";
  if (r.verdict === "n/a" || !counts) return "skipped";
  return r.verdict === "invalid" ? "failure" : "error";
}

function skipMessage(r: CheckResult, counts: boolean): string {
  if (r.verdict === "n/a") {
    return `not applicable: ${reasonText(r.checker, r.notApplicable!.code, r.notApplicable!.params)}`;
  }
  return counts ? summary(r) : `reported only, not counted: ${summary(r)}`;
}

function systemOut(text: string): string {
  return `      <system-out>${xmlText(text)}</system-out>`;
}
