/**
 * write-conflicts, lost-writes, convergence, causal-delivery and siblings: properties on a
 * correct store (test/support/replication-model.ts), where each fault injected raises exactly
 * its anomaly, and a few cases of what each needs and leaves undecided. The simulator's
 * ground truth is test/sim-replication.test.ts's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causalDelivery } from "../src/checkers/causal-delivery.js";
import { convergence } from "../src/checkers/convergence.js";
import { lostWrites } from "../src/checkers/lost-writes.js";
import { siblings } from "../src/checkers/siblings.js";
import type { AnomalyBase, AnyChecker } from "../src/checkers/types.js";
import { writeConflicts } from "../src/checkers/write-conflicts.js";
import { runChecker } from "./support/check.js";
import { fromEvents, op, replica } from "./support/events.js";
import { seeded } from "./support/fc.js";
import { history, NODES, steps } from "./support/replication-model.js";
import { load, run } from "./support/sim.js";

const lineOf = (a: AnomalyBase, id: number) => a.ops.find((o) => o.id === id)!.line;

describe("on a correct store, one fault raises exactly its anomaly", () => {
  it("conflict avoidance (one home node per key) and causal replication raise nothing", () => {
    fc.assert(
      fc.property(steps, (plan) => {
        const h = fromEvents(history(plan).events);
        const all: AnyChecker[] = [writeConflicts, lostWrites, convergence, causalDelivery];
        for (const c of all)
          expect([c.id, ["valid", "n/a"].includes(runChecker(c, h).verdict)]).toEqual([c.id, true]);
      }),
      seeded(60),
    );
  });

  it("a write another node took concurrently is a conflict of both, and lost unless a later write knew it", () => {
    fc.assert(
      fc.property(steps, fc.nat(), (plan, at) => {
        const { events, injected } = history(plan, { kind: "concurrent", at });
        if (injected.length === 0) return;
        const h = fromEvents(events);
        const conflicts = runChecker(writeConflicts, h).anomalies;
        expect(conflicts.map((a) => lineOf(a, a.write)).sort()).toEqual(
          injected.map((p) => p + 1).sort(),
        );
        const lost = runChecker(lostWrites, h).anomalies.map((a) => lineOf(a, a.write));
        const key = events[injected[0]!]!.key;
        const later = events
          .slice(injected[1]! + 1)
          .some((e) => e.type === "ok" && e.f === "write" && e.key === key);
        expect(lost).toEqual(later ? [] : [injected[0]! + 1]);
      }),
      seeded(60),
    );
  });

  it("a delivery dropped at one replica is one diverged key", () => {
    let judged = 0;
    fc.assert(
      fc.property(steps, (plan) => {
        const { events, injected } = history(plan, { kind: "dropped", at: 0 });
        if (injected.length === 0) return;
        const r = runChecker(convergence, fromEvents(events));
        // A node whose only delivery was the dropped one records no event at all: nothing shows its state.
        const silent = NODES.some(
          (n) => !events.some((e) => e.process === `replica:${n}` && e.f === "apply"),
        );
        if (silent) expect(r.undecided.map((u) => u.code)).toEqual(["unrecorded-home"]);
        else expect(r.anomalies.map((a) => a.key)).toEqual([events[injected[0]!]!.key]);
        if (!silent) judged++;
      }),
      seeded(60),
    );
    expect(judged).toBeGreaterThan(30);
  });

  it("a dependent write taken before its cause reached the node is one causal-order violation", () => {
    fc.assert(
      fc.property(steps, fc.nat(), (plan, at) => {
        const { events, injected } = history(plan, { kind: "overtaken", at });
        if (injected.length === 0) return;
        const found = runChecker(causalDelivery, fromEvents(events)).anomalies;
        expect(found.map((a) => [lineOf(a, a.write), lineOf(a, a.missing)])).toEqual([
          [injected[1]! + 1, injected[0]! + 1],
        ]);
      }),
      seeded(60),
    );
  });
});

describe("what they need and leave undecided", () => {
  it("concurrent version vectors conflict, and a later write that includes both merged them", () => {
    const h = fromEvents([
      ...op(0, "write", "x", { value: "a", version: { a: 1 } }),
      ...op(1, "write", "x", { value: "b", version: { b: 1 } }),
      ...op(0, "write", "x", { value: "ab", version: { a: 2, b: 1 } }),
    ]);
    const r = runChecker(writeConflicts, h);
    expect(r.anomalies.map((a) => [a.resolution, a.kept !== undefined])).toEqual([
      ["merged", true],
      ["merged", true],
    ]);
  });

  it("with numeric versions and no replica events, conflicts and lost writes are n/a", () => {
    const h = fromEvents(op(0, "write", "x", { value: 1, version: 1, node: "n1" }));
    expect(runChecker(writeConflicts, h).notApplicable?.code).toBe("no-replica-events");
    expect(runChecker(lostWrites, h).notApplicable?.code).toBe("no-replica-events");
  });

  it("a write no event shows, newer than its node's state, is undecided, not lost", () => {
    const h = fromEvents([
      replica("n1", "apply", "x", 1, 1),
      ...op(0, "write", "x", { value: 2, version: 2, node: "n1" }),
    ]);
    expect(runChecker(lostWrites, h).undecided.map((u) => u.code)).toEqual(["unrecorded-apply"]);
  });

  it("convergence leaves out a replica down at the end, and keeps to a key's home replicas", () => {
    const events = [
      ...op(0, "write", "x", { value: 1, version: 1, node: "n1", home: ["n1", "n2"] }),
      replica("n1", "apply", "x", 1, 1),
      replica("n2", "apply", "x", 1, 1),
      replica("n3", "apply", "x", 0, 0),
    ];
    expect(runChecker(convergence, fromEvents(events)).verdict).toBe("valid");
    const stale = [...events, replica("n2", "apply", "x", 0, 0)];
    expect(runChecker(convergence, fromEvents(stale)).anomalyCount).toBe(1);
    const down = [...stale, { type: "info", process: "nemesis", f: "crash", node: "n2" }];
    expect(runChecker(convergence, fromEvents(down)).verdict).toBe("valid");
  });

  it("a write no recorded replica reflects is undecided, not lost, while a home replica records no event at all", () => {
    const events = (home: string[]) => [
      { type: "ok", process: "cluster", f: "config", home },
      ...op(0, "write", "x", { value: "a", version: 2, node: "n1" }),
      replica("n1", "apply", "x", "a", 2),
      ...op(1, "write", "x", { value: "b", version: 3, node: "n2" }),
      replica("n2", "apply", "x", "b", 3),
      replica("n1", "apply", "x", "b", 3),
    ];
    const r = runChecker(lostWrites, fromEvents(events(["n1", "n2", "n3"])));
    expect([r.verdict, r.undecided.map((u) => u.code)]).toEqual(["unknown", ["unrecorded-home"]]);
    expect(runChecker(lostWrites, fromEvents(events(["n1", "n2"]))).anomalyCount).toBe(1);
  });

  it("convergence is undecided on a home replica that records no event at all, unless the others already diverge", () => {
    const events = [
      ...op(0, "write", "x", { value: 1, version: 1, node: "n1", home: ["n1", "n2", "n4"] }),
      replica("n1", "apply", "x", 1, 1),
      replica("n2", "apply", "x", 1, 1),
    ];
    const r = runChecker(convergence, fromEvents(events));
    expect([r.verdict, r.undecided.map((u) => u.code)]).toEqual(["unknown", ["unrecorded-home"]]);
    const split = [...events, replica("n2", "apply", "x", 0, 0)];
    expect(runChecker(convergence, fromEvents(split)).anomalyCount).toBe(1);
  });
});

/** The simulator's shopping cart: one key, set elements merged by union, siblings kept. */
const cart = (seed: number) =>
  run({
    seed,
    ops: 80,
    sessions: 3,
    keys: 1,
    workload: "set",
    writeRate: 0.5,
    replication: { mode: "leaderless", nodes: 1, n: 1, w: 1, r: 1, conflicts: "siblings" },
  });

