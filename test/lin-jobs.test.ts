/**
 * What the linearizability search decides depends on the history and the options only: not
 * on how many threads search (`jobs`), nor on how fast the machine runs (a slowed clock), short
 * of the global time limit. Reports are compared whole, so the order of objects, their stats
 * and the explanations must match too.
 */
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateKv } from "../bench/kv-gen.js";
import { check } from "../src/api.js";
import { linearizable } from "../src/checkers/linearizable.js";
import { resolveOptions } from "../src/checkers/options.js";
import { loadHistory } from "../src/ingest/index.js";
import { checkLinearizability, EAGER_TASKS_PER_LANE, type LinReport } from "../src/lin/check.js";
import { Lane } from "../src/lin/lane.js";
import { findModel } from "../src/lin/models/index.js";
import { workers } from "../src/lin/pool.js";
import { FIRST_ROUND_STEPS } from "../src/lin/schedule.js";
import { corpusDir, walk } from "./support/corpus.js";

const corpus = corpusDir();
const histories = walk(corpus).filter((f) => !/\.(md|tsv)$/.test(f));

/** 24 clients on 4 keys: every key takes more than one round, so the workers search them. */
const kv = (badKeys: number) => {
  const h = generateKv({ clients: 24, keys: 4, opsPerClient: 25, seed: 4, badKeys });
  return { text: `${h.lines.join("\n")}\n`, name: `kv-${badKeys}` };
};

