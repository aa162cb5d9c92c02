/**
 * The command line: the only code that reads argv, prints or decides the exit status. The
 * `check` flags are made from the options the checkers declare (`timeLimit` is
 * `--time-limit`), and the whole request is validated before any file is read.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { type CheckRequest, planCheck, runPlan } from "../api.js";
import { OptionError, optionSpecs } from "../checkers/options.js";
import { checkers } from "../checkers/registry.js";
import type { OptionSpec } from "../checkers/types.js";
import { CausewayInputError, FileError, UsageError } from "../errors.js";
import { independentModes } from "../history/independent.js";
import { formats } from "../ingest/formats.js";
import { combineReports, type Report } from "../report/model.js";
import { checkerProgress, progressEnabled } from "./check-progress.js";
import { emitReport, type OutputFlags, planOutput, reportFormats } from "./emit.js";
import { ExitCode } from "./exit-codes.js";
import { preferMemoryWhenLarge } from "./memory.js";
import { progressLine } from "./progress.js";

/** For the launcher, which owns its process: collections on request (src/lin/release.ts). */
export { allowCollection } from "../lin/release.js";

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The environment (NO_COLOR); process.env when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

interface CheckFlags extends OutputFlags {
  checks?: string;
  input?: string;
  independentKeys?: string;
  progress?: boolean;
  quiet?: boolean;
  debug?: boolean;
  [option: string]: unknown;
}

const exitHelp = `
Exit status:
  0  every check passed (valid)
  1  at least one anomaly was found (invalid)
  2  no anomaly, but some check could not decide (unknown; the report says why)
  3  an input file is unusable (unreadable, malformed, against the schema, not a history)
  4  bad command line (unknown option, checker, format or model; a bad --fail-on or --expect)
  5  internal error (a bug: please report it with the --debug output)
  6  --expect: some history's verdicts differ from the expected ones
With --fail-on, only the checkers and anomaly kinds it names decide 0, 1 or 2.`;

export async function main(argv: string[], io: Io): Promise<number> {
  let status: number = ExitCode.valid;
  try {
    const program = await buildProgram(argv, io, (code) => {
      status = code;
    });
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (e) {
    return reportError(e, io, argv.includes("--debug"));
  }
}

/** Commands whose modules every run loads; the others' load only when a run may need them. */
const eager = ["check", "report", "checks"];

async function buildProgram(
  argv: string[],
  io: Io,
  setStatus: (code: number) => void,
): Promise<Command> {
  const program = new Command("causeway")
    .description(
      "Consistency checker for histories of replicated data systems: session guarantees,\nlinearizability and more, each violation proven with the operations involved.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run with --help for usage)");

  const check = program
    .command("check")
    .description("check one or more histories and report every violation found")
    .argument(
      "<files...>",
      `history files, or - for standard input (${formats.map((f) => f.id).join(", ")}; detected from content)`,
    )
    .option(
      "-c, --checks <ids>",
      "comma-separated checker ids to run (default: all; see `causeway checks`)",
    );
  addOutputOptions(check);
  check
    .addOption(
      new Option("--input <format>", "read files as this format instead of detecting it").choices(
        formats.map((f) => f.id),
      ),
    )
    .addOption(
      new Option(
        "--independent-keys <mode>",
        "keyless histories of [key value] tuples: auto (detect), split, keep (default: auto)",
      ).choices(independentModes),
    );
  for (const spec of optionSpecs(checkers)) check.addOption(flagOf(spec));
  check
    .option(
      "--progress",
      "show a progress line while reading (default: on a terminal, for large files)",
    )
    .option("--no-progress", "never show a progress line")
    .option(
      "--quiet",
      "no progress lines at all (reading, or checkers running longer than a second)",
    )
    .option("--timeline", "keep every op in the JSON report (the HTML report always has them)")
    .option("--debug", "print stack traces for errors")
    .addHelpText(
      "after",
      `${exitHelp}\n\nExamples:\n  causeway check histories/ddia/*.jsonl\n  causeway check --checks linearizable --model cas-register --initial 0 knossos.edn\n  causeway check --checks read-your-writes --format json --out report.json run.jsonl`,
    )
    .action(async (files: string[], flags: CheckFlags) => {
      setStatus(await runCheck(files, flags, io));
    });

  const report = program
    .command("report")
    .description("render a saved JSON report (from check --format json) again")
    .argument("<report>", "the report file, or - for standard input");
  addOutputOptions(report);
  report
    .option("--debug", "print stack traces for errors")
    .action(async (file: string, flags: OutputFlags) => {
      // A saved report keeps what it has: its timeline, if it was saved with one.
      const output = { ...planOutput(flags), timeline: true };
      const { parseReport } = await import("../ingest/report.js");
      setStatus(await emitReport(parseReport(readText(file), file), output, io));
    });

  program
    .command("checks")
    .description("list every checker with what it checks and what it needs")
    .action(() => {
      io.stdout.write(listCheckers());
    });

  // `causeway` alone, help, a typo: every command must be there to be listed or suggested.
  if (!eager.includes(argv[0] ?? "")) {
    (await import("./graph.js")).registerGraphCommand(program, io, setStatus);
    (await import("./simulate.js")).registerSimulate(program, io);
  }
  program.addHelpText("after", exitHelp);
  return program;
}

function addOutputOptions(command: Command): void {
  command
    .addOption(
      new Option("-f, --format <format>", "report format (github: Actions annotations)")
        .choices(reportFormats)
        .default("text"),
    )
    .option(
      "-o, --out <path>",
      "write the report to a file instead of stdout (a regular file is replaced atomically; a device or FIFO is written, never replaced); to a folder (an existing one, or a path ending in /): report.html, report.json, report.txt, junit.xml and one file per anomaly kind, and the report to stdout",
    )
    .option(
      "--fail-on <ids>",
      "checkers and anomaly kinds whose findings fail the run (exit 1 or 2); the rest are only reported; all (default) or none",
    )
    .option(
      "--expect <file>",
      "expected verdicts per history (JSON, see the README): exit 0 when every history matches, 6 when one does not",
    );
}

/** A declared option as a flag: `timeLimit` is `--time-limit <seconds>`; a boolean on by default is `--no-x`. */
function flagOf(spec: OptionSpec): Option {
  const flag = spec.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const help = `${spec.help}${spec.default !== undefined && spec.type !== "boolean" ? ` (default: ${spec.default})` : ""}`;
  if (spec.type === "boolean") {
    return spec.default === true
      ? new Option(`--no-${flag}`, `do not ${spec.help}`)
      : new Option(`--${flag}`, help);
  }
  const arg = spec.unit ?? (spec.type === "json" ? "json" : spec.type === "string" ? "name" : "n");
  const option = new Option(`--${flag} <${arg}>`, help);
  if (spec.choices) return option.choices(spec.choices);
  if (spec.type === "json") return option.argParser((v) => parseJsonFlag(flag, v));
  if (spec.type === "number" || spec.type === "integer") return option.argParser(Number);
  return option;
}

function parseJsonFlag(flag: string, v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    throw new UsageError(`--${flag} takes a JSON value (for example 0, null or '"x"'), got ${v}`);
  }
}

