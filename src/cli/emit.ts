/**
 * Output of `check` and `report`: the format, where it goes (stdout, a file, or a folder of
 * every format), colour on a terminal, and the exit status as --fail-on and --expect decide
 * it. `planOutput` validates all of it before any history is read.
 */
import { existsSync, statSync } from "node:fs";
import { sep } from "node:path";
import type { CheckResult } from "../checkers/types.js";
import { UsageError } from "../errors.js";
import { renderGithub } from "../report/github.js";
import { renderJson } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import type { FileReport, Report } from "../report/model.js";
import { renderText } from "../report/text.js";
import { ExitCode } from "./exit-codes.js";
import { type Expectations, readExpectations, unmetExpectations } from "./expect.js";
import { counts, type FailOn, gatedVerdict, parseFailOn } from "./gating.js";
import { checkWritable, writeOutput } from "./output.js";
import { checkFolder, writeOutputDir } from "./output-dir.js";

export const reportFormats = ["text", "json", "html", "junit", "github"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface OutputFlags {
  format: ReportFormat;
  out?: string;
  failOn?: string;
  expect?: string;
  timeline?: boolean;
}

export interface OutputPlan {
  format: ReportFormat;
  out?: { path: string; folder: boolean };
  failOn?: FailOn;
  expect?: Expectations;
  /** Keep every op in the JSON report. */
  timeline: boolean;
  /** The report needs every op (for the HTML timeline). */
  needsTimeline: boolean;
}

export interface Terminal {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env?: Readonly<Record<string, string | undefined>>;
}

export function planOutput(flags: OutputFlags): OutputPlan {
  if (flags.failOn !== undefined && flags.expect !== undefined)
    throw new UsageError("--fail-on and --expect decide the exit status each: give one");
  const folder = flags.out !== undefined && isFolder(flags.out);
  if (flags.timeline && flags.format !== "json" && !folder)
    throw new UsageError("--timeline adds every op to the JSON report: use it with --format json");
  const plan: OutputPlan = {
    format: flags.format,
    timeline: flags.timeline === true,
    needsTimeline: flags.format === "html" || folder,
  };
  if (flags.out !== undefined) {
    // Before any checking starts: a long run must not end in a failure to write its report.
    if (folder) checkFolder(flags.out);
    else checkWritable(flags.out);
    plan.out = { path: flags.out, folder };
  }
  if (flags.failOn !== undefined) plan.failOn = parseFailOn(flags.failOn);
  if (flags.expect !== undefined) plan.expect = readExpectations(flags.expect);
  return plan;
}

/** A folder: one that exists, or a path ending with a separator. */
function isFolder(path: string): boolean {
  if (path.endsWith("/") || path.endsWith(sep)) return true;
  return existsSync(path) && statSync(path).isDirectory();
}

/** Renders and writes the report; returns the exit status. */
export async function emitReport(report: Report, plan: OutputPlan, io: Terminal): Promise<number> {
  const counted = (_f: FileReport, r: CheckResult) => counts(plan.failOn, r);
  const colour = plan.format === "text" && !(plan.out && !plan.out.folder) && colourful(io);
  const shown = plan.timeline ? report : withoutTimelines(report);
  const text = await render(plan.format, plan.format === "html" ? report : shown, {
    colour,
    counts: counted,
  });
  if (plan.out?.folder) {
    await writeOutputDir(plan.out.path, report, shown, counted);
    io.stdout.write(text);
  } else if (plan.out) writeOutput(plan.out.path, text);
  else io.stdout.write(text);
  return exitStatus(report, plan, io);
}

function render(
  format: ReportFormat,
  report: Report,
  options: { colour: boolean; counts: (f: FileReport, r: CheckResult) => boolean },
): Promise<string> | string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "html":
      // Loaded only when asked for (the bundle leaves it outside: see scripts/bundle.js).
      return import("../report/html/index.js").then((m) => m.renderHtml(report));
    case "junit":
      return renderJunit(report, options);
    case "github":
      return renderGithub(report, options);
    default:
      return renderText(report, options);
  }
}

function exitStatus(report: Report, plan: OutputPlan, io: Terminal): number {
  if (plan.expect === undefined) return ExitCode[gatedVerdict(report, plan.failOn)];
  const unmet = unmetExpectations(report, plan.expect);
  for (const line of unmet) io.stderr.write(`causeway: not as expected: ${line}\n`);
  return unmet.length === 0 ? ExitCode.valid : ExitCode.unexpected;
}

/** Colour on a terminal, unless NO_COLOR is set to anything (no-color.org). */
function colourful(io: Terminal): boolean {
  const env = io.env ?? process.env;
  return io.stdout.isTTY === true && (env.NO_COLOR ?? "") === "";
}

export function withoutTimelines(report: Report): Report {
  if (report.files.every((f) => f.timeline === undefined)) return report;
  return { ...report, files: report.files.map(({ timeline: _, ...f }) => f) };
}
