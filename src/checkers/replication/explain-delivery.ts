/** The explanation of a replica that applied a write before one it depends on (DDIA figures 5-8 and 5-9). */
import { citedOp } from "../details.js";
import { describeOp, keyPhrase, showName } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { CausalOrderViolation } from "./delivery.js";
import { versionPhrase } from "./words.js";

export function explainCausalOrderViolation(a: CausalOrderViolation): Explanation {
  const ev = citedOp(a.ops, a.event);
  const x = citedOp(a.ops, a.write);
  const y = citedOp(a.ops, a.missing);
  const prior = a.ops.find((o) => o.id !== a.event && o.id !== a.write && o.id !== a.missing);
  const state =
    prior === undefined
      ? `${showName(a.node)} held nothing of ${keyPhrase(a.missingKey)}`
      : `${showName(a.node)}'s state of ${keyPhrase(a.missingKey)} was ${versionPhrase(prior.version)} (line ${prior.line})`;
  const steps: Step[] = [
    {
      from: "Y",
      relation: "happens-before",
      to: "X",
      because: `when ${showName(x.node ?? "its node")} accepted X, it or X's client already knew Y (applied it, or a write that followed it, or read it)`,
    },
    {
      from: "X",
      relation: "applied",
      to: "A",
      because: `A is ${showName(a.node)} holding X (line ${ev.line})`,
    },
    {
      from: "A",
      relation: "held-before",
      to: "Y",
      because: `just before A, ${state}, which does not include Y's ${versionPhrase(y.version)}`,
    },
  ];
  return {
    summary: `Replica ${showName(a.node)} applied X, a write of ${keyPhrase(a.key)}, before Y, a write of ${keyPhrase(a.missingKey)} that happened before X.`,
    ops: [
      { label: "A", text: describeOp(ev), op: a.event },
      { label: "X", text: describeOp(x), op: a.write },
      { label: "Y", text: describeOp(y), op: a.missing },
    ],
    steps,
    rule: "Every replica must apply writes in an order consistent with happens-before: never a write before one it depends on (causal delivery; DDIA 5.3, figure 5-9, an update before the insert it depends on; figure 5-8, messages that overtake each other).",
  };
}
