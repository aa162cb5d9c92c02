/**
 * How ops are put into words, from their OpDetail (never from the History): the phrases
 * every explainer shares. The value phrases underneath are in src/history/show.ts.
 */
import { keyPhrase, showName, showValue } from "../history/show.js";
import { fClass, isTxn } from "../history/vocabulary.js";
import type { OpDetail } from "./types.js";

export {
  capitalise,
  escapeControls,
  keyPhrase,
  plural,
  showKey,
  showName,
  showPair,
  showValue,
} from "../history/show.js";

/** "process 3" (or the named process: "nemesis", "replica:n1"). */
export function whoPhrase(op: OpDetail): string {
  return typeof op.process === "number" ? `process ${op.process}` : showName(op.process);
}

/**
 * What the op did, as a clause: "read of key x that returned 4", "write of 4 to key x",
 * "cas of key x from 1 to 4", "transaction [...]", "acquire of the lock".
 */
export function actionPhrase(op: OpDetail): string {
  const f = op.f;
  const on = op.key === undefined ? "" : ` ${keyPhrase(op.key)}`;
  const v = op.value;
  const known = op.status === "ok" || op.status === "event";
  switch (isTxn(v) ? "txn" : fClass(f)) {
    case "read":
      return `${f}${on && ` of${on}`}${known ? ` that returned ${showValue(v)}` : ""}`;
    case "write":
    case "append":
    case "add":
    case "enqueue":
      return `${f} of ${showValue(v)}${on && ` to${on}`}`;
    case "cas":
      return Array.isArray(v) && v.length === 2
        ? `cas${on && ` of${on}`} from ${showValue(v[0])} to ${showValue(v[1])}`
        : `cas of ${showValue(v)}${on && ` on${on}`}`;
    case "txn":
      return `transaction ${showValue(v, 120)}`;
    case "acquire":
    case "release":
      return `${f} of the lock`;
    case "dequeue":
      if (!known) return "dequeue";
      return v === null
        ? "dequeue that found the queue empty"
        : `dequeue that returned ${showValue(v)}`;
    default:
      return `${showName(f)}${v === null || v === undefined ? "" : ` of ${showValue(v)}`}${on && ` on${on}`}`;
  }
}

/** "session u", "version 17", "at leader": what the op's session, version and node add. */
function detailParts(op: OpDetail): string[] {
  const parts: string[] = [];
  if (op.session !== undefined) parts.push(`session ${showName(op.session)}`);
  if (op.version !== undefined) parts.push(`version ${showValue(op.version)}`);
  if (op.node !== undefined) parts.push(`at ${showName(op.node)}`);
  return parts;
}

/** "(outcome unknown)", "(failed)" or "". */
export function statusPhrase(op: OpDetail): string {
  if (op.status === "info") return " (outcome unknown)";
  if (op.status === "fail") return " (failed)";
  return "";
}

/** "line 5", or "lines 4-5" from invocation to completion. */
export function linesPhrase(op: OpDetail): string {
  return op.invokeLine === op.line || op.invokeLine < 0
    ? `line ${op.line}`
    : `lines ${op.invokeLine}-${op.line}`;
}

/** The whole description of an op: "process 3's write of 4 to key x (version 17, at leader, line 2)". */
export function describeOp(op: OpDetail): string {
  const details = [...detailParts(op), linesPhrase(op)].join(", ");
  return `${whoPhrase(op)}'s ${actionPhrase(op)}${statusPhrase(op)} (${details})`;
}
