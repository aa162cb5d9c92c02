/** The session checks on ../shared/corpus/jepsen-json: every file loads; they decide where the data allows and say why not elsewhere. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { corpusDir } from "./support/corpus.js";

const corpus = corpusDir();

const expected: Record<string, Record<string, [string, string[]]>> = {
  "cas-register-memstress3-9.json": {
    "read-your-writes": ["unknown", ["ambiguous-value"]],
    "monotonic-reads": ["unknown", ["ambiguous-value", "earlier-unidentified"]],
  },
  "counter.json": {
    "read-your-writes": ["unknown", ["not-a-register"]],
    "monotonic-reads": ["unknown", ["not-a-register"]],
  },
  // One process runs all four transactions: T4 misses T2's append of 8 to key 255, which T3
  // had already read (Elle: not strict-serializable).
  "list-append-paper-example.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["invalid", []],
  },
  // A read of 3, which nobody wrote, after the session wrote 2: its own write is not visible.
  "rw-register.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["unknown", ["earlier-unidentified"]],
  },
  "set-full.json": {
    "read-your-writes": ["unknown", ["not-a-register"]],
    "monotonic-reads": ["unknown", ["not-a-register"]],
  },
};

describe("shared corpus: jepsen-json", () => {
  it.each(Object.keys(expected))("%s", async (name) => {
    const run = await runCli(
      "check",
      "--format",
      "json",
      "--checks",
      "read-your-writes,monotonic-reads",
      `${corpus}/jepsen-json/${name}`,
    );
    expect(run.stderr).toBe("");
    const got = Object.fromEntries(
      JSON.parse(run.stdout).files[0].results.map(
        (r: { checker: string; verdict: string; undecided: { code: string }[] }) => [
          r.checker,
          [r.verdict, r.undecided.map((u) => u.code)],
        ],
      ),
    );
    expect(got).toEqual(expected[name]);
  });

  it("rw-register: the garbage read is named", async () => {
    const run = await runCli(
      "check",
      "--format",
      "json",
      "--checks",
      "read-your-writes",
      `${corpus}/jepsen-json/rw-register.json`,
    );
    const [anomaly] = JSON.parse(run.stdout).files[0].results[0].anomalies;
    expect(anomaly).toMatchObject({
      violation: "garbage",
      key: "x",
      read: { value: 3 },
      required: { value: 2 },
    });
  });
});
