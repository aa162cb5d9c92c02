/**
 * Labels the checkers to come will look for, checked against the history they describe:
 * what each label claims must be visible in the events, and where the events show it, the
 * label must be there (numeric-version presets, several seeds).
 */
import { describe, expect, it } from "vitest";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { run } from "./support/sim.js";

interface Ev {
  index: number;
  type: string;
  process: string | number;
  f: string;
  key?: string;
  node?: string;
  value?: unknown;
  version?: number | Record<string, number>;
  acks?: string[];
}

const numeric = presets.filter((p) => {
  const r = { ...p.options.replication } as { conflicts?: string };
  return (p.options.workload ?? "register") === "register" && r.conflicts !== "siblings";
});
const cases = numeric.flatMap((p) =>
  [1, 2, 3].flatMap((seed) => [false, true].map((c) => [p.name, seed, c] as const)),
);

function history(name: string, seed: number, correct: boolean) {
  const r = run(presetInput(presets.find((p) => p.name === name)!, correct, { seed }));
  return { events: r.lines.map((l) => JSON.parse(l) as Ev), labels: r.labels };
}

const replicaOf = (e: Ev) =>
  typeof e.process === "string" && e.process.startsWith("replica:")
    ? e.process.slice(8)
    : undefined;
const holds = new Set(["apply", "repair", "hint"]);

describe("labels match the history they describe", () => {
  it.each(cases)(
    "%s seed %d (correct: %s): ack-without-apply iff an acknowledger had not applied the write",
    (name, seed, correct) => {
      const { events, labels } = history(name, seed, correct);
      const flagged = new Set(
        labels.filter((l) => l.kind === "ack-without-apply").map((l) => l.index),
      );
      for (const i of flagged) expect(events[i]!.acks, `index ${i}`).toBeDefined();
      const best = new Map<string, number>();
      for (const e of events) {
        const node = replicaOf(e);
        if (node !== undefined && holds.has(e.f) && typeof e.version === "number") {
          // the replica's state of the key now (a hint counts as holding it)
          best.set(
            `${node}/${e.key}`,
            e.f === "hint" ? Math.max(best.get(`${node}/${e.key}`) ?? 0, e.version) : e.version,
          );
        }
        if (e.type !== "ok" || e.f !== "write" || e.acks === undefined) continue;
        const missing = e.acks.some(
          (a) => (best.get(`${a}/${e.key}`) ?? 0) < (e.version as number),
        );
        expect({ index: e.index, missing }).toEqual({
          index: e.index,
          missing: flagged.has(e.index),
        });
      }
    },
  );

  it.each(cases)(
    "%s seed %d (correct: %s): stale-read counts the acknowledged writes a read missed",
    (name, seed, correct) => {
      const { events, labels } = history(name, seed, correct);
      const byIndex = new Map(
        labels.filter((l) => l.kind === "stale-read").map((l) => [l.index, l]),
      );
      const acked = new Map<string, number[]>();
      const invoked = new Map<string | number, number[]>();
      for (const e of events) {
        if (e.type === "invoke") invoked.set(e.process, [...(acked.get(e.key!) ?? [])]);
        if (e.type !== "ok" || typeof e.process !== "number") continue;
        if (e.f === "write") acked.set(e.key!, [...(acked.get(e.key!) ?? []), e.version as number]);
        if (e.f !== "read") continue;
        const before = invoked.get(e.process) ?? [];
        const behind = before.filter((v) => v > (e.version as number)).length;
        expect({ index: e.index, behind }).toEqual({
          index: e.index,
          behind: (byIndex.get(e.index)?.versionsBehind as number | undefined) ?? 0,
        });
      }
    },
  );

  it.each(cases)(
    "%s seed %d (correct: %s): lost-on-failover writes were acknowledged and never applied by the promoted node",
    (name, seed, correct) => {
      const { events, labels } = history(name, seed, correct);
      for (const l of labels.filter((x) => x.kind === "lost-on-failover")) {
        const write = events[l.index]!;
        expect(write).toMatchObject({ type: "ok", f: "write" });
        const promote = events[l.promote as number]!;
        expect(promote).toMatchObject({ process: "cluster", f: "promote", node: l.node });
        const applied = events.some(
          (e) => replicaOf(e) === l.node && e.key === write.key && e.version === write.version,
        );
        expect(applied, `index ${l.index}`).toBe(false);
      }
    },
  );
});
