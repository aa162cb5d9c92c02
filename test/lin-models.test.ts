import { describe, expect, it } from "vitest";
import { planCheck } from "../src/api.js";
import { linearizable } from "../src/checkers/linearizable.js";
import { findModel, inferModel, models } from "../src/lin/models/index.js";
import { runChecker } from "./support/check.js";
import { lin } from "./support/lin-notation.js";

function verdict(text: string, options: Record<string, unknown> = {}): string {
  return runChecker(linearizable, lin(text), options).verdict;
}

describe("model registry", () => {
  it("has one model per id, found by id and alias", () => {
    const ids = models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      "register",
      "cas-register",
      "kv",
      "multi-register",
      "mutex",
      "set",
      "fifo-queue",
    ]);
    expect(findModel("cas")?.id).toBe("cas-register");
    expect(findModel("queue")?.id).toBe("fifo-queue");
    expect(findModel("nope")).toBeUndefined();
  });

  it.each([
    ["1 r; 1 ok nil; 2 w 1; 2 ok", "register"],
    ["1 cas [0,1]; 1 fail", "cas-register"],
    ['1 get@x; 1 ok ""', "kv"],
    ['1 txn [["write","x",1]]; 1 ok', "multi-register"],
    ["1 acquire; 1 ok", "mutex"],
    ["1 add 1; 1 ok", "set"],
    ["1 enqueue 1; 1 ok", "fifo-queue"],
    ['1 read [["r","x",null]]; 1 ok [["r","x",1]]', "multi-register"],
  ])("infers the model of %j as %s", (text, id) => {
    const m = inferModel(lin(text));
    expect("id" in m ? m.id : m.fs).toBe(id);
  });

  it("does not apply when no model reads the ops", () => {
    const r = runChecker(linearizable, lin("1 frob 1; 1 ok"));
    expect(r.verdict).toBe("n/a");
    expect(r.notApplicable).toEqual({ code: "no-model", params: { fs: ["frob"] } });
  });

  it("rejects an unknown model before anything is read", () => {
    expect(() => planCheck({ model: "nope" })).toThrow(/option model: expected one of register/);
  });
});

describe("register", () => {
  it("starts at nil, and a read returns the last write", () => {
    expect(verdict("1 r; 1 ok nil; 1 w 3; 1 ok; 2 r; 2 ok 3")).toBe("valid");
    expect(verdict("1 w 3; 1 ok; 2 r; 2 ok nil")).toBe("invalid");
    expect(verdict("1 r; 1 ok 0", { initial: 0 })).toBe("valid");
  });

  it("lets a read overlapping a write return either value", () => {
    expect(verdict("1 w 1; 1 ok; 1 w 2; 2 r; 2 ok 1; 1 ok")).toBe("valid");
    expect(verdict("1 w 1; 1 ok; 1 w 2; 2 r; 2 ok 2; 1 ok")).toBe("valid");
    expect(verdict("1 w 1; 1 ok; 1 w 2; 2 r; 2 ok 3; 1 ok")).toBe("invalid");
  });

  it("orders non-overlapping reads: no going back in time", () => {
    expect(verdict("1 w 1; 1 ok; 1 w 2; 2 r; 2 ok 2; 3 r; 3 ok 1; 1 ok")).toBe("invalid");
  });

  it("checks keys independently", () => {
    expect(verdict("1 w@x 1; 1 ok; 2 r@y; 2 ok nil; 2 r@x; 2 ok 1")).toBe("valid");
    expect(verdict("1 w@x 1; 1 ok; 2 r@y; 2 ok 1")).toBe("invalid");
  });
});

