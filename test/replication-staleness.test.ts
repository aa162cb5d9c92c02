/**
 * staleness: what it measures (versions behind, time since the newest acknowledgement, lag
 * per replica, the t-visibility curve), that it judges only against the bounds given, and,
 * on the simulator, that reads routed to the leader are never stale while one read made to
 * return an older version is exactly one stale read.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { staleness } from "../src/checkers/staleness.js";
import type { MeasurementCurve, MeasurementTable } from "../src/checkers/types.js";
import { runChecker } from "./support/check.js";
import { fromEvents, op, replica } from "./support/events.js";
import { seeded } from "./support/fc.js";
import { load, run } from "./support/sim.js";

/** Three writes of x acknowledged at 10, 20, 30; n2 holds them at 15, 40 and 100; a read at 50 returns version 1. */
const events = [
  ...op(0, "write", "x", { value: 1, version: 1, time: 10 }, { time: 5 }),
  replica("n1", "apply", "x", 1, 1, { time: 8 }),
  replica("n2", "apply", "x", 1, 1, { time: 15 }),
  ...op(0, "write", "x", { value: 2, version: 2, time: 20 }, { time: 16 }),
  replica("n1", "apply", "x", 2, 2, { time: 18 }),
  ...op(0, "write", "x", { value: 3, version: 3, time: 30 }, { time: 25 }),
  replica("n1", "apply", "x", 3, 3, { time: 28 }),
  replica("n2", "apply", "x", 2, 2, { time: 40 }),
  ...op(1, "read", "x", { value: 1, version: 1, node: "n3", time: 55 }, { time: 50 }),
  replica("n2", "apply", "x", 3, 3, { time: 100 }),
];

const table = (tables: MeasurementTable[] | undefined, title: string) =>
  tables?.find((t) => t.title.startsWith(title));
const curve = (curves: MeasurementCurve[] | undefined, title: string) =>
  curves?.find((c) => c.title.startsWith(title));

describe("staleness", () => {
  it("measures without judging when no bound is set", () => {
    const r = runChecker(staleness, fromEvents(events));
    expect([r.verdict, r.notes?.map((n) => n.code)]).toEqual(["valid", ["measured-only"]]);
    expect(r.stats).toMatchObject({ readsChecked: 1, staleReads: 1 });
    expect(table(r.measurements?.tables, "replication lag")?.rows).toEqual([
      ["n1", 3, 0, 0, 0, 0],
      ["n2", 3, 22, 72, 72, 72],
    ]);
    expect(table(r.measurements?.tables, "reads:")?.rows).toEqual([[1, 1, 1, 2, 2, 2, 2]]);
    expect(table(r.measurements?.tables, "stale reads")?.rows).toEqual([[1, 20, 20, 20, 20]]);
    expect(curve(r.measurements?.curves, "t-visibility")?.points).toEqual([{ x: 20, y: 0, n: 1 }]);
  });

  it("a read more versions behind than the bound is a stale read, with what the simulator labels", () => {
    const r = runChecker(staleness, fromEvents(events), { maxVersionsBehind: 1 });
    expect(r.anomalies).toMatchObject([
      { kind: "stale-read", versionsBehind: 2, msSinceNewestAck: 20, bound: 1 },
    ]);
    expect(runChecker(staleness, fromEvents(events), { maxVersionsBehind: 2 }).verdict).toBe(
      "valid",
    );
  });

  it("a replica that held a write later than the lag bound is lag-exceeded, once per write", () => {
    const r = runChecker(staleness, fromEvents(events), { maxLag: 20 });
    expect(r.anomalies.map((a) => a.kind === "lag-exceeded" && [a.node, a.lag])).toEqual([
      ["n2", 22],
      ["n2", 72],
    ]);
  });

  it("counts writes missed by version vectors, and lists by position", () => {
    const vectors = fromEvents([
      ...op(0, "write", "x", { value: 1, version: { a: 1 } }),
      ...op(1, "write", "x", { value: 2, version: { b: 1 } }),
      ...op(2, "read", "x", { value: 1, version: { a: 1 } }),
    ]);
    expect(runChecker(staleness, vectors, { maxVersionsBehind: 0 }).anomalies).toMatchObject([
      { kind: "stale-read", versionsBehind: 1 },
    ]);
    const lists = fromEvents([
      ...op(0, "append" as "write", "x", { value: 1, version: 1 }),
      ...op(0, "append" as "write", "x", { value: 2, version: 2 }),
      ...op(1, "read", "x", { value: [1] }),
      ...op(1, "read", "x", { value: [1, 2] }),
    ]);
    expect(runChecker(staleness, lists, { maxVersionsBehind: 0 }).anomalies).toMatchObject([
      { kind: "stale-read", versionsBehind: 1 },
    ]);
  });

  it("is n/a without versions, and undecided on a read it cannot place", () => {
    const plain = fromEvents([
      ...op(0, "write", "x", { value: 1 }),
      ...op(1, "read", "x", { value: 1 }),
    ]);
    expect(runChecker(staleness, plain).notApplicable?.code).toBe("no-versions");
    const unplaced = fromEvents([
      ...op(0, "write", "x", { value: 1, version: 1 }),
      ...op(1, "read", "x", { value: 7 }),
    ]);
    expect(runChecker(staleness, unplaced).undecided.map((u) => u.code)).toEqual([
      "read-without-version",
    ]);
  });
});

describe("staleness on the simulator", () => {
  it("reads routed to the leader are never stale; one read made older is exactly one stale read", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 }), fc.nat(), async (seed, pick) => {
        const r = run({ seed, ops: 150, sessions: 4, keys: 3, routing: "leader" });
        const options = { maxVersionsBehind: 0 };
        expect(runChecker(staleness, await load(r), options).verdict).toBe("valid");
        const reads = r.lines
          .map((l, i) => [JSON.parse(l), i] as const)
          .filter(([e]) => e.type === "ok" && e.f === "read" && e.version > 0);
        if (reads.length === 0) return;
        const [ev, i] = reads[pick % reads.length]!;
        const lines = [...r.lines];
        lines[i] = JSON.stringify({ ...ev, value: null, version: 0 });
        const found = runChecker(staleness, await load({ lines, labels: [] }), options).anomalies;
        expect(
          found.map((a) => a.ops.find((o) => o.id === (a as { read: number }).read)?.index),
        ).toEqual([ev.index]);
      }),
      seeded(15),
    );
  });
});
