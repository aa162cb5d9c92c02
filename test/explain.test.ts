/**
 * Every explanation, for every anomaly kind and every linearizability model, in one table:
 * the history (in the test notations), the checker, and the whole explanation a person reads.
 * Whole outputs are compared, never substrings.
 */
import { describe, expect, it } from "vitest";
import { causal } from "../src/checkers/causal.js";
import { causalDelivery } from "../src/checkers/causal-delivery.js";
import { consistentPrefix } from "../src/checkers/consistent-prefix.js";
import { convergence } from "../src/checkers/convergence.js";
import { durability } from "../src/checkers/durability.js";
import { linearizable } from "../src/checkers/linearizable.js";
import { lostWrites } from "../src/checkers/lost-writes.js";
import { monotonicReads } from "../src/checkers/monotonic-reads.js";
import { monotonicWrites } from "../src/checkers/monotonic-writes.js";
import { quorumOverlap } from "../src/checkers/quorum-overlap.js";
import { readRepair } from "../src/checkers/read-repair.js";
import { readYourWrites } from "../src/checkers/read-your-writes.js";
import { explainAnomaly } from "../src/checkers/registry.js";
import { siblings } from "../src/checkers/siblings.js";
import { staleness } from "../src/checkers/staleness.js";
import type { AnyChecker } from "../src/checkers/types.js";
import { writeConflicts } from "../src/checkers/write-conflicts.js";
import { writesFollowReads } from "../src/checkers/writes-follow-reads.js";
import type { History } from "../src/history/model.js";
import { explanationLines } from "../src/report/explanation.js";
import { runChecker } from "./support/check.js";
import { replicationCases } from "./support/explain-replication.js";
import { lin } from "./support/lin-notation.js";
import { hist } from "./support/notation.js";

interface Case {
  name: string;
  checker: AnyChecker;
  history: History;
  options?: Record<string, unknown>;
}

