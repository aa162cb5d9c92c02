/**
 * Explanations of session-guarantee anomalies, in the one shape of every explanation: the
 * ops (W or E: what the session required; O: the write the read observed, when known; R: the
 * read), the steps that order them, and the guarantee they break.
 */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type {
  AccessDetail,
  GarbageRead,
  MissedOwnWrite,
  NonMonotonicRead,
  SessionFields,
  Staleness,
} from "./result.js";

type Cited = SessionFields & { ops: GarbageRead["ops"] };

const rules = {
  "read-your-writes":
    "A read must observe every write its session completed before the read began (read your writes; Terry et al. 1994; DDIA figure 5-3).",
  "monotonic-reads":
    "Once a session has observed a state, its later reads must not observe an older one (monotonic reads; Terry et al. 1994; DDIA figure 5-4).",
} as const;

/** "Session u", or "Process 3" when the session is just the process. */
function sessionName(a: Cited): string {
  const read = citedOp(a.ops, a.read.op);
  return read.session === undefined
    ? capitalise(whoPhrase(read))
    : `Session ${showName(a.session)}`;
}

export function explainMissedOwnWrite(a: MissedOwnWrite): Explanation {
  return {
    summary: `${sessionName(a)} did not read its own write to ${keyPhrase(a.key)}.`,
    ops: labelled(a, "W"),
    steps: [...sessionOrder(a, "W", "was acknowledged"), ...observedStep(a), stale(a, "W")],
    rule: rules["read-your-writes"],
  };
}

export function explainNonMonotonicRead(a: NonMonotonicRead): Explanation {
  return {
    summary: `${sessionName(a)} saw ${keyPhrase(a.key)} go back in time.`,
    ops: labelled(a, "E"),
    steps: [
      ...requiredStep(a),
      ...sessionOrder(a, "E", "completed"),
      ...observedStep(a),
      stale(a, "E"),
    ],
    rule: rules["monotonic-reads"],
  };
}

export function explainGarbageRead(a: GarbageRead): Explanation {
  const q = a.guarantee === "read-your-writes" ? "W" : "E";
  const done = a.guarantee === "read-your-writes" ? "was acknowledged" : "completed";
  return {
    summary: `${sessionName(a)} read ${showValue(a.read.value)} from ${keyPhrase(a.key)}, a value that no op wrote.`,
    ops: labelled(a, q),
    steps: [
      ...sessionOrder(a, q, done),
      {
        because: `no op in the history writes ${showValue(a.read.value)} to ${keyPhrase(a.key)}, so R observed no state the key ever held, and not ${q}'s`,
      },
    ],
    rule: rules[a.guarantee],
  };
}

function labelled(a: Cited, q: string): Explanation["ops"] {
  const out = [{ label: q, text: describeOp(citedOp(a.ops, a.required.op)), op: a.required.op }];
  if (a.assumed && a.required.observed !== undefined) {
    const x = a.required.observed;
    out.push({ label: "X", text: describeOp(citedOp(a.ops, x)), op: x });
  }
  if (a.read.observed !== undefined && a.read.observed !== a.required.op) {
    const observed = a.read.observed;
    out.push({ label: "O", text: describeOp(citedOp(a.ops, observed)), op: observed });
  }
  out.push({ label: "R", text: describeOp(citedOp(a.ops, a.read.op)), op: a.read.op });
  return out;
}

function sessionOrder(a: Cited, q: string, done: string): Step[] {
  const required = citedOp(a.ops, a.required.op);
  const read = citedOp(a.ops, a.read.op);
  return [
    {
      from: q,
      relation: "session-order",
      to: "R",
      because: `R began at line ${read.invokeLine}, after ${q} ${done} at line ${required.line}`,
    },
  ];
}

/** "E observed X's write", when an assumption orders what E observed (X) against what R did. */
function requiredStep(a: NonMonotonicRead): Step[] {
  if (!a.assumed || a.required.observed === undefined) return [];
  return [
    {
      from: "X",
      relation: "reads-from",
      to: "E",
      because: `E returned ${showValue(a.required.value)}`,
    },
  ];
}

/** "O wrote what R returned", when the read's source is known and is not the required op itself. */
function observedStep(a: Cited): Step[] {
  if (a.read.observed === undefined || a.read.observed === a.required.op || a.list) return [];
  return [
    {
      from: "O",
      relation: "reads-from",
      to: "R",
      because: `R returned ${showValue(a.read.value)}`,
    },
  ];
}

function stale(a: (MissedOwnWrite | NonMonotonicRead) & Cited, q: string): Step {
  const step = { from: "R", relation: "observed-before", to: q } as const;
  if (a.list) return { ...step, because: listGap(a, q) };
  if (a.assumed) return { ...step, because: assumedWhy(a, q) };
  return { ...step, because: why(a.violation, a.read, a.required, q) };
}

export function why(v: Staleness, read: AccessDetail, required: AccessDetail, q: string): string {
  switch (v) {
    case "older":
      return `R observed version ${showValue(read.version)}, older than ${q}'s version ${showValue(required.version)}`;
    case "initial": {
      const own = read.version === undefined ? "" : ` (version ${showValue(read.version)})`;
      const before =
        required.version === undefined
          ? `every write, ${q}'s too`
          : `${q}'s version ${showValue(required.version)}`;
      return `R returned the initial value ${showValue(read.value)}${own}, which comes before ${before}`;
    }
    case "concurrent":
      return `R's version ${showValue(read.version)} does not include ${q}'s version ${showValue(required.version)}: the replica that served R had not applied it`;
  }
}

/** Why O (what R observed) precedes the required write, by the assumption: the ops' lines. */
function assumedWhy(a: Cited & { assumed?: string }, q: string): string {
  const x = a.required.observed ?? a.required.op;
  const later = a.required.observed === undefined ? q : "X";
  const o = citedOp(a.ops, a.read.observed!);
  const w = citedOp(a.ops, x);
  const order =
    a.assumed === "linearizable-keys"
      ? `O completed at line ${o.line}, before ${later} began at line ${w.invokeLine}`
      : `${whoPhrase(o)} wrote O, then ${later} (line ${w.invokeLine})`;
  return `R observed O, an older version than ${later} by the assumption ${a.assumed}: ${order}`;
}

/** For a list key: what the session's append, or the earlier list, had that the read's list lacks. */
function listGap(a: (MissedOwnWrite | NonMonotonicRead) & Cited, q: string): string {
  const read = Array.isArray(a.read.value) ? a.read.value : [];
  if (a.kind === "missed-own-write") {
    return `R's list ${showValue(read)} does not contain ${showValue(a.required.value)}, which ${q} appended`;
  }
  const had = Array.isArray(a.required.value) ? a.required.value.slice(read.length) : [];
  return `R's list ${showValue(read)} lacks ${had.map((v) => showValue(v)).join(", ")}, which ${q}'s list had`;
}
