/**
 * quorum-overlap and read-repair: each cause of a quorum miss on a small history, what they
 * need, and properties on the simulator's leaderless runs: strict quorums (w + r > n, no
 * sloppy quorum, the newest reply returned) never miss, and one read made to return an older
 * version raises exactly one stale-pick miss, on it; read repair without faults repairs every
 * stale replier, and a reply injected from a replica that never catches up raises exactly one
 * missing repair.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quorumOverlap } from "../src/checkers/quorum-overlap.js";
import { readRepair } from "../src/checkers/read-repair.js";
import { runChecker } from "./support/check.js";
import { fromEvents, op, replica } from "./support/events.js";
import { seeded } from "./support/fc.js";
import { load, run, type SimRun } from "./support/sim.js";

const config = (n: number, w: number, r: number) => ({
  type: "ok",
  process: "cluster",
  f: "config",
  n,
  w,
  r,
});

/** A write of 2 acknowledged by `acks`, then a read answered by `replies` that returns version `got`. */
function missEvents(acks: string[], replies: string[], got: number, more: object = {}) {
  return [
    ...op(0, "write", "x", { value: 1, version: 1, node: "n1", acks: ["n1", "n2", "n3"] }),
    ...op(0, "write", "x", { value: 2, version: 2, node: "n1", acks, ...more }),
    ...op(1, "read", "x", {
      value: got,
      version: got,
      node: replies[0],
      replies: replies.map((node, i) => ({
        node,
        value: i === 0 ? got : 2,
        version: i === 0 ? got : 2,
      })),
    }),
  ];
}

describe("quorum-overlap", () => {
  it.each([
    ["config", [config(3, 1, 1)], ["n1"], ["n3"]],
    ["stale-pick", [config(3, 2, 2)], ["n1", "n2"], ["n3", "n2"]],
    ["sloppy", [config(3, 2, 2)], ["n1", "n4"], ["n2", "n3"]],
  ] as const)("a miss is put down to %s", (cause, head, acks, replies) => {
    const home = cause === "sloppy" ? { home: ["n1", "n2", "n3"] } : {};
    const h = fromEvents([...head, ...missEvents([...acks], [...replies], 1, home)]);
    const r = runChecker(quorumOverlap, h);
    expect(r.verdict).toBe("invalid");
    expect(r.anomalies.map((a) => [a.kind, a.cause, a.versionsBehind])).toEqual([
      ["quorum-miss", cause, 1],
    ]);
  });

  it("without a home, more acknowledgers and repliers than n is a sloppy quorum", () => {
    const h = fromEvents([config(2, 1, 1), ...missEvents(["n1", "n4"], ["n3"], 1)]);
    expect(runChecker(quorumOverlap, h).anomalies.map((a) => a.cause)).toEqual(["sloppy"]);
  });

  it("a read that returns the newest write is no miss, whatever its quorum", () => {
    expect(runChecker(quorumOverlap, fromEvents(missEvents(["n1"], ["n3"], 2))).verdict).toBe(
      "valid",
    );
  });

  it("is n/a without replies or without acks, and undecided when the missed write has no acks", () => {
    const noReplies = fromEvents(op(0, "write", "x", { value: 1, version: 1, acks: ["n1"] }));
    expect(runChecker(quorumOverlap, noReplies).notApplicable?.code).toBe("no-replies");
    const noAcks = fromEvents(
      op(1, "read", "x", { value: null, version: 0, replies: [{ node: "n1" }] }),
    );
    expect(runChecker(quorumOverlap, noAcks).notApplicable?.code).toBe("no-acks");
    const h = fromEvents([
      ...op(0, "write", "x", { value: 1, version: 1, acks: ["n1"] }),
      ...op(0, "write", "x", { value: 2, version: 2 }),
      ...op(1, "read", "x", {
        value: 1,
        version: 1,
        replies: [{ node: "n3", value: 1, version: 1 }],
      }),
    ]);
    const r = runChecker(quorumOverlap, h);
    expect([r.verdict, r.undecided.map((u) => u.code)]).toEqual([
      "unknown",
      ["write-without-acks"],
    ]);
  });
});

describe("read-repair", () => {
  const stale = [
    ...op(0, "write", "x", { value: 2, version: 2, node: "n1", acks: ["n1", "n2"] }),
    replica("n1", "apply", "x", 2, 2),
    replica("n2", "apply", "x", 2, 2),
    replica("n3", "apply", "x", 1, 1),
    ...op(1, "read", "x", {
      value: 2,
      version: 2,
      replies: [
        { node: "n3", value: 1, version: 1 },
        { node: "n2", value: 2, version: 2 },
      ],
    }),
  ];

  it("a stale replier that comes to hold the newest reply is repaired; one that never does is not", () => {
    expect(
      runChecker(readRepair, fromEvents([...stale, replica("n3", "repair", "x", 2, 2)])).verdict,
    ).toBe("valid");
    const r = runChecker(readRepair, fromEvents(stale));
    expect(r.anomalies.map((a) => [a.kind, a.replicas.map((x) => x.node)])).toEqual([
      ["repair-missing", ["n3"]],
    ]);
  });

  it("a state before the read does not count as its repair", () => {
    const [w1, w2, ...rest] = stale;
    const h = fromEvents([replica("n3", "apply", "x", 2, 2), w1!, w2!, ...rest]);
    expect(runChecker(readRepair, h).anomalyCount).toBe(1);
  });

  it("a stale replier that records no replica event at all is undecided, not accused", () => {
    const r = runChecker(readRepair, fromEvents(stale.filter((e) => e.process !== "replica:n3")));
    expect([r.verdict, r.anomalyCount, r.undecided.map((u) => u.code)]).toEqual([
      "unknown",
      0,
      ["unrecorded-replier"],
    ]);
    // A replica that records other keys but none of this one is judged: its log is there.
    const other = stale.map((e) => (e.process === "replica:n3" ? { ...e, key: "y" } : e));
    expect(runChecker(readRepair, fromEvents(other)).anomalyCount).toBe(1);
  });

  it("is n/a without replica events", () => {
    expect(
      runChecker(
        readRepair,
        fromEvents(stale.filter((e) => e.type !== "ok" || typeof e.process === "number")),
      ).notApplicable?.code,
    ).toBe("no-replica-events");
  });
});

