/**
 * The stale-read proof (src/lin/models/stale-read.ts) is a proof: on small random kv histories
 * (puts and appends of strings that are prefixes of each other, info and never-completed
 * writes, several keys) it never calls a history not linearizable that the exhaustive search
 * linearizes; it finds the stale gets kv-gen makes; and it leaves alone what it cannot prove.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateKv } from "../bench/kv-gen.js";
import type { History } from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";
import { checkLinearizability } from "../src/lin/check.js";
import { findModel } from "../src/lin/models/index.js";
import { findStaleRead, type TextOp } from "../src/lin/models/stale-read.js";
import type { Refutation } from "../src/lin/models/types.js";
import { partitionOps, selectOps } from "../src/lin/partition.js";
import { buildProblem, taskOf } from "../src/lin/problem.js";
import { LinSearch } from "../src/lin/search.js";
import { seeded } from "./support/fc.js";
import { lin } from "./support/lin-notation.js";
import { type Status, type TimedOp, timedHistory } from "./support/timed-ops.js";

const kv = findModel("kv")!;

/** Per object: the proof (op ids: ordinals of the ops, from 0), or undefined; and what the exhaustive search says. */
function judge(h: History, split = true): { proof?: Refutation; search: string }[] {
  const parts = partitionOps(h, selectOps(h).ops, kv, split).parts;
  return parts.map((part) => {
    const built = buildProblem(
      taskOf(h, part, kv, () => ""),
      kv,
    );
    if ("unreadable" in built) throw new Error("unreadable");
    const { machine, inputs, problem, ids } = built;
    const found = machine.refute?.(inputs, problem.call, problem.ret);
    const budget = { steps: Infinity, deadline: Infinity, limit: Infinity };
    const search = new LinSearch(problem).run(budget);
    if (found === undefined) return { search };
    const id = (i: number) => ids[i]!;
    const proof = { read: id(found.read), write: id(found.write), sources: found.sources.map(id) };
    return { proof, search };
  });
}

describe("the stale-read proof, by hand", () => {
  it.each([
    [
      "a stale append",
      '1 append@a "x"; 1 ok; 2 append@a "y"; 2 ok; 3 get@a; 3 ok "x"',
      [2, 1, [0]],
    ],
    ["a stale put", '1 put@a "x"; 1 ok; 2 put@a "y"; 2 ok; 3 get@a; 3 ok "x"', [2, 1, [0]]],
    ["the initial value after a put", '1 put@a "x"; 1 ok; 2 get@a; 2 ok ""', [1, 0, []]],
    [
      "a value built of a put and appends",
      '1 put@a "p"; 1 ok; 1 append@a "q"; 1 ok; 2 put@a "r"; 2 ok; 3 get@a; 3 ok "pq"',
      [3, 2, [0, 1]],
    ],
  ])("proves %s", (_name, text, [read, write, sources]) => {
    const [object] = judge(lin(text));
    expect(object!.proof).toEqual({ read, write, sources });
    expect(object!.search).toBe("invalid");
  });

  it.each([
    [
      "W began before its source completed",
      '1 append@a "x"; 2 append@a "y"; 1 ok; 2 ok; 3 get@a; 3 ok "x"',
      "invalid",
    ],
    [
      "a source that may take effect later (info)",
      '1 append@a "x"; 1 info; 2 append@a "y"; 2 ok; 3 get@a; 3 ok "x"',
      "invalid",
    ],
    ["a put never completed", '2 put@a "x"; 1 append@a "y"; 1 ok; 3 get@a; 3 ok "x"', "valid"],
    [
      "a value W can be part of",
      '1 put@a "ab"; 1 ok; 2 put@a "a"; 2 ok; 4 append@a "b"; 4 ok; 3 get@a; 3 ok "ab"',
      "valid",
    ],
    [
      "the same piece appended twice",
      '1 append@a "a"; 1 ok; 2 append@a "a"; 2 ok; 3 get@a; 3 ok "a"',
      "invalid",
    ],
    ["an empty append", '1 append@a "x"; 1 ok; 2 append@a ""; 2 ok; 3 get@a; 3 ok "x"', "valid"],
    ["a value nothing builds", '1 append@a "x"; 1 ok; 3 get@a; 3 ok "z"', "invalid"],
    ["another key's write", '1 put@a "x"; 1 ok; 2 put@b "y"; 2 ok; 3 get@a; 3 ok "x"', "valid"],
  ])("proves nothing when %s", (_name, text, search) => {
    const objects = judge(lin(text));
    expect(objects.every((o) => o.proof === undefined)).toBe(true);
    expect(objects.some((o) => o.search === "invalid")).toBe(search === "invalid");
  });

  it("reads keys apart when the whole map is one object", () => {
    const text = '1 put@a "x"; 1 ok; 2 put@b "y"; 2 ok; 4 put@a "z"; 4 ok; 3 get@a; 3 ok "x"';
    expect(judge(lin(text), false)[0]!.proof).toEqual({ read: 3, write: 2, sources: [0] });
    expect(judge(lin(text.replace('4 put@a "z"', '4 put@b "z"')), false)[0]!.proof).toBe(undefined);
  });
});

