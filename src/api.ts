/**
 * The library API, one call: `check(input, request)` reads a history (a path, or events),
 * runs the checkers, settles what their verdicts imply through the lattice, and returns the
 * report as data, the same object `causeway check --format json` prints. The CLI and the
 * benchmarks use it; `planCheck` validates a request before any history is read.
 */
import { statSync } from "node:fs";
import { applyLattice } from "./checkers/lattice.js";
import { resolveOptions } from "./checkers/options.js";
import { checkers, findChecker } from "./checkers/registry.js";
import type { AnyChecker, CheckOptions, CheckProgress } from "./checkers/types.js";
import { FileError, UsageError } from "./errors.js";
import { type IndependentMode, independentModes } from "./history/independent.js";
import type { History } from "./history/model.js";
import { formatById, type HistorySource, loadHistory, type ReadProgress } from "./ingest/index.js";
import { type FileReport, fileVerdict, REPORT_VERSION, type Report } from "./report/model.js";
import { buildTimeline } from "./timeline.js";

/**
 * A history to check: a path ("-" for standard input), its text, a stream of its bytes, or its
 * events as objects (validated like parsed ones). See ingest/source.ts.
 */
export type HistoryInput = HistorySource | readonly object[] | AsyncIterable<object>;

export interface CheckRequest {
  /** Checker ids to run (default: all); each runs once. */
  checks?: readonly string[];
  /** Read the input as this format instead of detecting it. */
  format?: string;
  /** A keyless history of [key value] tuples: "auto" (detect), "split" or "keep". */
  independentKeys?: IndependentMode;
  onProgress?: ReadProgress;
  /** Told when each checker starts and ends, and how far it has got in between. */
  checkProgress?: CheckObserver;
  /** Add every op to the report as a timeline (for the HTML report; it makes the JSON report large). */
  timeline?: boolean;
  /** The common options and the checkers' own (see `causeway check --help`), by name. */
  [option: string]: unknown;
}

/** A validated request: what to run, with which options. */
export interface CheckPlan {
  checkers: readonly AnyChecker[];
  /** The checkers asked for by name: one that does not apply makes the verdict unknown. */
  named: ReadonlySet<string>;
  options: CheckOptions;
  format?: string;
  independentKeys: IndependentMode;
  onProgress?: ReadProgress;
  checkProgress?: CheckObserver;
  timeline?: boolean;
  /** Called with the History once it is read, before any checker runs (the CLI tunes its process by the size). */
  onHistory?: (history: History) => void;
}

/** Follows the checkers of a run: a progress display. */
export interface CheckObserver {
  start(checker: string): void;
  progress(checker: string, p: CheckProgress): void;
  end(checker: string): void;
}

const requestFields = new Set([
  "checks",
  "format",
  "independentKeys",
  "onProgress",
  "checkProgress",
  "timeline",
]);

/** Validates a request; throws a UsageError (or OptionError) before anything is read. */
export function planCheck(request: CheckRequest = {}): CheckPlan {
  const ids = request.checks === undefined ? undefined : [...new Set(request.checks)];
  if (ids !== undefined && ids.length === 0) throw new UsageError("no checker selected");
  const selected = ids === undefined ? [...checkers] : ids.map(checkerById);
  const raw = Object.fromEntries(Object.entries(request).filter(([k]) => !requestFields.has(k)));
  const options = resolveOptions(selected, raw, checkers);
  if (request.format !== undefined) formatById(request.format, "");
  const mode = request.independentKeys ?? "auto";
  if (!independentModes.includes(mode)) {
    throw new UsageError(
      `independentKeys: expected one of ${independentModes.join(", ")}, got ${String(mode)}`,
    );
  }
  const plan: CheckPlan = {
    checkers: selected,
    named: new Set(ids ?? []),
    options,
    independentKeys: mode,
  };
  if (request.format !== undefined) plan.format = request.format;
  if (request.onProgress !== undefined) plan.onProgress = request.onProgress;
  if (request.checkProgress !== undefined) plan.checkProgress = request.checkProgress;
  if (request.timeline === true) plan.timeline = true;
  return plan;
}

function checkerById(id: string): AnyChecker {
  const c = findChecker(id);
  if (c === undefined) {
    throw new UsageError(`unknown checker "${id}"; known: ${checkers.map((x) => x.id).join(", ")}`);
  }
  return c;
}

/** Reads, checks and reports one history. */
export async function check(input: HistoryInput, request: CheckRequest = {}): Promise<Report> {
  return runPlan(planCheck(request), input);
}

export async function runPlan(plan: CheckPlan, input: HistoryInput): Promise<Report> {
  const bytes = typeof input === "string" ? fileSize(input) : undefined;
  if (bytes !== undefined) for (const c of plan.checkers) c.prepare?.(plan.options, { bytes });
  const { history, format } = await readHistory(input, plan);
  plan.onHistory?.(history);
  // A verdict from nothing is the worst answer a checker can give.
  if (history.size === 0)
    throw new FileError({ file: history.file }, "no ops found: this is not a history");
  const file = checkHistory(history, plan, format);
  return { causeway: REPORT_VERSION, verdict: file.verdict, files: [file] };
}

/** The size of a regular file (not standard input, a pipe or a device), or undefined. */
function fileSize(path: string): number | undefined {
  if (path === "-") return undefined;
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() ? stat.size : undefined;
  } catch {
    // The reader reports what is wrong with the file, with its name.
    return undefined;
  }
}

/** Runs the plan's checkers on a History already read. */
export function checkHistory(history: History, plan: CheckPlan, format: string): FileReport {
  const own = plan.checkers.map((c) => runChecker(c, history, plan));
  const { results, models } = applyLattice(own);
  const report: FileReport = {
    file: history.file,
    format,
    ops: history.size,
    events: history.events,
    verdict: fileVerdict(results, plan.named),
    models,
    results,
  };
  if (history.independentKeys !== undefined) report.independentKeys = history.independentKeys;
  if (plan.timeline) report.timeline = buildTimeline(history);
  return report;
}

function runChecker(c: AnyChecker, history: History, plan: CheckPlan) {
  const observer = plan.checkProgress;
  if (observer === undefined) return c.check(history, plan.options);
  observer.start(c.id);
  try {
    const progress = (p: CheckProgress) => observer.progress(c.id, p);
    return c.check(history, { ...plan.options, progress });
  } finally {
    observer.end(c.id);
  }
}

/** Reads a history as the plan says (format, independent keys, progress), without checking it. */
export async function readHistory(
  input: HistoryInput,
  plan: CheckPlan,
): Promise<{ history: History; format: string }> {
  const source: HistorySource =
    typeof input === "string" || "events" in input || "text" in input || "stream" in input
      ? input
      : { events: input as Iterable<object> | AsyncIterable<object> };
  const history = await loadHistory(source, {
    ...(plan.format ? { format: plan.format } : {}),
    independentKeys: plan.independentKeys,
    ...(plan.onProgress ? { onProgress: plan.onProgress } : {}),
  });
  return { history, format: history.format ?? "events" };
}
