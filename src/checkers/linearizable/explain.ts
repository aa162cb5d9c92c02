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
    rule: `Every op must take effect at one instant between its invocation and its completion, in an order that the model (${model.title.toLowerCase()}) allows (linearizability; Herlihy and Wing 1990).`,
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
