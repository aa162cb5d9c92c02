/**
 * Plain-language explanation of a linearizability failure: the op that cannot be
 * linearized, the longest linearizable prefix the search found, what the object held after
 * it, and what the op would have needed; then the ops that overlap it.
 */
import type { LinearizabilityAnomaly } from "../../checkers/linearizable.js";
import type { AnomalyBase } from "../../checkers/types.js";
import { type History, Status } from "../../history/model.js";
import type { Need } from "../../lin/models/types.js";
import { keyPhrase, showKey, showValue } from "../model.js";
import type { Explainer } from "./index.js";

export const explainLinearizable: Explainer = (anomaly: AnomalyBase, h: History): string[] => {
  const a = anomaly as LinearizabilityAnomaly;
  const lines = [
    `${capitalise(describeOp(h, a.op.id, true))} (line ${a.op.line}), but no order of the ops that overlap it allows that: ${afterPrefix(h, a)} ${holdsAndNeeds(a)}.`,
  ];
  if (a.concurrent.length > 0) {
    const shown = a.concurrent
      .slice(0, 5)
      .map((r) => `${describeOp(h, r.id, false)} (line ${r.line})`);
    const more = a.concurrent.length > 5 ? `, and ${a.concurrent.length - 5} more` : "";
    lines.push(`Overlapping it and not in that prefix: ${shown.join("; ")}${more}.`);
  }
  return lines;
};

function afterPrefix(h: History, a: LinearizabilityAnomaly): string {
  const last = a.prefixTail[a.prefixTail.length - 1];
  if (a.prefixLength === 0 || !last) return "from the initial state, where";
  const n = a.prefixLength === 1 ? "1 op" : `${a.prefixLength} ops`;
  return `after the longest linearizable prefix (${n}, ending with ${describeOp(h, last.id, false)} at line ${last.line})`;
}

/** "the register holds 2; the read would need 4", in the model's words. */
function holdsAndNeeds(a: LinearizabilityAnomaly): string {
  const need = a.need;
  const single = a.keys.length <= 1 && !["mutex", "set", "fifo-queue"].includes(a.model);
  if (single && need && (need.what === "read" || need.what === "cas")) {
    const verb = need.what === "read" ? a.f.replace(/^:/, "") : "cas";
    const [found, wanted] = showPair(need.found, need.wanted);
    return `${keyPhrase(a.keys[0])} holds ${found}; the ${verb} would need ${wanted}`;
  }
  return `${holds(a)}; ${needs(need)}`;
}

function holds(a: LinearizabilityAnomaly): string {
  const s = a.state;
  switch (a.model) {
    case "mutex":
      return `the mutex is ${s}`;
    case "set":
      return `the set holds ${showValue(s)}`;
    case "fifo-queue":
      return `the queue holds ${showValue(s)}`;
    default:
      if (Array.isArray(s) && a.keys.length > 1) {
        const pairs = (s as [unknown, unknown][]).map(
          ([k, v]) => `${showKey(k)} = ${showValue(v)}`,
        );
        return `the registers hold ${pairs.join(", ")}`;
      }
      return `${keyPhrase(a.keys[0])} holds ${showValue(s)}`;
  }
}

function needs(need: Need | null): string {
  if (need === null)
    return "the op could take effect there, but no order of the remaining ops can follow it";
  const of = need.key === undefined || need.key === null ? "" : ` of ${keyPhrase(need.key)}`;
  switch (need.what) {
    case "acquire":
    case "release":
      return `the ${need.what} would need the mutex ${need.wanted}`;
    case "dequeue":
      return need.wanted === null
        ? `the dequeue saw an empty queue, but its head is ${showValue(need.found)}`
        : `the dequeue would need ${showValue(need.wanted)} at the head of the queue`;
    default:
      return `the ${need.what}${of} would need ${showValue(need.wanted)}, but finds ${showValue(need.found)}`;
  }
}

/** Two values; long strings that share a long prefix show it as "…" so that their difference shows. */
function showPair(x: unknown, y: unknown): [string, string] {
  if (typeof x !== "string" || typeof y !== "string" || Math.max(x.length, y.length) <= 40) {
    return [showValue(x), showValue(y)];
  }
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  if (n < 16) return [showValue(x), showValue(y)];
  const cut = (s: string) => `"…${JSON.stringify(s.slice(n)).slice(1)}`;
  return [`${cut(x)} (… = the ${n} characters both start with)`, cut(y)];
}

/** "process 3's read of key x returned 4", "process 1's write 2 to key x", "process 2's cas 3 -> 0". */
export function describeOp(h: History, id: number, full: boolean): string {
  const who = `process ${showValue(h.processes[h.process[id]!])}'s`;
  const f = h.fs[h.f[id]!]!.replace(/^:/, "");
  const k = h.key[id]!;
  const key = k < 0 ? "" : `key ${showKey(h.keys[k])}`;
  const v = h.value[id];
  const unknown = h.status[id] === Status.info || h.cmpPos[id]! < 0 ? " (outcome unknown)" : "";
  let what: string;
  if (f === "read" || f === "get" || f === "r" || (f === "dequeue" && h.status[id] === Status.ok)) {
    what = `${f}${key && ` of ${key}`} ${full ? "returned" : "returning"} ${showValue(v)}`;
  } else if (f === "cas" && Array.isArray(v))
    what = `cas ${showValue(v[0])} -> ${showValue(v[1])}${key && ` on ${key}`}`;
  else if (f === "txn") what = `transaction ${showValue(v)}`;
  else if (v === null || v === undefined) what = `${f}${key && ` on ${key}`}`;
  else what = `${f} ${showValue(v)}${key && ` to ${key}`}`;
  return `${who} ${what}${unknown}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