// ---------------------------------------------------------------- properties on the simulator

const strictQuorums = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 }),
  w: fc.integer({ min: 1, max: 3 }),
  r: fc.integer({ min: 1, max: 3 }),
  readRepair: fc.constantFrom("off", "async", "blocking"),
  antiEntropy: fc.constantFrom(0, 100),
  writers: fc.constantFrom("any", "owner"),
});

type StrictQuorum = typeof strictQuorums extends fc.Arbitrary<infer T> ? T : never;

function strictRun(p: StrictQuorum): SimRun {
  const r = Math.max(p.r, 4 - p.w);
  return run({
    seed: p.seed,
    ops: 150,
    sessions: 4,
    keys: 3,
    writers: p.writers,
    replication: {
      mode: "leaderless",
      nodes: 3,
      n: 3,
      w: p.w,
      r,
      readRepair: p.readRepair,
      antiEntropy: p.antiEntropy,
      sloppy: false,
      pick: "newest",
    },
  });
}

/** Reads (event and line) that returned a write acknowledged before they began. */
function readsOfAckedWrites(r: SimRun): [Record<string, unknown>, number][] {
  const acked = new Map<string, number>();
  const invoked = new Map<unknown, number>();
  const out: [Record<string, unknown>, number][] = [];
  r.lines.forEach((l, i) => {
    const e = JSON.parse(l) as Record<string, unknown>;
    if (e.type === "invoke") invoked.set(e.process, e.index as number);
    if (e.type !== "ok" || typeof e.process !== "number") return;
    const slot = `${e.key}/${e.version}`;
    if (e.f === "write") acked.set(slot, e.index as number);
    else if (e.f === "read" && (acked.get(slot) ?? Infinity) < invoked.get(e.process)!)
      out.push([e, i]);
  });
  return out;
}

/** The simulated run with one read of an acknowledged write made to return the initial state. */
function withStaleRead(r: SimRun, pick: number): { run: SimRun; index: number } | undefined {
  const reads = readsOfAckedWrites(r);
  if (reads.length === 0) return undefined;
  const [ev, i] = reads[pick % reads.length]!;
  const lines = [...r.lines];
  lines[i] = JSON.stringify({ ...ev, value: null, version: 0 });
  return { run: { lines, labels: r.labels }, index: ev.index as number };
}

describe("quorum-overlap and read-repair on the simulator's strict quorums", () => {
  it("strict quorums with w + r > n and no sloppy quorum never miss; one stale pick is found on its read", async () => {
    await fc.assert(
      fc.asyncProperty(strictQuorums, fc.nat(), async (p, pick) => {
        const r = strictRun(p);
        expect(runChecker(quorumOverlap, await load(r)).verdict).toBe("valid");
        const broken = withStaleRead(r, pick);
        if (broken === undefined) return;
        const found = runChecker(quorumOverlap, await load(broken.run)).anomalies;
        expect(found.map((a) => [a.cause, a.ops.find((o) => o.id === a.read)!.index])).toEqual([
          ["stale-pick", broken.index],
        ]);
      }),
      seeded(12),
    );
  });

  it("read repair without faults repairs every stale replier; a reply from a replica that never catches up is one missing repair", async () => {
    await fc.assert(
      fc.asyncProperty(strictQuorums, fc.nat(), async (p, pick) => {
        const r = strictRun({ ...p, readRepair: p.readRepair === "off" ? "async" : p.readRepair });
        expect(runChecker(readRepair, await load(r)).verdict).toBe("valid");
        const reads = r.lines
          .map((l, i) => [JSON.parse(l), i] as const)
          .filter(([e]) => e.f === "read" && Array.isArray(e.replies) && e.version > 0);
        if (reads.length === 0) return;
        const [ev, i] = reads[pick % reads.length]!;
        const lines = [...r.lines];
        lines[i] = JSON.stringify({
          ...ev,
          replies: [...ev.replies, { node: "n9", value: null, version: 0 }],
        });
        // n9 records an event (of another key), so its silence about this one is judged.
        const end = JSON.parse(lines[lines.length - 1]!);
        lines.push(
          JSON.stringify({
            index: end.index + 1,
            type: "ok",
            process: "replica:n9",
            f: "apply",
            key: "elsewhere",
            value: 1,
            version: 1,
            time: end.time,
          }),
        );
        const found = runChecker(readRepair, await load({ lines, labels: [] })).anomalies;
        expect(
          found.map((a) => [
            a.ops.find((o) => o.id === a.read)!.index,
            a.replicas.map((x) => x.node),
          ]),
        ).toEqual([[ev.index, ["n9"]]]);
      }),
      seeded(12),
    );
  });
});
