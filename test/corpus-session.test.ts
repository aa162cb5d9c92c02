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
    "monotonic-writes": ["valid", ["no-order"], "implied by linearizable"],
    "writes-follow-reads": ["valid", ["earlier-unidentified"], "implied by linearizable"],
    "consistent-prefix": ["valid", ["earlier-unidentified"], "implied by linearizable"],
    causal: ["valid", ["not-differentiated"], "implied by linearizable"],
    linearizable: ["valid", []],
  },
  // Only increments: no register to read; a set of adds is trivially linearizable.
  "counter.json": {
    "read-your-writes": ["n/a", [], "no-register-ops"],
    "monotonic-reads": ["n/a", [], "no-register-ops"],
    "monotonic-writes": ["n/a", [], "no-register-writes"],
    "writes-follow-reads": ["n/a", [], "no-register-writes"],
    "consistent-prefix": ["n/a", [], "no-register-ops"],
    causal: ["n/a", [], "no-register-ops"],
    linearizable: ["valid", []],
  },
  // One process runs all four transactions: T4 misses T2's append of 8 to key 255, which T3
  // had already read (Elle: not strict-serializable). No register model reads list appends.
  // Causal: T4's list of 255 ends before the 8 that T2 appended earlier in the session; the
  // lists' other dependencies are not followed, so causal could not have said valid. Two
  // appends of one transaction that no read saw have no known order (monotonic writes).
  "list-append-paper-example.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["invalid", []],
    "monotonic-writes": ["unknown", ["no-order"]],
    "writes-follow-reads": ["valid", []],
    "consistent-prefix": ["valid", []],
    causal: ["invalid", ["not-registers"]],
    linearizable: ["n/a", [], "unreadable-ops"],
  },
  // A read of 3, which nobody wrote, after the session wrote 2: its own write is not visible,
  // and the 3 came out of thin air (Elle calls this history valid; causal does not).
  "rw-register.json": {
    "read-your-writes": ["invalid", []],
    "monotonic-reads": ["unknown", ["earlier-unidentified"]],
    "monotonic-writes": ["valid", []],
    "writes-follow-reads": ["valid", []],
    "consistent-prefix": ["valid", []],
    causal: ["invalid", []],
    linearizable: ["invalid", []],
  },
  // Adds and whole-set reads: not registers; the set model finds the lost elements.
  "set-full.json": {
    "read-your-writes": ["n/a", [], "no-register-ops"],
    "monotonic-reads": ["n/a", [], "no-register-ops"],
    "monotonic-writes": ["n/a", [], "no-register-writes"],
    "writes-follow-reads": ["n/a", [], "no-register-writes"],
    "consistent-prefix": ["n/a", [], "no-register-ops"],
    causal: ["n/a", [], "no-register-ops"],
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
    // Only the checkers listed: one added later is judged by its own tests, not by this table.
    const want = expected[name]!;
    const got = Object.fromEntries(
      JSON.parse(run.stdout)
        .files[0].results.filter((r: Result) => r.checker in want)
        .map((r: Result) => {
          const why =
            r.notApplicable?.code ?? (r.implied ? `implied by ${r.implied.by}` : undefined);
          return [r.checker, [r.verdict, r.undecided.map((u) => u.code), ...(why ? [why] : [])]];
        }),
    );
    expect(got).toEqual(want);
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

  it("rw-register: causal finds the thin-air read", async () => {
    const file = `${corpus}/jepsen-json/rw-register.json`;
    const run = await runCli("check", "--format", "json", "--checks", "causal", file);
    const result = JSON.parse(run.stdout).files[0].results[0];
    expect(result.verdict).toBe("invalid");
    expect(result.anomalies).toMatchObject([{ kind: "thin-air-read", key: "x", value: 3 }]);
    expect(result.anomalies[0].ops.map((o: { line: number }) => o.line)).toEqual([4]);
  });
});
