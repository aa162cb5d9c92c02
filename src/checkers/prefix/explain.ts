/**
 * The explanation of a prefix violation, in the issue's shape: "A happens before B because
 * ...; S observed B (line 4); yet R (line 9) observed a state without A".
 */
import { Labels, linkSteps } from "../causal/links.js";
import { keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import { why } from "../session/explain.js";
import type { Explanation, Step } from "../types.js";
import type { PrefixViolation } from "./result.js";

const rule =
  "Once a session has observed a write, it must not observe a state without a write that happened before it (consistent prefix; Terry 2013; DDIA figure 5-5).";

export function explainPrefixViolation(a: PrefixViolation): Explanation {
  const labels = new Labels(a.ops)
    .role(a.missing.op, "A")
    .role(a.seenBy.observed!, "B")
    .role(a.seenBy.op, "S")
    .role(a.read.op, "R")
    .cover(a.path);
  const s = labels.op(a.seenBy.op);
  const r = labels.op(a.read.op);
  const sameOp = a.seenBy.op === a.read.op;
  const steps: Step[] = [
    ...linkSteps(a.path, labels),
    {
      from: "B",
      relation: "reads-from",
      to: "S",
      because: `S read ${showValue(a.seenBy.value)} from ${keyPhrase(a.seenKey)} at line ${s.line}`,
    },
    sameOp
      ? { because: "S and R are reads of one transaction, which observes one state" }
      : {
          from: "S",
          relation: "session-order",
          to: "R",
          because: `R began at line ${r.invokeLine}, after S completed at line ${s.line}`,
        },
    a.violation === "garbage"
      ? { because: stale(a, labels) }
      : { from: "R", relation: "observed-before", to: "A", because: stale(a, labels) },
  ];
  const before = a.order === "real-time" ? "completed before B began" : "happened before B";
  return {
    summary: `Session ${showName(a.session)} observed B, then a state of ${keyPhrase(a.key)} without A, which ${before}${a.assumed ? ` (by the assumption ${a.assumed})` : ""}.`,
    ops: labels.list(),
    steps,
    rule,
  };
}

function stale(a: PrefixViolation, labels: Labels): string {
  if (a.violation === "garbage") {
    return `yet R returned ${showValue(a.read.value)}, a value no op wrote to ${keyPhrase(a.key)}: a state the writes never produced, so not one with A`;
  }
  if (a.assumed !== undefined && a.read.observed !== undefined) {
    const o = labels.op(a.read.observed);
    const w = labels.op(a.missing.op);
    const order =
      a.assumed === "linearizable-keys"
        ? `${labels.of(a.read.observed)} completed at line ${o.line}, before A began at line ${w.invokeLine}`
        : `${whoPhrase(o)} wrote ${labels.of(a.read.observed)}, then A`;
    return `R observed ${labels.of(a.read.observed)}, an older version than A by the assumption ${a.assumed}: ${order}`;
  }
  return why(a.violation, a.read, a.missing, "A");
}