function checkerRun(file: string, options: Record<string, unknown>) {
  return loadHistory(file).then((h) =>
    linearizable.check(h, { ...resolveOptions([linearizable], { jobs: 1 }), ...options }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * kv(0) searched with `run(jobs)` (the report without timings), its report on this thread
 * alone, the pool with two workers booted, and the slices this thread's lane has taken since.
 */
async function searchedHere() {
  const h = await loadHistory(kv(0));
  const model = findModel("kv")!;
  const run = (jobs: number) =>
    checkLinearizability(h, { model, jobs }).objects.map(({ ms: _, ...o }) => o);
  const alone = run(1);
  const pool = await readyPool(2);
  const take = vi.spyOn(Lane.prototype, "take");
  const slicesHere = () => take.mock.calls.filter(([r]) => r.type === "slice").length;
  return { run, alone, pool, slicesHere };
}

/** The process's pool with `count` workers, once they have all booted. */
async function readyPool(count: number) {
  const pool = workers(count);
  const ready = () => Array.from({ length: count }, (_, i) => pool.ready(i + 1)).every(Boolean);
  for (let i = 0; i < 250 && !ready(); i++) {
    await new Promise((r) => setTimeout(r, 20));
    pool.drain();
  }
  expect(ready()).toBe(true);
  return pool;
}

describe("--jobs 1 and --jobs 2 give the same report", () => {
  it("on generated kv histories whose keys all go to the worker threads", async () => {
    for (const bad of [0, 2]) {
      const h = await loadHistory(kv(bad));
      const model = findModel("kv")!;
      // Searched alone: the stale-read proof decides the bad keys before their second round.
      const report = checkLinearizability(h, { model, jobs: 2, refute: false });
      const searched = report.objects.filter((o) => o.steps > FIRST_ROUND_STEPS);
      expect(searched.length).toBeGreaterThanOrEqual(2);
      const strip = (r: LinReport) => r.objects.map(({ ms: _, ...o }) => o);
      const alone = checkLinearizability(h, { model, jobs: 1, refute: false });
      expect(strip(report)).toEqual(strip(alone));
      for (const firstOnly of [false, true]) {
        const one = await check(kv(bad), { checks: ["linearizable"], jobs: 1, firstOnly });
        const two = await check(kv(bad), { checks: ["linearizable"], jobs: 2, firstOnly });
        expect(two).toEqual(one);
        expect(one.verdict).toBe(bad > 0 ? "invalid" : "valid");
      }
    }
  });

  it("with --jobs 2, two workers search, and this thread only while one of them boots", async () => {
    const { run, alone, pool, slicesHere } = await searchedHere();
    // Both workers ready: this thread leaves every slice to them.
    expect(run(2)).toEqual(alone);
    expect(slicesHere()).toBe(0);
    expect(pool.size).toBe(2);
    // --jobs 3: a third worker boots with the search, and this thread searches meanwhile.
    expect(run(3)).toEqual(alone);
    expect(slicesHere()).toBeGreaterThan(0);
    expect(pool.size).toBe(3);
  });

  it("with workers that never boot, this thread searches after waiting for them", async () => {
    const { run, alone, pool, slicesHere } = await searchedHere();
    vi.spyOn(pool, "ready").mockReturnValue(false);
    const t0 = performance.now();
    expect(run(2)).toEqual(alone);
    expect(slicesHere()).toBeGreaterThan(0);
    // One wait of the coordinator's, not the time limit.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("with more objects than the lanes take from the start: the first round here, then the workers", async () => {
    // 20 keys: over EAGER_TASKS_PER_LANE * 2, so the first round runs on this thread alone,
    // and rounds of 16 steps leave every key to the workers, booted meanwhile: the searches
    // this thread paused stay here, let go, and start again there. This thread keeps none.
    const g = generateKv({ clients: 24, keys: 20, opsPerClient: 40, seed: 5, badKeys: 3 });
    const h = await loadHistory({ text: `${g.lines.join("\n")}\n`, name: "kv-20" });
    const model = findModel("kv")!;
    expect(h.size).toBeGreaterThan(EAGER_TASKS_PER_LANE * 2 * 10);
    const run = (jobs: number) =>
      checkLinearizability(h, { model, jobs, firstRoundSteps: 16, refute: false });
    await readyPool(2);
    const take = vi.spyOn(Lane.prototype, "take");
    const two = run(2);
    const here = (type: string) => take.mock.calls.filter(([r]) => r.type === type).length;
    expect(here("slice")).toBe(0);
    expect(here("drop")).toBe(0);
    take.mockRestore();
    const strip = (r: LinReport) => r.objects.map(({ ms: _, ...o }) => o);
    expect(two.objects.length).toBeGreaterThan(EAGER_TASKS_PER_LANE * 2);
    expect(two.objects.filter((o) => o.steps > 16).length).toBe(20);
    expect(two.objects.filter((o) => o.outcome === "invalid").length).toBe(3);
    expect(strip(two)).toEqual(strip(run(1)));
  });

  it.each(histories.map((f) => [path.relative(corpus, f), f]))(
    "%s, every checker",
    async (_name, file) => {
      const one = await check(file, { jobs: 1 });
      const two = await check(file, { jobs: 2 });
      expect(two).toEqual(one);
    },
  );

  it.each(
    histories
      .filter((f) => /etcd_00|kv\/|knossos/.test(f))
      .map((f) => [path.relative(corpus, f), f]),
  )("%s, every object on a worker (rounds of 16 steps)", async (_name, file) => {
    const one = await checkerRun(file, { firstRoundSteps: 16 });
    const two = await checkerRun(file, { firstRoundSteps: 16, jobs: 2 });
    expect(two).toEqual(one);
  });
});

describe("a slowed clock changes no verdict", () => {
  it("nor which key runs out of memory, when the searches cannot all be held at once", async () => {
    const h = await loadHistory(kv(2));
    const model = findModel("kv")!;
    // The search alone: the stale-read proof would decide the bad keys before memory counts.
    const run = (mb: number, jobs = 1) =>
      checkLinearizability(h, {
        model,
        memoryLimitMb: mb,
        timeLimitMs: 3_600_000,
        jobs,
        refute: false,
      });
    const outcomes = (r: ReturnType<typeof run>) => r.objects.map((o) => o.cutOff ?? o.outcome);
    // At 5 MiB the largest key's search alone runs out; at 5.5 MiB it fits, but not beside the
    // others' (paused between rounds, holding their caches): they must let go and start again.
    const tight = run(5);
    const roomy = run(5.5);
    expect(outcomes(tight)).toEqual(["valid", "valid", "invalid", "memory"]);
    expect(outcomes(roomy)).toEqual(["valid", "valid", "invalid", "invalid"]);
    expect(tight.objects.slice(0, 3).reduce((a, o) => a + o.cacheBytes, 0)).toBeGreaterThan(
      2 ** 20,
    );
    const strip = (r: ReturnType<typeof run>) => r.objects.map(({ ms: _, ...o }) => o);
    // On two worker threads, each search holds memory the other needs.
    expect(strip(run(5, 2))).toEqual(strip(tight));
    expect(strip(run(5.5, 2))).toEqual(strip(roomy));
    const real = performance.now.bind(performance);
    // Every look at the clock finds 5 ms gone by: the machine looks 100 times slower, or loaded.
    let ticks = 0;
    vi.spyOn(performance, "now").mockImplementation(() => real() + 5 * ++ticks);
    expect(strip(run(5))).toEqual(strip(tight));
    expect(strip(run(5.5))).toEqual(strip(roomy));
    expect(ticks).toBeGreaterThan(100);
  });
});

describe("the coordinating thread sleeps only while a lane has work out", () => {
  it("does not wait on a worker whose answer it has already read", async () => {
    const text = [
      '{:process 0, :type :invoke, :f :put, :key "a", :value "x"}',
      '{:process 0, :type :ok, :f :put, :key "a", :value "x"}',
      '{:process 1, :type :invoke, :f :put, :key "b", :value "y"}',
      '{:process 1, :type :ok, :f :put, :key "b", :value "y"}',
      '{:process 2, :type :invoke, :f :get, :key "a", :value nil}',
      '{:process 2, :type :ok, :f :get, :key "a", :value "x"}',
    ].join("\n");
    const h = await loadHistory({ text: `${text}\n`, name: "two-keys" });
    const model = findModel("kv")!;
    // Until the workers have booted, both keys may be searched here, and nobody waits.
    const pool = await readyPool(2);
    const receive = vi.spyOn(pool, "receive");
    for (let i = 0; i < 20; i++) {
      expect(checkLinearizability(h, { model, jobs: 2 }).objects.map((o) => o.outcome)).toEqual([
        "valid",
        "valid",
      ]);
    }
    // Each check gives a key to each worker; the coordinating thread sleeps on them at most
    // twice a check, and wakes with an answer: a sleep that ends with nothing means it slept
    // through (a message already read, or one it missed), 100 ms each.
    const empty = receive.mock.results.filter(
      (r) => r.type === "return" && (r.value as unknown[]).length === 0,
    );
    expect(receive.mock.calls.length).toBeLessThanOrEqual(40);
    expect(empty.length).toBeLessThanOrEqual(2);
  });
});
