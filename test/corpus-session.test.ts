/** The session checks on ../shared/corpus/jepsen-json: every file loads; they decide where the data allows and say why not elsewhere. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { corpusDir } from "./support/corpus.js";

const corpus = corpusDir();

/** Per checker: its verdict, its undecided codes, and why it does not apply or what implies it. */
const expected: Record<string, Record<string, [string, string[], string?]>> = {
  // Linearizable (Knossos): every session guarantee follows, though the session checks alone
  // cannot identify the writes of repeated values.
  "cas-register-memstress3-9.json": {
    "read-your-writes": ["valid", ["ambiguous-value"], "implied by linearizable"],
    "monotonic-reads": [
      "valid",
      ["ambiguous-value", "earlier-unidentified"],
      "implied by linearizable",
    ],
    linearizable: ["valid", []],
  },
  // Only increments: no register to read; a set of adds is trivially linearizable.
  "counter.json": {
    "read-your-writes": ["n/a", [], "no-register-ops"],
    "monotonic-reads": ["n/a", [], "no-register-ops"],
    linearizable: ["valid", []],
  },
  // One process runs all four transactions: T4 misses T2's append of 8 to key 255, which T3
  // had already read (Elle: not strict-serializable). No register model reads list appends.
  "list-append-paper-example.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["invalid", []],
    linearizable: ["n/a", [], "unreadable-ops"],
  },
  // A read of 3, which nobody wrote, after the session wrote 2: its own write is not visible.
  "rw-register.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["unknown", ["earlier-unidentified"]],
    linearizable: ["invalid", []],
  },
  // Adds and whole-set reads: not registers; the set model finds the lost elements.
  "set-full.json": {
    "read-your-writes": ["n/a", [], "no-register-ops"],
    "monotonic-reads": ["n/a", [], "no-register-ops"],
    linearizable: ["invalid", []],
  },
};

interface Result {
  checker: string;
  verdict: string;
  undecided: { code: string }[];
  notApplicable?: { code: string };
  implied?: { by: string };
}

describe("shared corpus: jepsen-json", () => {
  it.each(Object.keys(expected))("%s", async (name) => {
    const run = await runCli("check", "--format", "json", `${corpus}/jepsen-json/${name}`);
    expect(run.stderr).toBe("");
    const got = Object.fromEntries(
      JSON.parse(run.stdout).files[0].results.map((r: Result) => {
        const why = r.notApplicable?.code ?? (r.implied ? `implied by ${r.implied.by}` : undefined);
        return [r.checker, [r.verdict, r.undecided.map((u) => u.code), ...(why ? [why] : [])]];
      }),
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
      kind: "garbage-read",
      key: "x",
      read: { value: 3 },
      required: { value: 2 },
    });
  });
});