const cases: Case[] = [
  ...replicationCases({
    quorumOverlap,
    readRepair,
    durability,
    staleness,
    writeConflicts,
    lostWrites,
    convergence,
    causalDelivery,
    siblings,
  }),
  {
    name: "read-your-writes: an older version (figure 5-3)",
    checker: readYourWrites,
    history: hist("u w x 5 @leader #17; u r x 4 @f2 #16"),
  },
  {
    name: "read-your-writes: the initial value",
    checker: readYourWrites,
    history: hist("u w x 1; v w x 2; u r x null"),
  },
  {
    name: "read-your-writes: a concurrent version vector",
    checker: readYourWrites,
    history: hist('u w x 1 #{"a":1}; v w x 2 #{"b":1}; u r x 2 #{"b":1}'),
  },
  {
    name: "read-your-writes: a list without the session's append",
    checker: readYourWrites,
    history: hist("a append x 1; b append x 2; a r x [2]"),
  },
  {
    name: "read-your-writes: a garbage read",
    checker: readYourWrites,
    history: hist("u w x 1; u r x 3"),
  },
  {
    name: "monotonic-reads: an older version (figure 5-4)",
    checker: monotonicReads,
    history: hist("w w x 1 #8; u r x 1 @f1 #8; u r x 0 @f2 #7"),
  },
  {
    name: "monotonic-reads: a shorter list",
    checker: monotonicReads,
    history: hist("a append x 1; a append x 2; b r x [1,2]; b r x [1]"),
  },
  {
    name: "monotonic-reads: a garbage read after a known one",
    checker: monotonicReads,
    history: hist("w w x 1 #1; u r x 1 #1; u r x 7"),
  },
  {
    name: "read-your-writes: older by the assumption linearizable-keys",
    checker: readYourWrites,
    history: hist("v w x 1; u w x 2; u r x 1"),
    options: { assume: "linearizable-keys" },
  },
  {
    name: "monotonic-reads: older by the assumption sequential-keys",
    checker: monotonicReads,
    history: hist("a w x 1; a w x 2; b r x 2; b r x 1"),
    options: { assume: "sequential-keys" },
  },
  {
    name: "monotonic-writes: a later write with an older version",
    checker: monotonicWrites,
    history: hist("u w x 1 #5 @eu; u w x 2 #3 @us"),
  },
  {
    name: "monotonic-writes: a later write whose vector leaves out the earlier",
    checker: monotonicWrites,
    history: hist('u w x 1 #{"a":1}; u w x 2 #{"b":1}'),
  },
  {
    name: "monotonic-writes: appends in the wrong order in the lists read",
    checker: monotonicWrites,
    history: hist("a append x 1; a append x 2; b r x [2,1]"),
  },
  {
    name: "writes-follow-reads: a reply ordered before what it replies to",
    checker: writesFollowReads,
    history: hist("a w x 1 #11; b r x 1 #11; b w x 2 #10"),
  },
  {
    name: "writes-follow-reads: by the assumption linearizable-keys",
    checker: writesFollowReads,
    history: hist("c r x 1; c w x 2; a w x 1"),
    options: { assume: "linearizable-keys" },
  },
  {
    name: "consistent-prefix: the answer without the question (figure 5-5)",
    checker: consistentPrefix,
    history: hist("p w q 1; c r q 1; c w a 2; o r a 2; o r q null"),
  },
  {
    name: "consistent-prefix: in real time, with versions",
    checker: consistentPrefix,
    history: hist("p w q 1 #1; p w q 2 #2; c w a 7 #1; o r a 7 #1; o r q 1 #1"),
    options: { prefixOrder: "real-time" },
  },
  {
    name: "consistent-prefix: a value nobody wrote",
    checker: consistentPrefix,
    history: hist("p w q 1; c r q 1; c w a 2; o r a 2; o r q 9"),
  },
  {
    name: "causal: CyclicCO",
    checker: causal,
    history: hist("a r x 1; a w y 1; b r y 1; b w x 1"),
  },
  {
    name: "causal: CyclicCO through version order (monotonic writes broken)",
    checker: causal,
    history: hist("u w x 1 #5; u w x 2 #3"),
  },
  { name: "causal: ThinAirRead", checker: causal, history: hist("a w x 1; b r x 7") },
  {
    name: "causal: WriteCOInitRead",
    checker: causal,
    history: hist("a w x 1; a w y 1; b r y 1; b r x null"),
  },
  {
    name: "causal: WriteCORead",
    checker: causal,
    history: hist("a w x 1; a w x 2; a w y 1; b r y 1; b r x 1"),
  },
  {
    name: "causal: WriteCORead by the assumption linearizable-keys",
    checker: causal,
    history: hist("v w x 1; u w x 2; u r x 1"),
    options: { assume: "linearizable-keys" },
  },
  {
    name: "causal: WriteCORead on a list",
    checker: causal,
    history: hist("a append x 1; a append x 2; a w y 1; b r y 1; b r x [1]; c r x [1,2]"),
  },
  {
    name: "causal: a version vector that leaves out a cause",
    checker: causal,
    history: hist('u w x 1 #{"a":1}; v w x 2 #{"b":1}; u r x 2 #{"b":1}'),
  },
  {
    name: "causal: CyclicCF (ccv)",
    checker: causal,
    history: hist("a w x 1; b w x 2; c r x 1; c r x 2; d r x 2; d r x 1"),
    options: { causalLevel: "ccv" },
  },
  {
    name: "causal: CyclicHB (cm)",
    checker: causal,
    history: hist("a w x 1; b w x 2; s r x 1; s r x 2; s r x 1"),
    options: { causalLevel: "cm" },
  },
  {
    name: "causal: WriteHBInitRead (cm)",
    checker: causal,
    history: hist(
      "p w y 1; p w x 1; p w u 1; q w x 2; q w z 1; s r z 1; s r y null; s r u 1; s r x 2",
    ),
    options: { causalLevel: "cm" },
  },
  { name: "register", checker: linearizable, history: lin("1 w 1; 1 ok; 2 r; 2 ok 2") },
  { name: "cas-register", checker: linearizable, history: lin("1 w 1; 1 ok; 2 cas [0,5]; 2 ok") },
  {
    name: "kv",
    checker: linearizable,
    history: lin('1 append@k "a"; 1 ok; 2 get@k; 2 ok "b"'),
  },
  {
    name: "kv with long values: the part that differs shows",
    checker: linearizable,
    history: lin(`1 put@k "${"x".repeat(80)}a"; 1 ok; 2 get@k; 2 ok "${"x".repeat(80)}b"`),
  },
  {
    name: "multi-register",
    checker: linearizable,
    history: lin(
      '1 txn [["write","x",1],["write","y",1]]; 1 ok; 2 txn [["read","x",1],["read","y",0]]; 2 ok',
    ),
  },
  { name: "mutex", checker: linearizable, history: lin("1 acquire; 1 ok; 2 acquire; 2 ok") },
  { name: "set", checker: linearizable, history: lin("1 add 1; 1 ok; 2 read; 2 ok [2]") },
  {
    name: "fifo-queue",
    checker: linearizable,
    history: lin("1 enqueue 1; 1 ok; 2 dequeue; 2 ok 2"),
  },
  {
    name: "fifo-queue, empty dequeue",
    checker: linearizable,
    history: lin("1 enqueue 1; 1 ok; 2 dequeue; 2 ok nil"),
  },
  {
    name: "at most five overlapping ops, then a count",
    checker: linearizable,
    history: lin(
      [
        "9 w 0",
        "9 ok",
        ...Array.from({ length: 8 }, (_, i) => `${i + 10} r`),
        ...Array.from({ length: 8 }, (_, i) => `${i + 10} ok ${i + 100}`),
      ].join("; "),
    ),
    options: { firstOnly: true },
  },
];

function explained(c: Case): string[] {
  const r = runChecker(c.checker, c.history, c.options);
  expect(r.verdict).toBe("invalid");
  return r.anomalies.flatMap((a) => explanationLines(explainAnomaly(c.checker.id, a)));
}

describe("explanations", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(explained(c)).toMatchSnapshot();
  });
});
