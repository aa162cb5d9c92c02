/**
 * Property tests of the linearizability checker: histories produced by running a correct
 * sequential object at random points inside random overlapping intervals are linearizable;
 * changing one read to a value nobody wrote makes them not; and on small random histories
 * the checker agrees with a brute-force search over every order that respects real time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearizable } from "../src/checkers/linearizable.js";
import type { History } from "../src/history/model.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";
import { type Status, type TimedOp, timedHistory } from "./support/timed-ops.js";

interface GenOp extends TimedOp {
  arg: unknown;
  result?: unknown;
}

/** Events in time order, each op on a free process. */
function toHistory(ops: readonly GenOp[]): History {
  return timedHistory(ops, (o, invoke) =>
    !invoke && o.status === "ok" && o.result !== undefined ? o.result : o.arg,
  );
}

// --- sequential specifications, written apart from src/lin/models --------------------------

type Spec = (state: Map<string, unknown>, o: GenOp) => boolean; // applies o to state; false if illegal

function put(s: Map<string, unknown>, k: string, v: unknown): true {
  s.set(k, v);
  return true;
}

const casSpec: Spec = (s, o) => {
  const cur = s.has(o.key) ? s.get(o.key) : null;
  if (o.f === "read") return o.status !== "ok" || o.result === cur;
  if (o.f === "write") return put(s, o.key, o.arg);
  const [from, to] = o.arg as [unknown, unknown];
  if (cur !== from) return false;
  return put(s, o.key, to);
};

const kvSpec: Spec = (s, o) => {
  const cur = (s.get(o.key) as string | undefined) ?? "";
  if (o.f === "get") return o.status !== "ok" || o.result === cur;
  s.set(o.key, o.f === "put" ? o.arg : cur + (o.arg as string));
  return true;
};

const mutexSpec: Spec = (s, o) => {
  const held = s.get("held") === true;
  if (held === (o.f === "acquire")) return false;
  return put(s, "held", !held);
};

const queueSpec: Spec = (s, o) => {
  const q = (s.get("q") as unknown[] | undefined) ?? [];
  if (o.f === "enqueue") return put(s, "q", [...q, o.arg]);
  if (o.status === "ok" && (q[0] ?? null) !== o.result) return false;
  return put(s, "q", q.slice(1));
};

const setSpec: Spec = (s, o) => {
  const elements = (s.get("s") as number[] | undefined) ?? [];
  if (o.f === "add")
    return put(s, "s", elements.includes(o.arg as number) ? elements : [...elements, o.arg]);
  const read = [...new Set(o.result as number[])].sort();
  return o.status !== "ok" || JSON.stringify(read) === JSON.stringify([...elements].sort());
};

/** Runs ops at random points of their intervals; results and statuses follow from the spec. */
function runCorrectly(spec: Spec, ops: GenOp[], at: number[], happens: boolean[]): GenOp[] {
  const state = new Map<string, unknown>();
  const order = ops.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  for (const i of order) {
    const o = ops[i]!;
    if (o.status === "fail" || (o.status !== "ok" && !happens[i])) continue;
    const probe = new Map(state);
    const read = o.f === "read" || o.f === "get";
    if (read && o.status === "ok")
      o.result = probe.has(o.key) ? probe.get(o.key) : o.f === "get" ? "" : null;
    if (spec(probe, o)) for (const [k, v] of probe) state.set(k, v);
    else if (o.status === "ok") o.status = "fail";
  }
  return ops;
}

// --- brute force -----------------------------------------------------------------------------

const initialOf: Record<string, unknown> = {
  "cas-register": null,
  kv: "",
  mutex: "free",
  "fifo-queue": [],
  set: [],
};

function bruteForce(spec: Spec, all: readonly GenOp[]): boolean {
  const ops = all.filter((o) => o.status !== "fail");
  const end = (o: GenOp) => (o.status === "ok" ? o.end : Number.POSITIVE_INFINITY);
  const search = (left: GenOp[], state: Map<string, unknown>): boolean => {
    if (left.every((o) => o.status !== "ok")) return true;
    for (const o of left) {
      if (left.some((y) => y !== o && end(y) < o.start)) continue;
      const rest = left.filter((y) => y !== o);
      const next = new Map(state);
      if (spec(next, o) && search(rest, next)) return true;
      if (o.status !== "ok" && search(rest, state)) return true;
    }
    return false;
  };
  return search(ops, new Map());
}

// --- generators ------------------------------------------------------------------------------

const status = fc.constantFrom<Status>("ok", "ok", "ok", "ok", "ok", "ok", "info", "fail", "open");
const interval = fc.record({ start: fc.nat(60), len: fc.nat(25) }).map(({ start, len }) => ({
  start: start * 2,
  end: start * 2 + len * 2 + 1,
}));
const casOp = (keys: string[]) =>
  fc
    .record({
      f: fc.constantFrom("read", "write", "cas"),
      key: fc.constantFrom(...keys),
      v: fc.integer({ min: 0, max: 2 }),
      w: fc.integer({ min: 0, max: 2 }),
      r: fc.constantFrom(null, 0, 1, 2),
      status,
      iv: interval,
    })
    .map(
      ({ f, key, v, w, r, status, iv }): GenOp => ({
        f,
        key,
        arg: f === "read" ? null : f === "cas" ? [v, w] : v,
        result: f === "read" ? r : undefined,
        status: f === "read" && status === "fail" ? "ok" : status,
        ...iv,
      }),
    );
