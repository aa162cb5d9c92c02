/** `causeway simulate` as registered on a commander program: files, stdout, options and their errors. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { registerSimulate } from "../src/cli/simulate.js";
import { UsageError } from "../src/errors.js";
import { sink } from "./support/cli.js";
import { tmpPath } from "./support/tmp.js";

async function simulateCli(...args: string[]) {
  const stdout = sink();
  const stderr = sink();
  const program = new Command("causeway")
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) });
  registerSimulate(program, { stdout, stderr });
  let error: unknown;
  try {
    await program.parseAsync(["simulate", ...args], { from: "user" });
  } catch (e) {
    error = e;
  }
  return { stdout: stdout.text, stderr: stderr.text, error };
}

describe("causeway simulate", () => {
  it("writes a scenario's history to a file and its truth to another", async () => {
    const out = tmpPath("h.jsonl");
    const truth = tmpPath("t.jsonl");
    const r = await simulateCli("--scenario", "fig-5-3", "--out", out, "--truth", truth);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/events, \d+ ground-truth labels -> /);
    const labels = readFileSync(truth, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      labels.some((l) => l.checker === "read-your-writes" && l.kind === "missed-own-write"),
    ).toBe(true);
    expect(readFileSync(out, "utf8").split("\n")[0]).toMatch(/^\{"index":0,/);
    expect(readdirSync(dirname(out)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes to stdout, the same bytes for the same seed, and the correct variant has no truth", async () => {
    const truth = tmpPath("t.jsonl");
    const a = await simulateCli(
      "--scenario",
      "fig-5-4",
      "--correct",
      "--seed",
      "3",
      "--truth",
      truth,
    );
    const b = await simulateCli("--scenario", "fig-5-4", "--correct", "--seed", "3");
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(a.stdout).toBe(b.stdout);
    expect(readFileSync(truth, "utf8")).toBe("");
  });

  it("takes options without a scenario, and any other option as JSON", async () => {
    const r = await simulateCli(
      "--mode",
      "leaderless",
      "--ops",
      "50",
      "--keys",
      "2",
      "--options",
      '{"replication":{"mode":"leaderless","w":1,"r":1}}',
      "--no-replica-events",
    );
    expect(r.error).toBeUndefined();
    const events = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.filter((e) => e.type === "invoke")).toHaveLength(50);
    expect(events[0]).toMatchObject({ f: "config", n: 3, w: 1, r: 1 });
    expect(events.some((e) => String(e.process).startsWith("replica:"))).toBe(false);
  });

  it("lists the scenarios in --help", async () => {
    const r = await simulateCli("--help");
    expect(r.error).toBeInstanceOf(CommanderError);
    for (const name of ["fig-5-1", "fig-5-8-star", "fig-5-13"]) expect(r.stdout).toContain(name);
  });

  it.each([
    [["--scenario", "fig-9-9"], CommanderError, /Allowed choices/],
    [["--ops", "-3"], CommanderError, /integer >= 0/],
    [["--write-rate", "2"], CommanderError, /0 to 1/],
    [["--correct"], UsageError, /--correct needs --scenario/],
    [["--options", "{nope"], UsageError, /JSON object/],
    [["--scenario", "fig-5-3", "--mode", "leaderless"], UsageError, /does not fit/],
    [
      ["--options", '{"replication":{"mode":"leaderless","n":5}}'],
      UsageError,
      /replication.n must be an integer in \[1, 3\]/,
    ],
    [
      ["--options", '{"faults":[{"kind":"crash","node":"n9","at":1}]}'],
      UsageError,
      /faults\[0\].node must be a node \(n1, n2, n3\)/,
    ],
  ])("rejects %j", async (args, type, message) => {
    const r = await simulateCli(...(args as string[]));
    expect(r.error).toBeInstanceOf(type);
    expect(`${(r.error as Error).message}${r.stderr}`).toMatch(message);
  });

  it("leaves no file behind when the output cannot be written", async () => {
    const out = `${tmpPath("missing-dir")}/h.jsonl`;
    const r = await simulateCli("--ops", "10", "--out", out);
    expect(r.error).toBeInstanceOf(UsageError);
    expect(existsSync(out)).toBe(false);
  });
});
