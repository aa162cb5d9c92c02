/** The timeline in the report data: every op of the history, columnar and delta-coded, decoded back to the History's columns. */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { lineOf } from "../src/history/model.js";
import { undeltas } from "../src/report/timeline.js";
import { buildTimeline } from "../src/timeline.js";
import { runCli } from "./support/cli.js";
import { seeded } from "./support/fc.js";
import { runStore, steps, toHistory } from "./support/store-model.js";
import { tmpFile } from "./support/tmp.js";

const fig53 = "histories/ddia/fig5-3-read-your-writes-bad.jsonl";

describe("buildTimeline", () => {
  it("figure 5-3: two client ops and two replica events, by hand", async () => {
    const report = await check(fig53, { timeline: true });
    const t = report.files[0]!.timeline!;
    expect(t).toMatchObject({
      ops: 4,
      positions: "event",
      processes: [3, "replica:follower-1", "replica:follower-2"],
      status: "oeoe",
      process: [0, 1, 0, 2],
      invPos: [0, 2, 1, 2],
      cmpPos: [1, 0, 1, 0],
      invLine: [1, 2, 1, 2],
      cmpLine: [1, 0, 1, 0],
      invTime: [1000, 950, 50, 600],
      cmpTime: [900, 0, 100, 0],
      value: ["Sounds good!", "Sounds good!", "First!", "Sounds good!"],
      omitted: [],
    });
    expect(t.nodes[t.node[2]!]).toBe("follower-2");
    expect(t.keys[t.key[0]!]).toBe("comments:55");
    expect(t.fs[t.f[0]!]).toBe("write");
  });

  it("is absent unless asked for", async () => {
    const report = await check(fig53);
    expect(report.files[0]!.timeline).toBeUndefined();
  });

  it("decodes to the History's columns on generated histories", () => {
    fc.assert(
      fc.property(steps, fc.boolean(), (input, versions) => {
        const h = toHistory(runStore(input), versions);
        const t = buildTimeline(h);
        const inv = undeltas(t.invPos);
        const invLine = undeltas(t.invLine);
        for (let i = 0; i < h.size; i++) {
          expect(inv[i]).toBe(h.invPos[i]);
          expect(inv[i]! + t.cmpPos[i]!).toBe(h.cmpPos[i]);
          expect(invLine[i]).toBe(lineOf(h, i, "inv"));
          expect(t.sessions[t.session[i]!]).toBe(h.sessions[h.session[i]!]);
        }
        expect(t.status).toBe("o".repeat(h.size));
        expect(t.invTime).toBeUndefined();
      }),
      seeded(50),
    );
  });

  it("leaves long values out, and says which", () => {
    const b = new HistoryBuilder("long");
    const long = "v".repeat(100);
    b.add({ type: "invoke", process: 0, f: "write", key: "k", value: long }, 1);
    b.add({ type: "ok", process: 0, f: "write", key: "k", value: long }, 2);
    b.add({ type: "invoke", process: 0, f: "write", key: "k", value: 2 }, 3);
    const t = buildTimeline(b.finish());
    expect(t.value).toEqual([null, 2]);
    expect(t.omitted).toEqual([0]);
    expect(t.status).toBe("oi");
    expect(t.cmpPos).toEqual([1, -1]);
  });
});

describe("--timeline", () => {
  it("adds the timeline to the JSON report; it validates, and causeway report keeps it", async () => {
    const schema = JSON.parse(readFileSync("schemas/report.schema.json", "utf8"));
    const validate = new Ajv2020({ allowUnionTypes: true }).compile(schema);
    const run = await runCli("check", "--format", "json", "--timeline", fig53);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].timeline.ops).toBe(4);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const again = await runCli("report", "--format", "json", tmpFile("r.json", run.stdout));
    expect(again.stdout).toBe(run.stdout);
  });

  it("is a usage error with another format than json", async () => {
    const run = await runCli("check", "--timeline", fig53);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/--timeline/);
  });
});