describe("siblings on the simulator's shopping carts", () => {
  it("union merges never drop an element; one write made to drop one is exactly one sibling-element-dropped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 }), fc.nat(), async (seed, pick) => {
        const r = cart(seed);
        expect(runChecker(siblings, await load(r)).verdict).toBe("valid");
        const merges = mergesAfterReads(r.lines);
        if (merges.length === 0) return;
        const [i, element, inv] = merges[pick % merges.length]!;
        const ev = JSON.parse(r.lines[i]!);
        const lines = [...r.lines];
        const value = (ev.value as number[]).filter((v) => v !== element);
        lines[i] = JSON.stringify({ ...ev, value });
        lines[inv] = JSON.stringify({ ...JSON.parse(r.lines[inv]!), value });
        const found = runChecker(siblings, await load({ lines, labels: [] })).anomalies;
        expect(found.map((a) => [a.kind, a.ops[0]!.index])).toEqual([
          ["sibling-element-dropped", ev.index],
        ]);
      }),
      seeded(12),
    );
  });
});

describe("siblings: a write that claims a sibling it never read", () => {
  it("a vector raised to include another session's earlier write is exactly one sibling-overwritten, on that write", async () => {
    let injected = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 }), fc.nat(), async (seed, pick) => {
        const r = cart(seed);
        expect(runChecker(siblings, await load(r)).verdict).toBe("valid");
        const blind = blindClaims(r.lines);
        if (blind.length === 0) return;
        const [i, claimed] = blind[pick % blind.length]!;
        const ev = JSON.parse(r.lines[i]!);
        const lines = [...r.lines];
        lines[i] = JSON.stringify({ ...ev, version: join(ev.version, claimed) });
        const found = runChecker(siblings, await load({ lines, labels: [] })).anomalies;
        expect(found.map((a) => [a.kind, a.ops[0]!.index])).toEqual([
          ["sibling-overwritten", ev.index],
        ]);
        injected++;
      }),
      seeded(12),
    );
    expect(injected).toBeGreaterThan(8);
  });
});

