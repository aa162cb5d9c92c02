/** Soundness and completeness of the session checkers on histories from a correct store, with one injected stale read. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import type { AnyChecker } from "../src/checkers/types.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";
import { mrCandidates, runStore, rywCandidates, steps, toHistory } from "./support/store-model.js";

const both: AnyChecker[] = [readYourWrites, monotonicReads];

describe("a correct store never yields an anomaly", () => {
  it("with versions: every check is valid", () => {
    fc.assert(
      fc.property(steps, (s) => {
        const h = toHistory(runStore(s), true);
        for (const c of both) expect(runChecker(c, h).verdict).toBe("valid");
      }),
      seeded(300),
    );
  });

  it("by value only: valid or unknown, never invalid", () => {
    fc.assert(
      fc.property(steps, (s) => {
        const h = toHistory(runStore(s), false);
        for (const c of both) expect(runChecker(c, h).anomalies).toEqual([]);
      }),
      seeded(300),
    );
  });
});

describe("one injected stale read yields exactly that anomaly", () => {
  it.each([true, false])("read-your-writes (versions: %s)", (withVersions) => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const ops = runStore(s);
        const candidates = rywCandidates(ops);
        fc.pre(candidates.length > 0);
        const i = candidates[pick % candidates.length]!;
        // The initial value: older than every write, decidable with or without versions.
        ops[i] = { ...ops[i]!, value: null, version: 0 };
        const h = toHistory(ops, withVersions);
        const r = runChecker(readYourWrites, h);
        expect(r.anomalies).toHaveLength(1);
        expect(r.anomalies[0]!.read.op).toBe(i);
        expect(r.anomalies[0]!.kind).toBe("missed-own-write");
        expect(runChecker(monotonicReads, h).anomalies).toEqual([]);
      }),
      seeded(300),
    );
  });

  it.each([true, false])("monotonic-reads (versions: %s)", (withVersions) => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const ops = runStore(s);
        const candidates = mrCandidates(ops);
        fc.pre(candidates.length > 0);
        const i = candidates[pick % candidates.length]!;
        ops[i] = { ...ops[i]!, value: null, version: 0 };
        const h = toHistory(ops, withVersions);
        const r = runChecker(monotonicReads, h);
        expect(r.anomalies).toHaveLength(1);
        expect(r.anomalies[0]!.read.op).toBe(i);
        expect(runChecker(readYourWrites, h).anomalies).toEqual([]);
      }),
      seeded(300),
    );
  });

  it("read-your-writes with an older (not initial) version", () => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const ops = runStore(s);
        const candidates = rywCandidates(ops).filter((i) => ops[i]!.version > 1);
        fc.pre(candidates.length > 0);
        const i = candidates[pick % candidates.length]!;
        ops[i] = { ...ops[i]!, version: ops[i]!.version - 1 };
        // Only stale if the session's own write is the newest: otherwise version-1 may still include it.
        const own = ops
          .slice(0, i)
          .filter((o) => o.kind === "w" && o.key === ops[i]!.key && o.session === ops[i]!.session);
        fc.pre(own.at(-1)!.version === ops[i]!.version + 1);
        const r = runChecker(readYourWrites, toHistory(ops, true));
        expect(
          r.anomalies.map((a) => ["violation" in a ? a.violation : a.kind, a.read.op]),
        ).toEqual([["older", i]]);
      }),
      seeded(300),
    );
  });
});
