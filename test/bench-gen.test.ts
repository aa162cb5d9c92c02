import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type GenOptions, generateHistory, mulberry32, writeHistory } from "../bench/gen.js";
import { Status } from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";

const shape: GenOptions = { ops: 2000, sessions: 16, keys: 50, nodes: 4, seed: 7 };

interface Event {
  index: number;
  type: string;
  process: number;
  session: string;
  f: string;
  key: string;
  value?: number | null;
  time: number;
  node?: string;
  version?: number;
}

function events(options: GenOptions): Event[] {
  return [...generateHistory(options)].map((line) => JSON.parse(line) as Event);
}

/** Pairs each ok with the open invoke of its process; fails on anything unpaired. */
function pairs(evs: Event[]): [Event, Event][] {
  const open = new Map<number, Event>();
  const out: [Event, Event][] = [];
  for (const e of evs) {
    if (e.type === "invoke") {
      expect(open.has(e.process), `process ${e.process} invokes twice`).toBe(false);
      open.set(e.process, e);
    } else {
      expect(e.type).toBe("ok");
      const inv = open.get(e.process);
      expect(inv, `ok without invoke at index ${e.index}`).toBeDefined();
      open.delete(e.process);
      out.push([inv!, e]);
    }
  }
  expect(open.size).toBe(0);
  return out;
}

/** Reads that see a version of the key older than one the session wrote or read before. */
function staleReads(ps: [Event, Event][]): number {
  const floor = new Map<string, number>();
  let stale = 0;
  for (const [, ok] of ps) {
    const k = `${ok.session}/${ok.key}`;
    const before = floor.get(k) ?? 0;
    if (ok.f === "read" && ok.version! < before) stale++;
    floor.set(k, Math.max(before, ok.version!));
  }
  return stale;
}

describe("bench/gen", () => {
  const dir = mkdtempSync(join(tmpdir(), "causeway-bench-gen-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("mulberry32 is deterministic and uniform in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it("is deterministic for a seed, and the seed matters", () => {
    const one = [...generateHistory(shape)];
    expect([...generateHistory(shape)]).toEqual(one);
    expect([...generateHistory({ ...shape, seed: 8 })]).not.toEqual(one);
    expect(one).toHaveLength(2 * shape.ops);
  });

  it("writes a file that loadHistory reads and validates", async () => {
    const file = join(dir, "h2000.jsonl");
    const { lines } = writeHistory(file, shape);
    expect(lines).toBe(4000);
    const h = await loadHistory(file);
    expect(h.size).toBe(2000);
    expect(h.events).toBe(4000);
    for (let id = 0; id < h.size; id++) {
      expect(h.status[id]).toBe(Status.ok);
      expect(h.node[id]).toBeGreaterThanOrEqual(0);
      expect(h.key[id]).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(h.version[id]!)).toBe(false);
    }
    expect([...h.fs].sort()).toEqual(["read", "write"]);
    expect(h.sessions.length).toBe(shape.sessions);
    expect(h.nodes).toContain("leader");
  });

  it("pairs are well formed: each process sequential, fields agree, index and time increase", () => {
    const evs = events(shape);
    evs.forEach((e, i) => {
      expect(e.index).toBe(i);
      if (i > 0) expect(e.time).toBeGreaterThan(evs[i - 1]!.time);
    });
    const ps = pairs(evs);
    expect(ps).toHaveLength(shape.ops);
    for (const [inv, ok] of ps) {
      expect([ok.session, ok.f, ok.key]).toEqual([inv.session, inv.f, inv.key]);
      expect(inv.node).toBeUndefined();
      expect(typeof ok.version).toBe("number");
      if (inv.f === "write") {
        expect(ok.value).toBe(inv.value);
        expect(ok.node).toBe("leader");
      } else {
        expect(inv.value).toBeUndefined();
        expect(ok.node).toMatch(/^(leader|follower-[1-3])$/);
      }
    }
  });

  it("writes unique values, with each key's versions 1, 2, 3... in completion order", () => {
    const ps = pairs(events(shape));
    const values = new Set<number>();
    const versions = new Map<string, number>();
    const byVersion = new Map<string, number>();
    for (const [, ok] of ps) {
      if (ok.f !== "write") continue;
      expect(values.has(ok.value!)).toBe(false);
      values.add(ok.value!);
      expect(ok.version).toBe((versions.get(ok.key) ?? 0) + 1);
      versions.set(ok.key, ok.version!);
      byVersion.set(`${ok.key}@${ok.version}`, ok.value!);
    }
    for (const [, ok] of ps) {
      if (ok.f !== "read") continue;
      // a read returns the value written at the version it reports (null before any write)
      expect(ok.value ?? null).toBe(
        ok.version === 0 ? null : byVersion.get(`${ok.key}@${ok.version}`),
      );
    }
  });

  it("keeps read-your-writes and monotonic reads by default, and breaks them with staleRate", () => {
    const big = { ...shape, ops: 20_000 };
    const correct = pairs(events(big));
    expect(staleReads(correct)).toBe(0);
    expect(correct.some(([, ok]) => ok.f === "read" && ok.node !== "leader")).toBe(true);
    expect(staleReads(pairs(events({ ...big, staleRate: 0.5 })))).toBeGreaterThan(0);
  });

  it("rejects nonsense options", () => {
    expect(() => [...generateHistory({ ...shape, sessions: 0 })]).toThrow(RangeError);
    expect(() => [...generateHistory({ ...shape, staleRate: 2 })]).toThrow(RangeError);
  });
});