type Vector = Record<string, number>;

function join(a: Vector, b: Vector): Vector {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

const includes = (a: Vector, b: Vector) => Object.entries(b).every(([k, v]) => (a[k] ?? 0) >= v);

/** Ok writes (line, and the vector of another session's ok write that completed before it was invoked and that its own vector does not include). */
function blindClaims(lines: string[]): [number, Vector][] {
  const done: { session: unknown; version: Vector }[] = [];
  const invokedAt = new Map<unknown, number>();
  const out: [number, Vector][] = [];
  lines.forEach((l, i) => {
    const e = JSON.parse(l);
    if (typeof e.process !== "number" || e.f !== "write") return;
    if (e.type === "invoke") invokedAt.set(e.process, done.length);
    if (e.type !== "ok" || typeof e.version !== "object") return;
    const before = done.slice(0, invokedAt.get(e.process));
    const other = before.find((x) => x.session !== e.session && !includes(e.version, x.version));
    if (other !== undefined) out.push([i, other.version]);
    done.push({ session: e.session, version: e.version });
  });
  return out;
}

/** Writes (line, an element of theirs, the line of their invocation) whose session last read siblings holding that element. */
function mergesAfterReads(lines: string[]): [number, unknown, number][] {
  const lastRead = new Map<unknown, unknown[]>();
  const invoke = new Map<unknown, number>();
  const out: [number, unknown, number][] = [];
  lines.forEach((l, i) => {
    const e = JSON.parse(l);
    if (e.type === "invoke") invoke.set(e.process, i);
    if (e.type !== "ok" || typeof e.process !== "number") return;
    if (e.f === "read") {
      const sets = Array.isArray(e.siblings)
        ? e.siblings.map((s: { value: unknown }) => s.value)
        : [e.value];
      lastRead.set(e.session, sets.flat());
      return;
    }
    const seen = lastRead.get(e.session);
    lastRead.delete(e.session);
    const element = seen?.find((x) => (e.value as unknown[]).includes(x));
    if (element !== undefined) out.push([i, element, invoke.get(e.process)!]);
  });
  return out;
}
