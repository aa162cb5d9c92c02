/**
 * Explanations of write-order anomalies: the writes (E and L, or O, R and W), the session
 * order between them, and why the later write's version comes first after all.
 */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, OpDetail, Step } from "../types.js";
import type { AccessDetail } from "./result.js";
import type { SessionWritesReordered, WritePrecedesObserved } from "./write-result.js";

const rules = {
  "monotonic-writes":
    "A session's writes must take effect in the order the session made them (monotonic writes; Terry et al. 1994).",
  "writes-follow-reads":
    "A write must be ordered after every write its session had read before it began (writes follow reads; Terry et al. 1994).",
} as const;

type Anomaly = SessionWritesReordered | WritePrecedesObserved;

function sessionName(a: Anomaly, op: OpDetail): string {
  return op.session === undefined ? capitalise(whoPhrase(op)) : `Session ${showName(a.session)}`;
}

export function explainSessionWritesReordered(a: SessionWritesReordered): Explanation {
  const e = citedOp(a.ops, a.earlier.op);
  const l = citedOp(a.ops, a.later.op);
  return {
    summary: `${sessionName(a, l)}'s writes to ${keyPhrase(a.key)} took effect out of order.`,
    ops: [
      { label: "E", text: describeOp(e), op: e.id },
      { label: "L", text: describeOp(l), op: l.id },
    ],
    steps: [
      {
        from: "E",
        relation: "session-order",
        to: "L",
        because: `L began at line ${l.invokeLine}, after E was acknowledged at line ${e.line}`,
      },
      versionStep(a, a.later, a.earlier, "L", "E"),
    ],
    rule: rules["monotonic-writes"],
  };
}

export function explainWritePrecedesObserved(a: WritePrecedesObserved): Explanation {
  const r = citedOp(a.ops, a.read.op);
  const w = citedOp(a.ops, a.write.op);
  const observed = a.read.observed;
  const ops =
    observed === undefined
      ? []
      : [{ label: "O", text: describeOp(citedOp(a.ops, observed)), op: observed }];
  const steps: Step[] = [];
  if (observed !== undefined) {
    steps.push({
      from: "O",
      relation: "reads-from",
      to: "R",
      because: `R returned ${showValue(a.read.value)}`,
    });
  }
  steps.push({
    from: "R",
    relation: "session-order",
    to: "W",
    because: `W began at line ${w.invokeLine}, after R completed at line ${r.line}`,
  });
  steps.push(versionStep(a, a.write, a.read, "W", observed === undefined ? "R" : "O"));
  return {
    summary: `${sessionName(a, w)}'s write to ${keyPhrase(a.key)} is ordered before a write the session had read.`,
    ops: [
      ...ops,
      { label: "R", text: describeOp(r), op: r.id },
      { label: "W", text: describeOp(w), op: w.id },
    ],
    steps,
    rule: rules["writes-follow-reads"],
  };
}

/** "L is an older version than E", or why they are concurrent, from versions, positions or the assumption. */
function versionStep(
  a: Anomaly,
  later: AccessDetail,
  required: AccessDetail,
  l: string,
  r: string,
): Step {
  if (a.violation === "concurrent") {
    return {
      because: `${l}'s version ${showValue(later.version)} does not include ${r}'s version ${showValue(required.version)}: ${l} was made without ${r}`,
    };
  }
  const step = { from: l, relation: "version-order", to: r } as const;
  if (a.assumed !== undefined) {
    const rOp = citedOp(a.ops, required.observed ?? required.op);
    const lOp = citedOp(a.ops, later.op);
    const order =
      a.assumed === "linearizable-keys"
        ? `${l} completed at line ${lOp.line}, before ${r} began at line ${rOp.invokeLine}`
        : `${whoPhrase(lOp)} wrote ${l}, then ${r}`;
    return { ...step, because: `by the assumption ${a.assumed}: ${order}` };
  }
  if (a.positions !== undefined) {
    const at = (p: number | null) => (p === null ? "in no read's list" : `at position ${p}`);
    return {
      ...step,
      because: `in the lists read from ${keyPhrase(a.key)}, ${l}'s append is ${at(a.positions.write)} and ${r}'s ${at(a.positions.required)}`,
    };
  }
  return {
    ...step,
    because: `${l} has version ${showValue(later.version)}, ${r} version ${showValue(required.version)}`,
  };
}
