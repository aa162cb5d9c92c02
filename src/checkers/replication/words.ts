/** Phrases the replication explanations share: lists of nodes, versions, the quorum configuration. */
import { showName, showValue } from "../phrases.js";
import type { OpDetail, VersionShown } from "../types.js";
import type { Quorum } from "./view.js";

/** "n1", "n1 and n2", "n1, n2 and n3"; "no replica" for none. */
export function nodeList(names: readonly string[]): string {
  const shown = names.map((n) => showName(n));
  if (shown.length === 0) return "no replica";
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** "version 5", or "no version" when there is none. */
export function versionPhrase(v: VersionShown | undefined): string {
  return v === undefined ? "no version" : `version ${showValue(v)}`;
}

/** "n = 3, w = 1, r = 1", or "" when the history records none of them. */
export function quorumPhrase(q: Quorum): string {
  return (["n", "w", "r"] as const)
    .filter((f) => q[f] !== undefined)
    .map((f) => `${f} = ${q[f]}`)
    .join(", ");
}

/** "line 5" of an op's completion (its acknowledgement, for a write). */
export function lineOf(op: OpDetail): string {
  return `line ${op.line}`;
}

/** "line 4" of an op's invocation. */
export function beganAt(op: OpDetail): string {
  return `line ${op.invokeLine}`;
}

/** "at time 1200", or "" without a time. */
export function timePhrase(op: OpDetail): string {
  return op.time === undefined ? "" : ` at time ${String(op.time)}`;
}