// --- random histories ------------------------------------------------------------------------

interface GenOp extends TimedOp {
  f: "get" | "put" | "append";
  value: string;
}

/** Events in time order, each op on a free process; a get's invocation carries no value. */
function toHistory(ops: readonly GenOp[]): History {
  return timedHistory(ops, (o, invoke) => (o.f === "get" && invoke ? null : o.value));
}

const texts = ["", "a", "b", "ab", "ba", "aa", "bab", "abab"];
const op = fc
  .record({
    f: fc.constantFrom<GenOp["f"]>("get", "get", "put", "append", "append"),
    key: fc.constantFrom("k", "k", "k", "j"),
    value: fc.constantFrom(...texts),
    status: fc.constantFrom<Status>("ok", "ok", "ok", "ok", "ok", "info", "open", "fail"),
    start: fc.nat(40),
    len: fc.nat(12),
  })
  .map(({ len, ...o }) => ({ ...o, start: o.start * 2, end: o.start * 2 + len * 2 + 1 }));

/** The same ops run one at a time at random points of their intervals: gets return what they see. */
function runCorrectly(ops: GenOp[], at: number[]): GenOp[] {
  const state = new Map<string, string>();
  const order = ops.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  for (const i of order) {
    const o = ops[i]!;
    if (o.status === "fail") continue;
    const cur = state.get(o.key) ?? "";
    if (o.f === "get") o.value = cur;
    else state.set(o.key, o.f === "put" ? o.value : cur + o.value);
  }
  return ops;
}

describe("the stale-read proof, on random kv histories", () => {
  it("never says invalid where the exhaustive search finds an order", () => {
    let proofs = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 9 }), (ops) => {
        for (const object of judge(toHistory(ops))) {
          if (object.proof === undefined) continue;
          proofs++;
          expect(object.search).toBe("invalid");
        }
      }),
      seeded(3000),
    );
    // Not vacuous: random gets are often stale in a way the proof sees.
    expect(proofs).toBeGreaterThan(60);
  });

  it("never says invalid of a history run by a correct store", () => {
    let objects = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(op, fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (xs) => {
          const ops = runCorrectly(
            xs.map(([o]) => ({ ...o, status: o.status === "open" ? "info" : o.status })),
            xs.map(([o, t]) => o.start + 0.5 + t * (o.end - o.start - 1)),
          );
          for (const object of judge(toHistory(ops))) {
            objects++;
            expect(object.proof).toBe(undefined);
          }
        },
      ),
      seeded(1500),
    );
    expect(objects).toBeGreaterThan(1500);
  });
});

describe("the stale gets kv-gen makes", () => {
  it.each([1, 2, 3, 4, 5])("are proven stale, and only they (seed %i)", async (seed) => {
    const gen = generateKv({ clients: 12, keys: 3, opsPerClient: 20, seed, badKeys: 2 });
    const h = await loadHistory({ text: `${gen.lines.join("\n")}\n`, name: `kv-${seed}` });
    const keys = partitionOps(h, selectOps(h).ops, kv, true).parts.map((p) => String(p.keys[0]));
    const objects = judge(h);
    const proven = keys.filter((_, i) => objects[i]!.proof !== undefined);
    expect(proven.sort()).toEqual(gen.badKeys);
    for (const o of objects) expect(o.search).toBe(o.proof ? "invalid" : "valid");
  });

  it("decide a 50-client key whose search alone runs out of memory", async () => {
    const gen = generateKv({ clients: 50, keys: 10, opsPerClient: 40, seed: 4, badKeys: 2 });
    const h = await loadHistory({ text: `${gen.lines.join("\n")}\n`, name: "kv-c50-s4-bad" });
    const key2 = (r: ReturnType<typeof checkLinearizability>) =>
      r.objects.find((o) => o.keys[0] === "2")!;
    const alone = checkLinearizability(h, { model: kv, memoryLimitMb: 32, refute: false });
    expect(key2(alone).cutOff).toBe("memory");
    const proven = checkLinearizability(h, { model: kv, memoryLimitMb: 32 });
    expect(key2(proven).outcome).toBe("invalid");
    expect(key2(proven).failure!.stale).toBeDefined();
  });
});

describe("the stale-read proof's cost", () => {
  it("is bounded on a key of many ops: it gives up rather than stalls", () => {
    // 200k ops, half of them gets, each of which would look at every op: 2e10 looks unbounded.
    const ops: TextOp[] = Array.from({ length: 200_000 }, (_, i) => ({
      kind: i % 2 === 0 ? "append" : "get",
      slot: 0,
      text: "a",
      call: 2 * i,
      ret: 2 * i + 3,
    }));
    const start = performance.now();
    expect(findStaleRead(ops, [""])).toBe(undefined);
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});
