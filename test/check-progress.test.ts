/** Progress of long checks: checkers report how far they got through an optional callback; the CLI draws a line for a checker past its first second, a few times a second, and nothing when it is off. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import type { CheckProgress } from "../src/checkers/types.js";
import { checkerProgress, progressEnabled, progressText } from "../src/cli/check-progress.js";
import { tmpFile } from "./support/tmp.js";

/** `n` sequential write-then-read pairs by one session, as JSON Lines (4n events). */
function pairs(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`{"type":"invoke","process":0,"f":"write","key":"k${i % 7}","value":${i}}`);
    lines.push(`{"type":"ok","process":0,"f":"write","key":"k${i % 7}","value":${i}}`);
    lines.push(`{"type":"invoke","process":0,"f":"read","key":"k${i % 7}"}`);
    lines.push(`{"type":"ok","process":0,"f":"read","key":"k${i % 7}","value":${i}}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("checkers report progress", () => {
  it("start, progress and end per checker, in order; counts that grow to the total", async () => {
    const seen: [string, string, CheckProgress?][] = [];
    const file = tmpFile("pairs.jsonl", pairs(3000));
    await check(file, {
      checks: ["read-your-writes", "monotonic-reads", "linearizable"],
      checkProgress: {
        start: (c) => seen.push([c, "start"]),
        progress: (c, p) => seen.push([c, "progress", p]),
        end: (c) => seen.push([c, "end"]),
      },
    });
    const marks = seen.filter(([, what]) => what !== "progress").map(([c, what]) => `${c} ${what}`);
    expect(marks).toEqual([
      "read-your-writes start",
      "read-your-writes end",
      "monotonic-reads start",
      "monotonic-reads end",
      "linearizable start",
      "linearizable end",
    ]);
    const ryw = seen
      .filter(([c, w]) => c === "read-your-writes" && w === "progress")
      .map(([, , p]) => p!);
    expect(ryw.map((p) => [p.done, p.total, p.unit])).toEqual([
      [4095, 12000, "events"],
      [8191, 12000, "events"],
    ]);
    const lin = seen
      .filter(([c, w]) => c === "linearizable" && w === "progress")
      .map(([, , p]) => p!);
    const last = lin[lin.length - 1]!;
    expect([last.done, last.total, last.unit]).toEqual([7, 7, "objects"]);
    expect(last.work!.count).toBeGreaterThan(0);
    expect(lin.map((p) => p.done)).toEqual([...lin.map((p) => p.done)].sort((a, b) => a - b));
  });
});

describe("the progress line", () => {
  function capture() {
    let text = "";
    const stream = new Writable({
      write(chunk, _e, done) {
        text += chunk.toString();
        done();
      },
    });
    return { stream, text: () => text };
  }
  const p = (done: number): CheckProgress => ({
    what: "scanning sessions",
    done,
    total: 100,
    unit: "events",
  });

  it("appears after a second, at most four times a second, and is cleared at the end", () => {
    let now = 0;
    const out = capture();
    const observer = checkerProgress(out.stream, true, () => now);
    observer.start("x");
    now = 900;
    observer.progress("x", p(10));
    expect(out.text()).toBe("");
    now = 1000;
    observer.progress("x", p(20));
    now = 1100;
    observer.progress("x", p(30));
    now = 1300;
    observer.progress("x", p(40));
    observer.end("x");
    expect(
      out
        .text()
        .split("\r")
        .filter((s) => s),
    ).toEqual([
      "x: scanning sessions 20/100 events (20%), 20 events/s, 1 s, about 4 s left\u001b[K",
      "x: scanning sessions 40/100 events (40%), 31 events/s, 1 s, about 2 s left\u001b[K",
      "\u001b[K",
    ]);
  });

  it("says nothing when disabled, or for a quick checker", () => {
    let now = 0;
    const off = capture();
    const observer = checkerProgress(off.stream, false, () => now);
    observer.start("x");
    now = 5000;
    observer.progress("x", p(10));
    observer.end("x");
    expect(off.text()).toBe("");
    const quick = capture();
    const q = checkerProgress(quick.stream, true, () => now);
    q.start("y");
    q.end("y");
    expect(quick.text()).toBe("");
  });

  it("shows work without a total, and its rate", () => {
    const line = progressText(
      "linearizable",
      {
        what: "searching",
        done: 3,
        total: 40,
        unit: "objects",
        work: { count: 2_500_000, unit: "steps" },
      },
      5,
    );
    expect(line).toBe(
      "linearizable: searching 3/40 objects (7%), 2.5M steps at 500k/s, 5 s, about 62 s left",
    );
  });

  it("is on on a terminal; --progress and --no-progress force it; --quiet wins", () => {
    const table = [
      [{}, true, true],
      [{}, undefined, false],
      [{ progress: true }, false, true],
      [{ progress: false }, true, false],
      [{ quiet: true }, true, false],
      [{ quiet: true, progress: true }, true, false],
    ] as const;
    for (const [flags, tty, want] of table) expect(progressEnabled(flags, tty)).toBe(want);
  });
});