describe("cas-register", () => {
  it("applies a cas only from its expected value", () => {
    expect(verdict("1 w 1; 1 ok; 1 cas [1,2]; 1 ok; 2 r; 2 ok 2")).toBe("valid");
    expect(verdict("1 w 1; 1 ok; 1 cas [0,2]; 1 ok")).toBe("invalid");
  });

  it("drops a failed cas: it did not happen (Knossos)", () => {
    expect(verdict("1 w 1; 1 ok; 1 cas [1,2]; 1 fail; 2 r; 2 ok 1")).toBe("valid");
    expect(verdict("1 w 1; 1 ok; 1 cas [1,2]; 1 fail; 2 r; 2 ok 2")).toBe("invalid");
  });

  it("lets an info cas take effect later, or never", () => {
    expect(verdict("1 w 1; 1 ok; 2 cas [1,2]; 2 info; 3 r; 3 ok 1; 3 r; 3 ok 2")).toBe("valid");
    expect(verdict("1 w 1; 1 ok; 2 cas [1,2]; 2 info; 3 r; 3 ok 2; 3 r; 3 ok 1")).toBe("invalid");
    expect(verdict("1 w 1; 1 ok; 2 cas [1,2]; 3 r; 3 ok 1")).toBe("valid");
  });

  it("does not let an info op take effect before its invocation", () => {
    expect(verdict("1 r; 1 ok 5; 2 w 5; 2 info")).toBe("invalid");
  });

  it("reports a malformed cas as unreadable: the model does not apply, nothing is invalid", () => {
    const r = runChecker(linearizable, lin("1 cas 3; 1 ok"), { model: "cas-register" });
    expect(r.verdict).toBe("n/a");
    expect(r.notApplicable).toMatchObject({
      code: "unreadable-ops",
      params: { unreadable: "bad-value", f: "cas", value: 3 },
    });
  });
});

describe("kv", () => {
  it('starts every key at "" and appends by concatenation', () => {
    expect(
      verdict('1 get@a; 1 ok ""; 1 append@a "x"; 1 ok; 1 append@a "y"; 1 ok; 2 get@a; 2 ok "xy"'),
    ).toBe("valid");
    expect(verdict('1 append@a "x"; 1 ok; 1 append@a "y"; 1 ok; 2 get@a; 2 ok "yx"')).toBe(
      "invalid",
    );
    expect(verdict('1 put@a "p"; 1 ok; 1 append@a "q"; 1 ok; 2 get@a; 2 ok "pq"')).toBe("valid");
  });

  it("gives the same verdicts with and without partitioning", () => {
    const text = '1 put@a "1"; 2 put@b "2"; 1 ok; 2 ok; 3 get@a; 4 get@b; 3 ok "1"; 4 ok "2"';
    expect(verdict(text, { partition: false })).toBe("valid");
    expect(verdict(text.replace('4 ok "2"', '4 ok "1"'), { partition: false })).toBe("invalid");
    expect(verdict(text.replace('4 ok "2"', '4 ok "1"'))).toBe("invalid");
  });
});

describe("multi-register", () => {
  const txn = (ops: unknown[]) => JSON.stringify(ops);
  it("applies a transaction's micro-ops atomically, starting from 0", () => {
    const w = txn([
      ["write", "x", 1],
      ["write", "y", 1],
    ]);
    const r = (x: number, y: number) =>
      txn([
        ["read", "x", x],
        ["read", "y", y],
      ]);
    expect(verdict(`1 txn ${w}; 2 txn ${r(0, 0)}; 2 ok; 1 ok`)).toBe("valid");
    expect(verdict(`1 txn ${w}; 2 txn ${r(1, 1)}; 2 ok; 1 ok`)).toBe("valid");
    expect(verdict(`1 txn ${w}; 2 txn ${r(1, 0)}; 2 ok; 1 ok`)).toBe("invalid");
  });

  it("reads its own writes inside a transaction", () => {
    const t = txn([
      ["write", "x", 5],
      ["read", "x", 5],
    ]);
    expect(verdict(`1 txn ${t}; 1 ok`)).toBe("valid");
  });

  it("splits keys that no transaction connects", () => {
    const r = runChecker(
      linearizable,
      lin(`1 txn ${txn([["write", "x", 1]])}; 1 ok; 2 txn ${txn([["read", "y", 0]])}; 2 ok`),
    );
    expect(r.stats.objects).toBe(2);
    expect(r.verdict).toBe("valid");
  });
});

describe("mutex", () => {
  it("allows one holder at a time", () => {
    expect(verdict("1 acquire; 1 ok; 1 release; 1 ok; 2 acquire; 2 ok")).toBe("valid");
    expect(verdict("1 acquire; 1 ok; 2 acquire; 2 ok")).toBe("invalid");
    expect(verdict("1 release; 1 ok")).toBe("invalid");
    expect(verdict("1 acquire; 1 ok; 1 release; 2 acquire; 2 ok; 1 ok")).toBe("valid");
  });

  it("lets a failed or info acquire not happen", () => {
    expect(verdict("1 acquire; 1 ok; 2 acquire; 2 fail; 3 acquire; 3 info; 1 release; 1 ok")).toBe(
      "valid",
    );
  });
});

