/** Session guarantees on Elle's list-append workload: the reads' lists give the version order. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import { HistoryBuilder } from "../src/history/builder.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";
import { hist } from "./support/notation.js";

const ryw = (text: string) => runChecker(readYourWrites, hist(text));
const mr = (text: string) => runChecker(monotonicReads, hist(text));
const codes = (r: { undecided: { code: string }[] }) => r.undecided.map((u) => u.code);

describe("list-append keys", () => {
  it("a read whose list lacks the session's own append breaks read-your-writes", () => {
    const r = ryw("a append x 1; b append x 2; a r x [2]");
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]).toMatchObject({
      list: true,
      violation: "older",
      required: { value: 1 },
    });
    expect(
      ryw('a txn t [["append","x",1]]; a txn t [["r","x",[]]]').anomalies.map((a) =>
        "violation" in a ? a.violation : a.kind,
      ),
    ).toEqual(["initial"]);
  });

  it("a later list that is a strict prefix of an earlier one breaks monotonic reads", () => {
    const r = mr("a append x 1; a append x 2; b r x [1,2]; b r x [1]");
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies[0]!.read.value).toEqual([1]);
  });

  it("lists that grow are fine", () => {
    const text = "a append x 1; a r x [1]; b append x 2; a r x [1,2]; b r x [1,2]";
    expect(ryw(text).verdict).toBe("valid");
    expect(mr(text).verdict).toBe("valid");
  });

  it("reads that disagree on the order, or a value appended twice, leave the order unknown", () => {
    expect(codes(mr("a append x 1; b append x 2; c r x [1]; c r x [2]"))).toEqual([
      "list-order-unknown",
    ]);
    expect(codes(ryw("a append x 1; b append x 1; a r x [1]"))).toEqual(["list-order-unknown"]);
  });

  it("string appends (Porcupine's kv) are not lists", () => {
    const r = ryw('a append x "a"; a r x "a"');
    expect([r.verdict, r.notApplicable?.code, r.notes?.map((n) => n.code)]).toEqual([
      "n/a",
      "no-register-ops",
      ["not-a-register"],
    ]);
  });
});

interface Step {
  session: number;
  append: boolean;
  key: number;
}

/** A correct list store: each read returns the whole list; appended values are unique. */
function run(steps: Step[]) {
  const lists = new Map<number, number[]>();
  return steps.map((s, i) => {
    const list = lists.get(s.key) ?? [];
    if (s.append) lists.set(s.key, [...list, i]);
    return { ...s, value: s.append ? i : [...list] };
  });
}

function build(ops: ReturnType<typeof run>) {
  const b = new HistoryBuilder("lists");
  let line = 0;
  for (const op of ops) {
    const micro = op.append ? ["append", op.key, op.value] : ["r", op.key, null];
    const done = op.append ? micro : ["r", op.key, op.value];
    b.add({ type: "invoke", process: op.session, f: "txn", value: [micro] }, ++line);
    b.add({ type: "ok", process: op.session, f: "txn", value: [done] }, ++line);
  }
  return b.finish();
}

const steps = fc.array(fc.record({ session: fc.nat(3), append: fc.boolean(), key: fc.nat(2) }), {
  minLength: 1,
  maxLength: 50,
});

describe("list-append properties", () => {
  it("a correct list store never yields an anomaly", () => {
    fc.assert(
      fc.property(steps, (s) => {
        // Without a single append nothing says the keys are lists, not registers.
        fc.pre(s.some((x) => x.append));
        const h = build(run(s));
        expect(runChecker(readYourWrites, h).verdict).toBe("valid");
        expect(runChecker(monotonicReads, h).verdict).toBe("valid");
      }),
      seeded(300),
    );
  });

  it("cutting the session's own append out of its first read of the key is found, exactly", () => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const ops = run(s);
        const candidates = ops.flatMap((op, i) => {
          if (op.append) return [];
          const before = ops
            .slice(0, i)
            .filter((o) => o.session === op.session && o.key === op.key);
          const own = before.filter((o) => o.append);
          return own.length > 0 && before.every((o) => o.append) ? [i] : [];
        });
        fc.pre(candidates.length > 0);
        const i = candidates[pick % candidates.length]!;
        const own = ops
          .slice(0, i)
          .filter((o) => o.append && o.session === ops[i]!.session && o.key === ops[i]!.key);
        const list = ops[i]!.value as number[];
        ops[i] = { ...ops[i]!, value: list.slice(0, list.indexOf(own.at(-1)!.value as number)) };
        const h = build(ops);
        const r = runChecker(readYourWrites, h);
        expect(r.anomalies.map((a) => a.read.op)).toEqual([i]);
        expect(runChecker(monotonicReads, h).anomalies).toEqual([]);
      }),
      seeded(300),
    );
  });
});
