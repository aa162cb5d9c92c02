/** writeSimulation streams with backpressure and writes what simulate yields; options are checked with clear errors. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { resolveOptions, simulate, type TruthLabel, writeSimulation } from "../src/sim/index.js";

/** A writable that takes one chunk at a time, asynchronously, with a tiny buffer. */
function slowSink(): Writable & { text: string; drains: number } {
  const w = new Writable({
    highWaterMark: 1024,
    write(chunk, _enc, done) {
      w.text += chunk.toString();
      setImmediate(done);
    },
  }) as Writable & { text: string; drains: number };
  w.text = "";
  w.drains = 0;
  w.on("drain", () => w.drains++);
  return w;
}

describe("writeSimulation", () => {
  it("waits for slow streams and writes exactly what simulate yields", async () => {
    const input = { ops: 3000, seed: 4, replication: { mode: "leaderless" as const, w: 1, r: 1 } };
    const history = slowSink();
    const truth = slowSink();
    const summary = await writeSimulation(input, history, truth);
    const labels: TruthLabel[] = [];
    const events = [...simulate(input, (l) => labels.push(l))];
    expect(history.text).toBe(events.map((e) => `${JSON.stringify(e)}\n`).join(""));
    expect(truth.text).toBe(labels.map((l) => `${JSON.stringify(l)}\n`).join(""));
    expect(summary).toEqual({
      events: events.length,
      labels: labels.length,
      bytes: history.text.length,
    });
    expect(history.drains).toBeGreaterThan(0);
  });
});

describe("options", () => {
  it("fill in defaults per replication mode", () => {
    const o = resolveOptions({ replication: { mode: "leaderless", w: 1 } });
    expect(o.replication).toMatchObject({ mode: "leaderless", n: 3, w: 1, r: 2 });
    expect(o.ops).toBe(1000);
  });

  it.each([
    [{ ops: -1 }, /ops must be an integer >= 0/],
    [{ writeRate: 1.5 }, /writeRate must be a number in \[0, 1\]/],
    [
      { replication: { mode: "nope" } },
      /replication.mode must be single-leader, multi-leader or leaderless/,
    ],
    [
      { replication: { mode: "single-leader", syncFollowers: 3 } },
      /syncFollowers must be an integer in \[0, 2\]/,
    ],
    [
      { workload: "list-append", replication: { mode: "leaderless" } },
      /workload must be register or set/,
    ],
    [{ routing: "leader", replication: { mode: "leaderless" } }, /routing must be any or sticky/],
    [{ clientDelay: [5, 1] }, /clientDelay must be \[min, max\]/],
    [{ faults: [{ kind: "partition", groups: [["n1"]], at: 1 }] }, /two or more groups/],
    [
      { faults: [{ kind: "crash", node: "n1", at: 5, recover: 5 }] },
      /recover must be an integer >= 6/,
    ],
  ])("reject %j", (input, message) => {
    expect(() => resolveOptions(input as never)).toThrow(message);
  });
});
