/** Every line the simulator writes validates against schemas/history.schema.json, and the history loads. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Status } from "../src/history/model.js";
import { validateEvent } from "../src/ingest/schema.js";
import type { SimInput } from "../src/sim/index.js";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { load, run } from "./support/sim.js";

function validateAll(lines: readonly string[]): void {
  lines.forEach((line, i) => {
    const ev = JSON.parse(line) as { index: number };
    expect(ev.index).toBe(i);
    validateEvent(ev, "sim.jsonl", i + 1, i);
  });
}

describe("simulator output against the schema", () => {
  it.each(presets.flatMap((p) => [[p.name, false] as const, [p.name, true] as const]))(
    "%s (correct: %s): every line validates and the history loads",
    async (name, correct) => {
      const r = run(presetInput(presets.find((p) => p.name === name)!, correct));
      validateAll(r.lines);
      const h = await load(r);
      expect(h.events).toBe(r.lines.length);
      expect(h.size).toBeGreaterThan(0);
    },
  );

  it("random options: valid lines, ops pair up, every label cites a line", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.nat(),
          mode: fc.constantFrom("single-leader", "multi-leader", "leaderless"),
          workload: fc.constantFrom("register", "set"),
          routing: fc.constantFrom("any", "sticky"),
          conflicts: fc.constantFrom("lww", "siblings", "overwrite"),
          crash: fc.boolean(),
        }),
        async (o) => {
          const replication = (
            o.mode === "single-leader" ? { mode: o.mode } : { mode: o.mode, conflicts: o.conflicts }
          ) as SimInput["replication"];
          const input: SimInput = {
            seed: o.seed,
            ops: 200,
            sessions: 4,
            keys: 3,
            workload: o.workload,
            routing: o.routing,
            replication,
            faults: o.crash ? [{ kind: "crash", node: "n1", at: 50, recover: 120 }] : [],
          };
          const r = run(input);
          validateAll(r.lines);
          const h = await load(r);
          const clientOps = [...h.status].filter((s) => s !== Status.event).length;
          expect(clientOps).toBe(200);
          for (const l of r.labels) expect(l.index).toBeLessThan(r.lines.length);
        },
      ),
      { numRuns: 25, seed: 5 },
    );
  });
});
