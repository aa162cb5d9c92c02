/**
 * The explanation of a linearizability failure: the op X that cannot be linearized, the end P
 * of the longest linearizable prefix the search found, what the object holds after it and
 * what X would have needed (in the model's own words), and the ops C1, C2, ... that overlap X
 * and are not in that prefix (the first five), each a step of the proof.
 */
import { findModel } from "../../lin/models/index.js";
import { citedOp } from "../details.js";
import type { NotLinearizable } from "../linearizable.js";
import {
  actionPhrase,
  capitalise,
  describeOp,
  keyPhrase,
  linesPhrase,
  plural,
  showValue,
  whoPhrase,
} from "../phrases.js";
import type { Explanation, Step } from "../types.js";

export function explainNotLinearizable(a: NotLinearizable): Explanation {
  const model = findModel(a.model)!;
  if (a.stale !== undefined) return explainStaleRead(a, a.stale, model.title);
  const x = citedOp(a.ops, a.op);
  const last = a.prefixTail[a.prefixTail.length - 1];
  const ops = [{ label: "X", text: describeOp(x), op: x.id }];
  const steps: Step[] = [];
  if (last === undefined) {
    steps.push({
      because: `in the initial state, ${model.describeFailure(a.state, a.need, a.keys)}`,
    });
  } else {
    ops.push({ label: "P", text: describeOp(citedOp(a.ops, last)), op: last });
    steps.push({
      because: `the longest linearizable prefix the search found has ${plural(a.prefixLength, "op")} and ends with P`,
    });
    steps.push({ because: `after it, ${model.describeFailure(a.state, a.need, a.keys)}` });
  }
  a.concurrent.forEach((id, i) => {
    const label = `C${i + 1}`;
    ops.push({ label, text: describeOp(citedOp(a.ops, id)), op: id });
    const because = a.prefixLength > 0 ? "not in that prefix" : "it could take effect first";
    steps.push({ from: "X", relation: "overlaps", to: label, because });
  });
  const more = a.concurrentCount - a.concurrent.length;
  if (more > 0) steps.push({ because: `${plural(more, "more op")} overlap X likewise` });
  const until = x.status === "ok" ? ` and its completion (line ${x.line})` : "";
  steps.push({
    because: `so no order lets X take effect between its invocation (line ${x.invokeLine})${until}`,
  });
  return {
    summary: `${capitalise(whoPhrase(x))}'s ${actionPhrase(x)} (${linesPhrase(x)}) cannot be linearized.`,
    ops,
    steps,
    rule: ruleOf(model.title),
  };
}

function ruleOf(title: string): string {
  return `Every op must take effect at one instant between its invocation and its completion, in an order that the model (${title.toLowerCase()}) allows (linearizability; Herlihy and Wing 1990).`;
}

/**
 * A get proven stale (src/lin/models/stale-read.ts): W precedes X in real time, and every write
 * X's value could be made of precedes W, the last of them S; a get returns the last put before
 * it followed by the appends after that put, so X's value would have to include W.
 */
function explainStaleRead(
  a: NotLinearizable,
  stale: NonNullable<NotLinearizable["stale"]>,
  title: string,
): Explanation {
  const x = citedOp(a.ops, a.op);
  const w = citedOp(a.ops, stale.write);
  const key = keyPhrase(x.key);
  const ops = [
    { label: "X", text: describeOp(x), op: x.id },
    { label: "W", text: describeOp(w), op: w.id },
  ];
  const steps: Step[] = [
    {
      from: "W",
      relation: "real-time",
      to: "X",
      because: `W completed at line ${w.line} and X was invoked at line ${x.invokeLine}, so W takes effect before X`,
    },
  ];
  if (stale.latest === null) {
    steps.push({
      because: `X's value is ${key}'s initial value, and no write of ${key} builds it; W writes ${key}`,
    });
  } else {
    const s = citedOp(a.ops, stale.latest);
    ops.push({ label: "S", text: describeOp(s), op: s.id });
    steps.push({
      because: `every way of building X's value from ${key}'s writes (a put, or the initial value, then appends) uses only ${plural(stale.sourceCount, "write")} of ${key}, and W is not one of them; S is the last of them to complete`,
    });
    steps.push({
      from: "S",
      relation: "real-time",
      to: "W",
      because: `S completed at line ${s.line} and W was invoked at line ${w.invokeLine}, so all of those writes take effect before W`,
    });
  }
  const made =
    stale.latest === null ? "it is the initial value" : "it is made only of writes before W";
  steps.push({
    because: `a get returns the last put before it (or the initial value) followed by the appends after that put, so whatever comes between W and X, X's value would have to be built from W or a later write, and ${made}: no order lets X return it`,
  });
  return {
    summary: `${capitalise(whoPhrase(x))}'s ${actionPhrase(x)} (${linesPhrase(x)}) cannot be linearized: it returned a value from before W, a write that completed before it began.`,
    ops,
    steps,
    rule: ruleOf(title),
  };
}

type Params = Record<string, unknown>;

function unreadable(p: Params): string {
  const what =
    p.unreadable === "unknown-op"
      ? `it has no op ${showValue(p.f)}`
      : `${showValue(p.f)} needs ${p.expected}, got ${showValue(p.value)}`;
  return `the ${p.model} model cannot read ${plural(Number(p.count), "op")}: ${what} (first at line ${p.line})`;
}

export const linearizableReasons: Readonly<Record<string, (p: Params) => string>> = {
  "no-model": (p) =>
    `no model reads these ops (f: ${(p.fs as string[]).map((f) => showValue(f)).join(", ") || "none"}); name one with the model option`,
  "unreadable-ops": unreadable,
  "budget-exhausted": (p) =>
    `the search ran out of its time budget (${p.seconds} s; raise the time-limit option)`,
  "memory-exhausted": (p) =>
    `the search ran out of its memory budget (${p.mib} MiB; raise the memory-limit option)`,
  "stopped-early": () =>
    "not checked: the search stopped at the first object found not linearizable (first-only)",
  "initial-values-disagree": () =>
    'reads that completed before any write of the key began returned different empty values (nil, 0, "", []), so no initial value fits them; give one to decide',
  "writes-unrecorded": () =>
    "no op in the history writes the key, yet its reads return more than its initial value: the history leaves its writes out",
  "initial-from-reads": (p) =>
    `${plural(Number(p.keys), "key")} start at the empty value their reads returned before any write began, not at the model's ${showValue(p.default)} (${(p.examples as { key: unknown; value: unknown; line: number }[]).map((e) => `${keyPhrase(e.key)}: ${showValue(e.value)}, line ${e.line}`).join("; ")}${Number(p.keys) > 3 ? "; ..." : ""}); give an initial value to override`,
};