const kvOp = (keys: string[]) =>
  fc
    .record({
      f: fc.constantFrom("get", "put", "append"),
      key: fc.constantFrom(...keys),
      v: fc.constantFrom("a", "b", "c"),
      r: fc.constantFrom("", "a", "b", "ab", "ba", "aa"),
      status,
      iv: interval,
    })
    .map(
      ({ f, key, v, r, status, iv }): GenOp => ({
        f,
        key,
        arg: f === "get" ? null : v,
        result: f === "get" ? r : undefined,
        status: status === "fail" ? "ok" : status,
        ...iv,
      }),
    );

const mutexOp = fc
  .record({ f: fc.constantFrom("acquire", "release"), status, iv: interval })
  .map(({ f, status, iv }): GenOp => ({ f, key: "m", arg: null, status, ...iv }));
const queueOp = fc
  .record({
    f: fc.constantFrom("enqueue", "dequeue"),
    v: fc.integer({ min: 0, max: 2 }),
    r: fc.constantFrom(null, 0, 1, 2),
    status,
    iv: interval,
  })
  .map(
    ({ f, v, r, status, iv }): GenOp => ({
      f,
      key: "q",
      arg: f === "enqueue" ? v : null,
      result: f === "dequeue" ? r : undefined,
      status,
      ...iv,
    }),
  );

const setOp = fc
  .record({
    f: fc.constantFrom("add", "read"),
    v: fc.integer({ min: 0, max: 2 }),
    r: fc.subarray([0, 1, 2]),
    status,
    iv: interval,
  })
  .map(
    ({ f, v, r, status, iv }): GenOp => ({
      f,
      key: "s",
      arg: f === "add" ? v : null,
      result: f === "read" ? r : undefined,
      status: f === "read" && status === "fail" ? "ok" : status,
      ...iv,
    }),
  );

function correct(spec: Spec, op: fc.Arbitrary<GenOp>, max: number) {
  return fc
    .array(fc.tuple(op, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      minLength: 1,
      maxLength: max,
    })
    .map((xs) =>
      runCorrectly(
        spec,
        xs.map(([o]) => o),
        xs.map(([o, t]) => o.start + 0.5 + t * (o.end - o.start - 1)),
        xs.map(([, , h]) => h),
      ),
    );
}

function breakOneRead(ops: GenOp[], pick: number, garbage: unknown): GenOp[] | undefined {
  const reads = ops.filter((o) => (o.f === "read" || o.f === "get") && o.status === "ok");
  if (reads.length === 0) return undefined;
  reads[pick % reads.length]!.result = garbage;
  return ops;
}

describe("linearizable: properties", () => {
  it.each([
    ["cas-register", casSpec, casOp(["x", "y", "z"])],
    ["kv", kvSpec, kvOp(["x", "y"])],
  ] as const)("%s: histories from a correct object are linearizable", (model, spec, op) => {
    fc.assert(
      fc.property(correct(spec, op, 60), (ops) => {
        const h = toHistory(ops);
        expect(runChecker(linearizable, h, { model }).verdict).toBe("valid");
        expect(runChecker(linearizable, h, { model, partition: false }).verdict).toBe("valid");
      }),
      seeded(150, 42),
    );
  });

  it.each([
    ["cas-register", casSpec, casOp(["x", "y"]), 999],
    ["kv", kvSpec, kvOp(["x", "y"]), "zzz"],
  ] as const)(
    "%s: one read of a value nobody wrote makes them not linearizable",
    (model, spec, op, garbage) => {
      fc.assert(
        fc.property(correct(spec, op, 40), fc.nat(), (ops, pick) => {
          const broken = breakOneRead(ops, pick, garbage);
          // A history with no write at all leaves its writes out: then the read proves nothing.
          fc.pre(broken?.some((o) => o.f !== "read" && o.f !== "get") === true);
          const r = runChecker(linearizable, toHistory(broken!), { model });
          expect(r.verdict).toBe("invalid");
          expect(r.anomalies).toHaveLength(1);
        }),
        seeded(150, 7),
      );
    },
  );

  it.each([
    ["cas-register", casSpec, casOp(["x"])],
    ["cas-register", casSpec, casOp(["x", "y"])],
    ["kv", kvSpec, kvOp(["x", "y"])],
    ["mutex", mutexSpec, mutexOp],
    ["fifo-queue", queueSpec, queueOp],
    ["set", setSpec, setOp],
  ] as const)(
    "%s: agrees with a brute-force search on random small histories",
    (model, spec, op) => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
          // The brute force starts where the models do; no initial value is read off the history.
          const options = { model, initial: initialOf[model] };
          const valid = bruteForce(spec, ops);
          // Registers with no write in the history at all are undecided (writes left out).
          const unrecorded = model === "cas-register" || model === "kv";
          const writes = ops.some((o) => o.f !== "read" && o.f !== "get");
          const want = valid ? "valid" : unrecorded && !writes ? "unknown" : "invalid";
          expect(runChecker(linearizable, toHistory(ops), options).verdict).toBe(want);
          expect(
            runChecker(linearizable, toHistory(ops), { ...options, partition: false }).verdict,
          ).toBe(want);
        }),
        seeded(400, 1),
      );
    },
  );
});
