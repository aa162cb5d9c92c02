/**
 * The causal checker against a brute-force oracle on small differentiated histories (up to 8
 * ops), at each level. The oracle follows the definitions of Bouajjani et al. (2017), not
 * their bad patterns: with co the transitive closure of session order and reads-from (the
 * least causal order a differentiated history allows; a larger one only adds constraints),
 * CC holds when every read, in some serialisation of its causal past, returns the last write
 * of its key; CCv when one total order of all ops extending co does that for every read at
 * once; CM when, for every op o, one serialisation of o's causal past makes every read of
 * o's session up to o legal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causal } from "../src/checkers/causal.js";
import { HistoryBuilder } from "../src/history/builder.js";
import type { History } from "../src/history/model.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";

interface Op {
  session: number;
  kind: "r" | "w";
  key: number;
  value: number | null;
}

const small = fc
  .array(fc.record({ session: fc.nat(2), w: fc.boolean(), key: fc.nat(1), pick: fc.nat(9) }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((raw): Op[] => {
    const ops: Op[] = raw.map((r, i) => ({
      session: r.session,
      kind: r.w ? "w" : "r",
      key: r.key,
      value: r.w ? i + 1 : null,
    }));
    for (const [i, r] of raw.entries()) {
      if (ops[i]!.kind === "w") continue;
      const choices = [
        null,
        ...ops.filter((o) => o.kind === "w" && o.key === r.key).map((o) => o.value),
        99,
      ];
      ops[i]!.value = choices[r.pick % choices.length]!;
    }
    return ops;
  });

function toHistory(ops: Op[]): History {
  const b = new HistoryBuilder("small");
  let line = 0;
  for (const op of ops) {
    const base = {
      process: op.session,
      session: `s${op.session}`,
      f: op.kind === "w" ? "write" : "read",
      key: `k${op.key}`,
    };
    b.add({ ...base, type: "invoke", value: op.kind === "w" ? op.value : null }, ++line);
    b.add({ ...base, type: "ok", value: op.value }, ++line);
  }
  return b.finish();
}

/** The write each read returned (-1: initial), or undefined for a value no op wrote. */
function readsFrom(ops: Op[]): (number | undefined)[] {
  return ops.map((o) => {
    if (o.kind === "w" || o.value === null) return -1;
    const w = ops.findIndex((x) => x.kind === "w" && x.key === o.key && x.value === o.value);
    return w < 0 ? undefined : w;
  });
}

/** co[i][j]: i before j in (so ∪ rf)+. */
function causalOrder(ops: Op[], rf: (number | undefined)[]): boolean[][] {
  const n = ops.length;
  const co = ops.map(() => ops.map(() => false));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (ops[i]!.session === ops[j]!.session) co[i]![j] = true;
    const w = rf[i];
    if (w !== undefined && w >= 0) co[w]![i] = true;
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (co[i]![k] && co[k]![j]) co[i]![j] = true;
  return co;
}

/** Calls visit with each order of `nodes` that respects co, until visit returns true. */
function someLinearization(
  nodes: number[],
  co: boolean[][],
  visit: (order: number[]) => boolean,
): boolean {
  const order: number[] = [];
  const used = new Set<number>();
  const go = (): boolean => {
    if (order.length === nodes.length) return visit(order);
    for (const v of nodes) {
      if (used.has(v) || nodes.some((u) => !used.has(u) && u !== v && co[u]![v])) continue;
      used.add(v);
      order.push(v);
      if (go()) return true;
      order.pop();
      used.delete(v);
    }
    return false;
  };
  return go();
}

/** Whether read r returns the last write of its key among `before`, in that order. */
function legal(ops: Op[], rf: (number | undefined)[], before: number[], r: number): boolean {
  let last = -1;
  for (const v of before) if (ops[v]!.kind === "w" && ops[v]!.key === ops[r]!.key) last = v;
  return last === rf[r];
}

function oracle(ops: Op[], level: "cc" | "ccv" | "cm"): boolean {
  const rf = readsFrom(ops);
  if (rf.includes(undefined)) return false;
  const co = causalOrder(ops, rf);
  const n = ops.length;
  if (ops.some((_, i) => co[i]![i])) return false;
  const all = ops.map((_, i) => i);
  const past = (o: number) => all.filter((j) => co[j]![o]);
  const reads = all.filter((i) => ops[i]!.kind === "r");
  if (level === "cc") {
    return reads.every((r) => someLinearization(past(r), co, (order) => legal(ops, rf, order, r)));
  }
  if (level === "ccv") {
    return someLinearization(all, co, (arb) =>
      reads.every((r) =>
        legal(
          ops,
          rf,
          arb.filter((v) => co[v]![r]),
          r,
        ),
      ),
    );
  }
  return (
    all.every((o) => {
      const mine = reads.filter((r) => ops[r]!.session === ops[o]!.session && r <= o);
      return someLinearization([...past(o), o], co, (order) =>
        mine.every((r) => legal(ops, rf, order.slice(0, order.indexOf(r)), r)),
      );
    }) && n >= 0
  );
}

describe("causal agrees with brute force over serialisations of causal pasts", () => {
  it.each(["cc", "ccv", "cm"] as const)("level %s", (level) => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(small, (ops) => {
        const r = runChecker(causal, toHistory(ops), { causalLevel: level });
        if (r.verdict === "n/a") {
          expect([r.notApplicable?.code, ops.some((o) => o.kind === "w")]).toEqual([
            "no-writes",
            false,
          ]);
          return;
        }
        if (r.verdict === "unknown") {
          // A key that no op writes: the history leaves its writes out, so nothing is claimed.
          expect(r.undecided.map((u) => u.code)).toEqual(["writes-unrecorded"]);
          return;
        }
        const expected = oracle(ops, level) ? "valid" : "invalid";
        expect(r.verdict).toBe(expected);
        seen[expected]++;
      }),
      seeded(600),
    );
    expect(seen.valid).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(50);
  });
});