describe("set", () => {
  it("reads exactly the elements added so far", () => {
    expect(verdict("1 add 1; 2 add 2; 3 read; 3 ok [2]; 1 ok; 2 ok; 3 read; 3 ok [2,1]")).toBe(
      "valid",
    );
    expect(verdict("1 add 1; 1 ok; 3 read; 3 ok [1,1,3]")).toBe("invalid");
    expect(verdict("1 add 1; 1 ok; 3 read; 3 ok []")).toBe("invalid");
  });
});

describe("fifo-queue", () => {
  it("dequeues in enqueue order", () => {
    expect(
      verdict("1 enqueue 1; 1 ok; 1 enqueue 2; 1 ok; 2 dequeue; 2 ok 1; 2 dequeue; 2 ok 2"),
    ).toBe("valid");
    expect(verdict("1 enqueue 1; 1 ok; 1 enqueue 2; 1 ok; 2 dequeue; 2 ok 2")).toBe("invalid");
    expect(
      verdict("1 enqueue 1; 2 enqueue 2; 1 ok; 2 ok; 3 dequeue; 3 ok 2; 3 dequeue; 3 ok 1"),
    ).toBe("valid");
  });

  it("treats a dequeue of nil as an empty queue", () => {
    expect(verdict("2 dequeue; 2 ok nil; 1 enqueue 1; 1 ok")).toBe("valid");
    expect(verdict("1 enqueue 1; 1 ok; 2 dequeue; 2 ok nil")).toBe("invalid");
  });
});

describe("initial values from the options", () => {
  it("start a mutex held, a set or a queue with elements", () => {
    expect(verdict("1 release; 1 ok", { initial: "held" })).toBe("valid");
    expect(verdict("1 read; 1 ok [1,2]", { model: "set", initial: [2, 1] })).toBe("valid");
    expect(verdict("1 dequeue; 1 ok 7", { initial: [7, 8] })).toBe("valid");
    expect(verdict("1 dequeue; 1 ok 8", { initial: [7, 8] })).toBe("invalid");
  });
});

describe("initial values read off the history", () => {
  const codes = (r: { undecided: { code: string }[] }) => r.undecided.map((u) => u.code);

  it("a key whose reads before any write agree on an empty value starts there, and the report says so", () => {
    const h = lin(
      '1 txn [["read","x",null]]; 1 ok; 2 txn [["write","x",1]]; 2 ok; 1 txn [["read","x",1]]; 1 ok',
    );
    const r = runChecker(linearizable, h);
    expect(r.verdict).toBe("valid");
    expect(r.notes).toEqual([
      {
        code: "initial-from-reads",
        params: { keys: 1, examples: [{ key: "x", value: null, line: 2 }], default: 0 },
      },
    ]);
    expect(runChecker(linearizable, h, { initial: 0 }).verdict).toBe("invalid");
  });

  it("a value other than an empty one, read before any write, is judged, not taken as a start", () => {
    expect(verdict("1 r; 1 ok 3; 2 w 3; 2 ok")).toBe("invalid");
    expect(verdict("1 r; 2 w 3; 2 fail; 1 ok 3")).toBe("invalid");
  });

  it("early reads that disagree on the empty value leave the key undecided", () => {
    const r = runChecker(
      linearizable,
      lin("1 r@x; 1 ok nil; 2 r@x; 2 ok 0; 3 w@x 1; 3 ok; 4 w@y 1; 4 ok"),
    );
    expect([r.verdict, codes(r), r.undecided[0]!.keys]).toEqual([
      "unknown",
      ["initial-values-disagree"],
      ["x"],
    ]);
  });

  it("a history with no write at all leaves its writes out: its reads prove nothing", () => {
    const r = runChecker(linearizable, lin("1 r@x; 1 ok nil; 1 r@x; 1 ok 5"));
    expect([r.verdict, codes(r)]).toEqual(["unknown", ["writes-unrecorded"]]);
    expect(verdict("1 r@x; 1 ok nil; 1 r@x; 1 ok 5; 2 w@y 1; 2 ok")).toBe("invalid");
  });
});
