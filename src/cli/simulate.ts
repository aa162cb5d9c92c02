/**
 * `causeway simulate`: runs the replication simulator and writes its history (JSON Lines) to
 * stdout or a file, and the ground truth to another file. Files are written under a
 * temporary name and renamed when complete, so a failed run leaves nothing half-written.
 */

import { once } from "node:events";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { UsageError } from "../errors.js";
import { type SimInput, writeSimulation } from "../sim/index.js";
import { findPreset, presetInput, presetNames, presets } from "../sim/presets/index.js";
import { resolveOptions } from "../sim/validate.js";

interface SimulateFlags {
  scenario?: string;
  correct?: boolean;
  seed?: number;
  ops?: number;
  sessions?: number;
  keys?: number;
  mode?: "single-leader" | "multi-leader" | "leaderless";
  workload?: SimInput["workload"];
  writeRate?: number;
  routing?: SimInput["routing"];
  options?: string;
  replicaEvents: boolean;
  out?: string;
  truth?: string;
}

export interface SimulateIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function registerSimulate(program: Command, io: SimulateIo): Command {
  return program
    .command("simulate")
    .description(
      "simulate replication (single-leader, multi-leader, leaderless) and write a history with its ground truth",
    )
    .addOption(
      new Option("-s, --scenario <name>", "a named scenario (see below)").choices(presetNames),
    )
    .option("--correct", "the scenario's correct variant, which must show none of its anomalies")
    .option("--seed <n>", "random seed: the same seed gives the same bytes (default 1)", integer(0))
    .option("--ops <n>", "client operations to run", integer(0))
    .option("--sessions <n>", "client sessions", integer(1))
    .option("--keys <n>", "keys", integer(1))
    .addOption(
      new Option("--mode <mode>", "replication without a scenario (default single-leader)").choices(
        ["single-leader", "multi-leader", "leaderless"],
      ),
    )
    .addOption(
      new Option("--workload <name>", "what clients do").choices([
        "register",
        "set",
        "list-append",
      ]),
    )
    .option("--write-rate <x>", "fraction of ops that write (0 to 1)", fraction)
    .addOption(
      new Option("--routing <policy>", "where reads go").choices([
        "leader",
        "any",
        "sticky",
        "read-your-writes",
      ]),
    )
    .option(
      "--options <json>",
      'any other option as JSON, e.g. \'{"replication":{"mode":"leaderless","w":1}}\'',
    )
    .option("--no-replica-events", "leave out replica-side events (apply, repair, hint, handoff)")
    .option("-o, --out <file>", "write the history to a file instead of stdout")
    .option("-t, --truth <file>", "write the ground truth (JSON Lines) to a file")
    .addHelpText("after", scenarioHelp())
    .action(async (flags: SimulateFlags) => {
      const input = simulationInput(flags);
      const summary = await writeOutputs(input, flags, io);
      io.stderr.write(
        `causeway simulate: ${summary.events} events, ${summary.labels} ground-truth labels${flags.out ? ` -> ${flags.out}` : ""}\n`,
      );
    });
}

function scenarioHelp(): string {
  const width = Math.max(...presets.map((p) => p.name.length));
  const lines = presets.map((p) => `  ${p.name.padEnd(width)}  ${p.title}`);
  return `
Scenarios (DDIA chapter 5; each shows its figure's anomaly with the default seed, and
--correct shows the fix; fig-5-8 is fig-5-8-all-to-all):
${lines.join("\n")}

Examples:
  causeway simulate --scenario fig-5-3 --truth truth.jsonl > history.jsonl
  causeway simulate --scenario fig-5-10 --correct --seed 7 --out h.jsonl
  causeway simulate --mode leaderless --ops 1000000 --out big.jsonl`;
}

/** The simulation the flags ask for; bad combinations are usage errors. */
export function simulationInput(flags: SimulateFlags): SimInput {
  let extra: SimInput = {};
  if (flags.options !== undefined) {
    try {
      extra = JSON.parse(flags.options) as SimInput;
    } catch {
      throw new UsageError(`--options takes a JSON object, got ${flags.options}`);
    }
    if (typeof extra !== "object" || extra === null || Array.isArray(extra))
      throw new UsageError(`--options takes a JSON object, got ${flags.options}`);
  }
  const over: SimInput = { ...extra };
  for (const k of ["seed", "ops", "sessions", "keys", "workload", "routing"] as const) {
    if (flags[k] !== undefined) (over as Record<string, unknown>)[k] = flags[k];
  }
  if (flags.writeRate !== undefined) over.writeRate = flags.writeRate;
  if (!flags.replicaEvents) over.replicaEvents = false;
  if (flags.mode !== undefined) over.replication = { ...extra.replication, mode: flags.mode };
  if (flags.correct && flags.scenario === undefined)
    throw new UsageError("--correct needs --scenario");
  let input = over;
  if (flags.scenario !== undefined) {
    const preset = findPreset(flags.scenario)!;
    if (flags.mode !== undefined && flags.mode !== preset.options.replication?.mode)
      throw new UsageError(`--mode ${flags.mode} does not fit scenario ${flags.scenario}`);
    input = presetInput(preset, flags.correct === true, over);
  }
  try {
    resolveOptions(input);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  return input;
}

async function writeOutputs(input: SimInput, flags: SimulateFlags, io: SimulateIo) {
  const files = [flags.out, flags.truth].filter((f): f is string => f !== undefined);
  if (files.length === 2 && files[0] === files[1])
    throw new UsageError("--out and --truth must be different files");
  const history = flags.out ? openTemp(flags.out) : undefined;
  const truth = flags.truth ? openTemp(flags.truth) : undefined;
  try {
    const summary = await writeSimulation(input, history?.stream ?? io.stdout, truth?.stream);
    for (const f of [history, truth]) if (f) await f.commit();
    return summary;
  } catch (e) {
    for (const f of [history, truth]) f?.discard();
    for (const f of [history, truth]) f?.check();
    throw e;
  }
}

function openTemp(path: string) {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream = createWriteStream(tmp);
  let failed: Error | undefined;
  stream.on("error", (e) => {
    failed ??= e;
  });
  const check = () => {
    if (failed) throw new UsageError(`cannot write ${path}: ${failed.message}`);
  };
  return {
    stream,
    check,
    async commit() {
      check();
      stream.end();
      await once(stream, "close");
      check();
      renameSync(tmp, path);
    },
    discard() {
      stream.destroy();
      rmSync(tmp, { force: true });
    },
  };
}

function integer(min: number) {
  return (v: string): number => {
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return n;
  };
}

function fraction(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError("expected a number from 0 to 1");
  return n;
}