async function runCheck(files: string[], flags: CheckFlags, io: Io): Promise<number> {
  const output = planOutput(flags);
  const plan = planCheck(checkRequest(flags));
  plan.timeline = output.timeline || output.needsTimeline;
  const showProgress = progressEnabled(flags, io.stderr.isTTY);
  plan.checkProgress = checkerProgress(io.stderr, showProgress);
  plan.onHistory = preferMemoryWhenLarge;
  const reports: Report[] = [];
  for (const file of files) {
    const progress = progressLine(io.stderr, `reading ${file}`, showProgress);
    reports.push(await runPlan({ ...plan, onProgress: progress.update }, file));
    progress.done();
  }
  return emitReport(combineReports(reports), output, io);
}

/** The flags as a library request: the declared options by name, the rest by their own names. */
function checkRequest(flags: CheckFlags): CheckRequest {
  const request: CheckRequest = {};
  if (flags.checks !== undefined)
    request.checks = flags.checks
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s);
  if (flags.input !== undefined) request.format = flags.input;
  if (flags.independentKeys !== undefined)
    request.independentKeys = flags.independentKeys as CheckRequest["independentKeys"];
  for (const spec of optionSpecs(checkers)) {
    if (flags[spec.name] !== undefined) request[spec.name] = flags[spec.name];
  }
  return request;
}

function readText(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    throw new FileError({ file }, `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function listCheckers(): string {
  const width = Math.max(...checkers.map((c) => c.id.length));
  const lines = checkers.map(
    (c) =>
      `  ${c.id.padEnd(width)}  ${c.description}\n  ${" ".repeat(width)}  needs: ${c.requires.join("; ")}`,
  );
  return `Checkers (run a subset with --checks id,id):\n${lines.join("\n")}\n`;
}

function reportError(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (["commander.helpDisplayed", "commander.version", "commander.help"].includes(e.code)) {
      return ExitCode.valid;
    }
    return ExitCode.usage;
  }
  if (debug && e instanceof Error) io.stderr.write(`${e.stack}\n`);
  if (e instanceof CausewayInputError) {
    io.stderr.write(
      `causeway: ${e.name === "FileError" ? "cannot read" : "unusable input"}: ${e.message}\n`,
    );
    return ExitCode.badInput;
  }
  if (e instanceof OptionError) {
    const flag = e.option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    io.stderr.write(`causeway: --${flag}: ${e.detail}\n`);
    return ExitCode.usage;
  }
  if (e instanceof UsageError) {
    io.stderr.write(`causeway: ${e.message}\n`);
    return ExitCode.usage;
  }
  io.stderr.write(
    `causeway: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? "" : " (run with --debug for details)"}\n`,
  );
  return ExitCode.internal;
}
