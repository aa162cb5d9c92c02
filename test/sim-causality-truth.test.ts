/**
 * The causality checkers against the simulator's ground truth (src/sim/truth/causal.ts and
 * session.ts): the writes that monotonic-writes and writes-follow-reads find, and the reads
 * that consistent-prefix finds, are exactly the ops the simulator labelled for them (by
 * completion index), on every preset, anomalous and correct variants alike. The simulator
 * labels consistent prefix on single-leader runs only, so elsewhere the checker is held to
 * nothing there; monotonic writes, which no preset breaks, is held to a run that does too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Agreement, agreement } from "../bench/sim-truth.js";
import type { SimInput } from "../src/sim/index.js";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { seeded } from "./support/fc.js";
import { load, run } from "./support/sim.js";

const singleLeader = presets.filter((p) => p.options.replication?.mode === "single-leader");
const others = presets.filter((p) => p.options.replication?.mode !== "single-leader");

/** Completion indices of the ops each checker flags, and of those the truth labels for it. */
async function compare(input: SimInput, checkers: readonly string[]): Promise<Agreement[]> {
  const r = run(input);
  return agreement(await load(r, "causality-truth.jsonl"), r.labels, checkers);
}

/**
 * What a checker may leave undecided on these runs: consistent prefix, the later reads of a
 * session that read a write whose op timed out (the history records no version for it, so
 * the read's version names no write), and of the sessions that later observed that session's
 * writes, where it finds nothing wrong. Nothing else.
 */
const mayLeave: Record<string, readonly string[]> = {
  "consistent-prefix": ["earlier-unidentified", "learned-from-unidentified"],
};

function expectAgreement(where: object, c: Agreement): void {
  expect({ ...where, checker: c.id, found: c.found }).toEqual({
    ...where,
    checker: c.id,
    found: c.truth,
  });
  const allowed = mayLeave[c.id] ?? [];
  expect({
    ...where,
    checker: c.id,
    undecided: c.undecided.filter((u) => !allowed.includes(u)),
  }).toEqual({ ...where, checker: c.id, undecided: [] });
}

describe("causality checkers agree with the simulator's ground truth", () => {
  it("single-leader presets, anomalous and correct, on many seeds", async () => {
    const labelled: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...singleLeader),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (p, correct, seed) => {
          const checkers = ["monotonic-writes", "writes-follow-reads", "consistent-prefix"];
          for (const c of await compare(presetInput(p, correct, { seed }), checkers)) {
            expectAgreement({ preset: p.name, correct, seed }, c);
            labelled[c.id] = (labelled[c.id] ?? 0) + c.truth.length;
          }
        },
      ),
      seeded(600),
    );
    // The property must have had something to agree on: every single-leader preset but the
    // correct variants breaks consistent prefix (the observers read lagging followers).
    expect(labelled["consistent-prefix"]).toBeGreaterThan(5000);
  });

  it("every seed of fig-5-2 below 100: failovers lose writes that happened before what was seen", async () => {
    // fig-5-2 is where writes time out and a failover cuts acknowledged writes: the reads that
    // lack a cut write after seeing a later one, and the writes that timed out (in no causal
    // past), are where the truth and the checker could part.
    const p = singleLeader.find((x) => x.name === "fig-5-2")!;
    let labelled = 0;
    for (let seed = 0; seed < 100; seed++) {
      for (const correct of [false, true]) {
        for (const c of await compare(presetInput(p, correct, { seed }), ["consistent-prefix"])) {
          expectAgreement({ seed, correct }, c);
          labelled += c.truth.length;
          if (correct) expect({ seed, found: c.found }).toEqual({ seed, found: [] });
        }
      }
    }
    expect(labelled).toBeGreaterThan(1000);
  });

  it("multi-leader and leaderless presets, anomalous and correct, on many seeds", async () => {
    const labelled: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...others),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (p, correct, seed) => {
          const input = presetInput(p, correct, { seed });
          const r = run(input);
          // Consistent prefix is labelled on single-leader runs only.
          expect(r.labels.filter((l) => l.checker === "consistent-prefix")).toEqual([]);
          for (const c of await compare(input, ["monotonic-writes", "writes-follow-reads"])) {
            expectAgreement({ preset: p.name, correct, seed }, c);
            labelled[c.id] = (labelled[c.id] ?? 0) + c.truth.length;
          }
        },
      ),
      seeded(300),
    );
    // fig-5-7: a user reads a record, then writes it at a leader whose clock is behind.
    expect(labelled["writes-follow-reads"]).toBeGreaterThan(100);
  });

  it("monotonic writes: a session's writes coordinated by nodes whose clocks disagree", async () => {
    // No preset breaks monotonic writes (sessions write at one leader, or with vectors that
    // count their own writes): here last write wins takes its timestamps from whichever node
    // coordinates a write, and one node's clock is 300 ms behind.
    let labelled = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const input: SimInput = {
        seed,
        ops: 400,
        sessions: 4,
        keys: 2,
        routing: "any",
        replication: { mode: "leaderless", nodes: 3, n: 3, w: 1, r: 1, conflicts: "lww" },
        faults: [{ kind: "skew", node: "n2", offset: -300 }],
      };
      for (const c of await compare(input, ["monotonic-writes", "writes-follow-reads"])) {
        expectAgreement({ seed }, c);
        if (c.id === "monotonic-writes") labelled += c.truth.length;
      }
    }
    expect(labelled).toBeGreaterThan(50);
  });
});
