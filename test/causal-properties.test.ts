/**
 * Soundness and completeness of the causality checkers on histories from a correct causally
 * consistent store (test/support/causal-store.ts): no anomaly on what the store produces;
 * one injected violation of each kind raises exactly that kind, naming the ops injected.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causal } from "../src/checkers/causal.js";
import { consistentPrefix } from "../src/checkers/consistent-prefix.js";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { monotonicWrites } from "../src/checkers/monotonic-writes.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import type { AnyChecker } from "../src/checkers/types.js";
import { writesFollowReads } from "../src/checkers/writes-follow-reads.js";
import { runCausalStore, type StoreOp, storeHistory, storeSteps } from "./support/causal-store.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";

const all: AnyChecker[] = [
  readYourWrites,
  monotonicReads,
  monotonicWrites,
  writesFollowReads,
  consistentPrefix,
  causal,
];

describe("a correct causal store never yields an anomaly", () => {
  it.each(["apply", "lww"] as const)("replicas ordering concurrent writes by %s", (mode) => {
    let decided = 0;
    fc.assert(
      fc.property(storeSteps, (steps) => {
        const h = storeHistory(runCausalStore(steps, mode));
        for (const c of all) expect(runChecker(c, h).anomalies).toEqual([]);
        const r = runChecker(causal, h, { causalLevel: mode === "lww" ? "ccv" : "cc" });
        expect(r.anomalies).toEqual([]);
        if (r.verdict === "valid") decided++;
      }),
      seeded(200),
    );
    // Values are unique, so causal decides every history: the property is not vacuous.
    expect(decided).toBeGreaterThan(150);
  });
});

/** Indices of reads, and what an injection needs of each. */
function reads(ops: readonly StoreOp[]): number[] {
  return ops.flatMap((op, i) => (op.kind === "r" ? [i] : []));
}

const writesOf = (ops: readonly StoreOp[], key: string, among: Iterable<number>) =>
  [...among].filter((w) => ops[w]!.kind === "w" && ops[w]!.key === key);

function inject(
  mode: "apply" | "lww",
  pick: (
    ops: StoreOp[],
  ) => { read: number; value: number | null; expect: Record<string, unknown> }[],
  kind: string,
) {
  fc.assert(
    fc.property(storeSteps, fc.nat(), (steps, n) => {
      const ops = runCausalStore(steps, mode);
      const candidates = pick(ops);
      fc.pre(candidates.length > 0);
      const c = candidates[n % candidates.length]!;
      ops[c.read] = { ...ops[c.read]!, value: c.value };
      const r = runChecker(causal, storeHistory(ops));
      expect(r.anomalies.map((a) => a.kind)).toEqual([kind]);
      expect(r.anomalies[0]).toMatchObject(c.expect);
    }),
    seeded(200),
  );
}

describe("one injected violation yields exactly that anomaly", () => {
  it("thin-air-read: a read of a value nobody wrote (of a key some op writes)", () => {
    inject(
      "apply",
      (ops) =>
        reads(ops)
          .filter((i) => writesOf(ops, ops[i]!.key, ops.keys()).length > 0)
          .map((i) => ({ read: i, value: 999, expect: { read: i } })),
      "thin-air-read",
    );
  });

  it("write-co-init-read: the initial value after a write of the key was seen", () => {
    inject(
      "apply",
      (ops) =>
        reads(ops)
          .filter((i) => writesOf(ops, ops[i]!.key, ops[i]!.context).length > 0)
          .map((i) => ({ read: i, value: null, expect: { read: i } })),
      "write-co-init-read",
    );
  });

  it("write-co-read: a write the read's causal past had overwritten", () => {
    inject(
      "apply",
      (ops) =>
        reads(ops).flatMap((i) => {
          const { key, context } = ops[i]!;
          const overwritten = writesOf(ops, key, context).flatMap((w2) =>
            writesOf(ops, key, ops[w2]!.context),
          );
          return overwritten.map((w1) => ({
            read: i,
            value: ops[w1]!.value,
            expect: { read: i, observed: w1 },
          }));
        }),
      "write-co-read",
    );
  });

  it("cyclic-co: a read of its own session's later write", () => {
    inject(
      "apply",
      (ops) =>
        reads(ops).flatMap((i) => {
          const later = ops.flatMap((op, j) =>
            j > i && op.kind === "w" && op.session === ops[i]!.session && op.key === ops[i]!.key
              ? [j]
              : [],
          );
          return later.map((j) => ({ read: i, value: ops[j]!.value, expect: {} }));
        }),
      "cyclic-co",
    );
  });
});

