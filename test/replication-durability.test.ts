/**
 * durability: an acknowledgement names only replicas that hold the write (a hint counts until
 * it is handed off), and a promotion loses no acknowledged write of the failed leader; on the
 * simulator, a synchronous follower that applies before acknowledging, promoted when the
 * leader fails, keeps every acknowledged write, while one acknowledgement that names a
 * lagging follower is exactly one ack-without-apply.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durability } from "../src/checkers/durability.js";
import { runChecker } from "./support/check.js";
import { fromEvents, op, replica } from "./support/events.js";
import { seeded } from "./support/fc.js";
import { load, run } from "./support/sim.js";

const write = (acks: string[], version = 2) =>
  op(0, "write", "x", { value: version, version, node: "n1", acks });

describe("durability: acknowledgements", () => {
  it("an ack from a replica that has not applied the write is ack-without-apply", () => {
    const h = fromEvents([
      replica("n1", "apply", "x", 1, 1),
      replica("n2", "apply", "x", 1, 1),
      replica("n1", "apply", "x", 2, 2),
      ...write(["n1", "n2"]),
      replica("n2", "apply", "x", 2, 2),
    ]);
    expect(runChecker(durability, h).anomalies).toMatchObject([
      { kind: "ack-without-apply", replicas: [{ node: "n2" }] },
    ]);
  });

  it("a hint held for another replica counts, until it is handed off", () => {
    const base = [
      replica("n1", "apply", "x", 2, 2),
      replica("n4", "hint", "x", 2, 2, { for: "n2" }),
    ];
    expect(runChecker(durability, fromEvents([...base, ...write(["n1", "n4"])])).verdict).toBe(
      "valid",
    );
    const handedOff = [...base, replica("n4", "handoff", "x", 2, 2, { for: "n2" })];
    expect(
      runChecker(durability, fromEvents([...handedOff, ...write(["n1", "n4"])])).anomalyCount,
    ).toBe(1);
  });

  it("a replica with no events at all is undecided, not accused", () => {
    const h = fromEvents([replica("n1", "apply", "x", 2, 2), ...write(["n1", "n9"])]);
    const r = runChecker(durability, h);
    expect([r.verdict, r.undecided.map((u) => u.code)]).toEqual([
      "unknown",
      ["unrecorded-replica"],
    ]);
  });

  it("is n/a without acks or promotions, or without replica events", () => {
    expect(
      runChecker(durability, fromEvents(op(0, "write", "x", { value: 1 }))).notApplicable?.code,
    ).toBe("no-acks-or-promotes");
    expect(runChecker(durability, fromEvents(write(["n1"]))).notApplicable?.code).toBe(
      "no-replica-events",
    );
  });
});

describe("durability: failover", () => {
  const history = (promoted: string, crashed: string) => [
    ...op(0, "write", "x", { value: 1, version: 1, node: "leader" }),
    replica("leader", "apply", "x", 1, 1),
    replica("f1", "apply", "x", 1, 1),
    replica("f2", "apply", "x", 1, 1),
    ...op(0, "write", "x", { value: 2, version: 2, node: "leader" }),
    replica("leader", "apply", "x", 2, 2),
    replica("f1", "apply", "x", 2, 2),
    { type: "info", process: "nemesis", f: "crash", node: crashed },
    { type: "ok", process: "cluster", f: "promote", node: promoted },
    ...op(1, "read", "x", { value: 1, version: 1, node: promoted }),
  ];

  it("promoting a follower that lacks an acknowledged write loses it, and a read from it shows it gone", () => {
    const r = runChecker(durability, fromEvents(history("f2", "leader")));
    expect(
      r.anomalies.map((a) => a.kind === "lost-on-failover" && [a.node, a.ops.map((o) => o.line)]),
    ).toEqual([["f2", [7, 10, 11, 13]]]);
  });

  it("promoting the follower that has every write loses none", () => {
    expect(runChecker(durability, fromEvents(history("f1", "leader"))).verdict).toBe("valid");
  });

  it("a promotion while the write's leader is up (another shard's failover) takes nothing back", () => {
    expect(runChecker(durability, fromEvents(history("f2", "f1"))).verdict).toBe("valid");
  });

  it("a promoted follower whose events skip a version but held a later one before the promotion has the write", () => {
    const events = [
      ...op(0, "write", "x", { value: 1, version: 1, node: "leader" }),
      ...op(0, "write", "x", { value: 2, version: 2, node: "leader" }),
      ...op(0, "write", "x", { value: 3, version: 3, node: "leader" }),
      replica("leader", "apply", "x", 3, 3),
      replica("f2", "apply", "x", 1, 1),
      replica("f2", "apply", "x", 3, 3),
      { type: "info", process: "nemesis", f: "crash", node: "leader" },
      { type: "ok", process: "cluster", f: "promote", node: "f2" },
      ...op(0, "write", "x", { value: 4, version: 4, node: "f2" }),
      replica("f2", "apply", "x", 4, 4),
    ];
    expect(runChecker(durability, fromEvents(events)).verdict).toBe("valid");
    // Held only after the promotion (the new leader's own later write) does not count.
    const late = events.filter((e) => !(e.process === "replica:f2" && e.value === 3));
    const r = runChecker(durability, fromEvents(late));
    expect(r.anomalies.map((a) => a.kind === "lost-on-failover" && a.ops[0]!.line)).toEqual([4, 6]);
  });

  it("promoting a node that records no replica event (or no node) leaves the writes undecided, not lost", () => {
    for (const promoted of ["f3", undefined]) {
      const events = history("f2", "leader").map((e) =>
        e.f === "promote" ? { ...e, node: promoted } : e,
      );
      const r = runChecker(durability, fromEvents(events));
      expect({ promoted, verdict: r.verdict, anomalies: r.anomalyCount }).toEqual({
        promoted,
        verdict: "unknown",
        anomalies: 0,
      });
      expect(r.undecided.map((u) => [u.code, u.count])).toEqual([["unrecorded-promotion", 2]]);
    }
  });
});

describe("durability on the simulator", () => {
  it("synchronous followers that apply before acknowledging lose nothing; an ack naming a lagging follower is one ack-without-apply", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 }), fc.nat(), async (seed, pick) => {
        const r = run({
          seed,
          ops: 150,
          sessions: 4,
          keys: 3,
          routing: "leader",
          replication: {
            mode: "single-leader",
            syncFollowers: 1,
            syncAck: "apply",
            lag: [50, 400],
          },
          faults: [{ kind: "crash", node: "n1", at: 60, recover: 100 }],
        });
        expect(runChecker(durability, await load(r)).verdict).toBe("valid");
        const lagging = writesAheadOf(r.lines, "n3");
        if (lagging.length === 0) return;
        const [ev, i] = lagging[pick % lagging.length]!;
        const lines = [...r.lines];
        lines[i] = JSON.stringify({ ...ev, acks: [...(ev.acks as string[]), "n3"] });
        const found = runChecker(durability, await load({ lines, labels: [] })).anomalies;
        expect(found.map((a) => [a.kind, a.ops[0]!.index])).toEqual([
          ["ack-without-apply", ev.index],
        ]);
      }),
      seeded(12),
    );
  });
});

/** Acknowledged writes (event and line) that `node` had not applied when they were acknowledged (it applied them later). */
function writesAheadOf(lines: string[], node: string): [Record<string, unknown>, number][] {
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const held = new Map<unknown, number>();
  const out: [Record<string, unknown>, number][] = [];
  const later = new Set<string>();
  for (const e of [...events].reverse()) {
    if (e.process === `replica:${node}` && e.f === "apply") later.add(`${e.key}/${e.version}`);
  }
  events.forEach((e, i) => {
    if (e.process === `replica:${node}` && e.f === "apply") held.set(e.key, e.version as number);
    if (e.type !== "ok" || e.f !== "write" || !Array.isArray(e.acks) || e.acks.includes(node))
      return;
    const v = e.version as number;
    if ((held.get(e.key) ?? 0) < v && later.has(`${e.key}/${v}`)) out.push([e, i]);
  });
  return out;
}
