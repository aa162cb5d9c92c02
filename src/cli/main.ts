/**
 * The command line: the only code that reads argv, prints or decides the exit status.
 * Everything below it returns data; this file turns it into text and a status.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { checkers, findChecker } from "../checkers/registry.js";
import type { Checker, CheckOptions } from "../checkers/types.js";
import { CausewayInputError, UsageError } from "../errors.js";
import { formats } from "../ingest/formats.js";
import { loadHistory } from "../ingest/index.js";
import { renderJson } from "../report/json.js";
import { buildReport, type FileReport } from "../report/model.js";
import { renderText } from "../report/text.js";
import { ExitCode } from "./exit-codes.js";
import { writeAtomically } from "./output.js";
import { progressLine } from "./progress.js";

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

interface CheckFlags {
  checks?: string;
  format: "text" | "json";
  out?: string;
  input?: string;
  model?: string;
  timeLimit?: number;
  memoryLimit?: number;
  initial?: string;
  maxAnomalies: number;
  firstOnly?: boolean;
  partition: boolean;
  progress?: boolean;
  debug?: boolean;
}

const exitHelp = `
Exit status:
  0  every check passed (valid)
  1  at least one anomaly was found (invalid)
  2  no anomaly, but some check could not decide (unknown; the report says why)
  3  an input file is unusable (unreadable, malformed, against the schema, not a history)
  4  bad command line (unknown option, checker, format or model)
  5  internal error (a bug: please report it with the --debug output)`;

export async function main(argv: string[], io: Io): Promise<number> {
  let status: number = ExitCode.valid;
  const program = buildProgram(io, (code) => {
    status = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (e) {
    return reportError(e, io, argv.includes("--debug"));
  }
}

function buildProgram(io: Io, setStatus: (code: number) => void): Command {
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

  program
    .command("check")
    .description("check one or more histories and report every violation found")
    .argument(
      "<files...>",
      `history files (${formats.map((f) => f.id).join(", ")}; detected from content)`,
    )
    .option(
      "-c, --checks <ids>",
      "comma-separated checker ids to run (default: all; see `causeway checks`)",
    )
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(["text", "json"])
        .default("text"),
    )
    .option("-o, --out <file>", "write the report to a file (atomically) instead of stdout")
    .addOption(
      new Option("--input <format>", "read files as this format instead of detecting it").choices(
        formats.map((f) => f.id),
      ),
    )
    .option(
      "--model <name>",
      "linearizability model: register, cas-register, kv, multi-register, mutex, set, fifo-queue (default: inferred from the f names)",
    )
    .option("--no-partition", "check linearizability of all keys together instead of key by key")
    .option(
      "--time-limit <seconds>",
      "search budget per checker, in seconds (linearizability: 60)",
      positiveNumber,
    )
    .option(
      "--memory-limit <MiB>",
      "search memory budget per checker, in MiB (linearizability: 1024)",
      positiveNumber,
    )
    .option(
      "--initial <json>",
      'initial value of every key (JSON; default: null, or the model\'s: "" for kv, 0 for multi-register)',
    )
    .option(
      "--max-anomalies <n>",
      "anomalies kept per checker (the count stays exact)",
      positiveInteger,
      100,
    )
    .option("--first-only", "stop each checker at its first anomaly (fast CI gating)")
    .option(
      "--progress",
      "show a progress line while reading (default: on a terminal, for large files)",
    )
    .option("--no-progress", "never show a progress line")
    .option("--debug", "print stack traces for errors")
    .addHelpText(
      "after",
      `${exitHelp}\n\nExamples:\n  causeway check histories/ddia/*.jsonl\n  causeway check --checks linearizable --model cas-register --initial 0 knossos.edn\n  causeway check --checks read-your-writes --format json --out report.json run.jsonl`,
    )
    .action(async (files: string[], flags: CheckFlags) => {
      setStatus(await runCheck(files, flags, io));
    });

  program
    .command("checks")
    .description("list every checker with what it checks and what it needs")
    .action(() => {
      io.stdout.write(listCheckers());
    });

  program.addHelpText("after", exitHelp);
  return program;
}

async function runCheck(files: string[], flags: CheckFlags, io: Io): Promise<number> {
  const selected = selectCheckers(flags.checks);
  const options = checkOptions(flags);
  const reports: Omit<FileReport, "verdict">[] = [];
  for (const file of files) {
    const progress = progressLine(io.stderr, `reading ${file}`, flags.progress);
    const history = await loadHistory(file, { format: flags.input, onProgress: progress.update });
    progress.done();
    const results = selected.map((c) => c.check(history, options));
    reports.push({
      file,
      format: history.format ?? "",
      ops: history.size,
      events: history.events,
      results,
      history,
    });
  }
  const report = buildReport(reports);
  const text = flags.format === "json" ? renderJson(report) : renderText(report);
  if (flags.out) writeAtomically(flags.out, text);
  else io.stdout.write(text);
  return ExitCode[report.verdict];
}

function selectCheckers(ids: string | undefined): Checker[] {
  if (ids === undefined) return [...checkers];
  return ids
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((id) => {
      const c = findChecker(id);
      if (!c)
        throw new UsageError(
          `unknown checker "${id}"; known: ${checkers.map((x) => x.id).join(", ")}`,
        );
      return c;
    });
}

function checkOptions(flags: CheckFlags): CheckOptions {
  const options: CheckOptions = { maxAnomalies: flags.maxAnomalies };
  if (flags.model !== undefined) options.model = flags.model;
  if (flags.timeLimit !== undefined) options.timeLimitMs = flags.timeLimit * 1000;
  if (flags.memoryLimit !== undefined) options.memoryLimitMb = flags.memoryLimit;
  if (flags.firstOnly) options.firstOnly = true;
  if (!flags.partition) options.partition = false;
  if (flags.initial !== undefined) {
    try {
      options.initial = JSON.parse(flags.initial);
    } catch {
      throw new UsageError(
        `--initial takes a JSON value (for example 0, null or '"x"'), got ${flags.initial}`,
      );
    }
  }
  return options;
}

function listCheckers(): string {
  const width = Math.max(...checkers.map((c) => c.id.length));
  const lines = checkers.map(
    (c) =>
      `  ${c.id.padEnd(width)}  ${c.description}\n  ${" ".repeat(width)}  needs: ${c.requires.join("; ")}`,
  );
  return `Checkers (run a subset with --checks id,id):\n${lines.join("\n")}\n`;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number");
  return n;
}

function positiveInteger(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function reportError(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (
      e.code === "commander.helpDisplayed" ||
      e.code === "commander.version" ||
      e.code === "commander.help"
    ) {
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
  if (e instanceof UsageError) {
    io.stderr.write(`causeway: ${e.message}\n`);
    return ExitCode.usage;
  }
  io.stderr.write(
    `causeway: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? "" : " (run with --debug for details)"}\n`,
  );
  return ExitCode.internal;
}