/** A store's ops, then a pattern on fresh sessions and a fresh key that meet nothing else. */
type PatternOp = [session: number, kind: "r" | "w", value: number | null, key?: string];

function withPattern(steps: Parameters<typeof runCausalStore>[0], pattern: PatternOp[]) {
  const ops = runCausalStore(steps, "lww");
  const base = ops.length;
  for (const [s, kind, value, key = "fresh"] of pattern) {
    ops.push({
      session: 10 + s,
      kind,
      key,
      value,
      from: -1,
      context: new Set(),
      lamport: 0,
    });
  }
  return { h: storeHistory(ops), base };
}

describe("patterns beyond causal consistency, on a fresh key beside a correct history", () => {
  it("cyclic-cf (ccv): two sessions see two writes in opposite orders", () => {
    const pattern: [number, "r" | "w", number][] = [
      [0, "w", 1001],
      [1, "w", 1002],
      [2, "r", 1001],
      [2, "r", 1002],
      [3, "r", 1002],
      [3, "r", 1001],
    ];
    fc.assert(
      fc.property(storeSteps, (steps) => {
        const { h, base } = withPattern(steps, pattern);
        expect(runChecker(causal, h).anomalies).toEqual([]);
        const r = runChecker(causal, h, { causalLevel: "ccv" });
        expect(r.anomalies.map((a) => a.kind)).toEqual(["cyclic-cf"]);
        const cited = new Set(r.anomalies[0]!.ops.map((o) => o.id));
        expect(cited).toEqual(new Set([0, 1, 2, 3, 4, 5].map((k) => base + k)));
      }),
      seeded(50),
    );
  });

  it("cyclic-hb (cm): one session reads two writes, then the first again", () => {
    const pattern: [number, "r" | "w", number][] = [
      [0, "w", 1001],
      [1, "w", 1002],
      [2, "r", 1001],
      [2, "r", 1002],
      [2, "r", 1001],
    ];
    fc.assert(
      fc.property(storeSteps, (steps) => {
        const { h, base } = withPattern(steps, pattern);
        const r = runChecker(causal, h, { causalLevel: "cm" });
        expect(r.anomalies.map((a) => a.kind)).toEqual(["cyclic-hb"]);
        expect(r.anomalies[0]).toMatchObject({ session: "s12", view: base + 4 });
      }),
      seeded(50),
    );
  });

  it("write-hb-init-read (cm): a read of an initial value that only the session's view orders after a write", () => {
    const pattern: PatternOp[] = [
      [0, "w", 1001, "fy"],
      [0, "w", 1002, "fx"],
      [0, "w", 1003, "fu"],
      [1, "w", 1004, "fx"],
      [1, "w", 1005, "fz"],
      [2, "r", 1005, "fz"],
      [2, "r", null, "fy"],
      [2, "r", 1003, "fu"],
      [2, "r", 1004, "fx"],
    ];
    fc.assert(
      fc.property(storeSteps, (steps) => {
        const { h, base } = withPattern(steps, pattern);
        expect(runChecker(causal, h, { causalLevel: "ccv" }).anomalies).toEqual([]);
        const r = runChecker(causal, h, { causalLevel: "cm" });
        expect(r.anomalies.map((a) => a.kind)).toEqual(["write-hb-init-read"]);
        expect(r.anomalies[0]).toMatchObject({ write: base, read: base + 6, view: base + 8 });
      }),
      seeded(50),
    );
  });
});
