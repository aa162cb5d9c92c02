/**
 * Renders an Explanation, in the one shape every checker's explanation has: the summary, the
 * ops with their labels ("W = ..."), the proof as bullet steps, and the rule they break.
 */
import { capitalise } from "../checkers/phrases.js";
import type { Explanation, Relation, Step } from "../checkers/types.js";

/** Each relation as a clause between two labels. */
const relationPhrases: Record<Relation, (from: string, to: string) => string> = {
  "session-order": (from, to) => `${from} precedes ${to} in its session`,
  "real-time": (from, to) => `${from} completed before ${to} began`,
  "reads-from": (from, to) => `${to} observed ${from}'s write`,
  "version-order": (from, to) => `${from} is an older version than ${to}`,
  "assumed-order": (from, to) => `${from} is an older version than ${to}`,
  conflict: (from, to) => `${from} must take effect before ${to}`,
  "view-order": (from, to) => `${from} comes before ${to}`,
  "happens-before": (from, to) => `${from} happens before ${to}`,
  "observed-before": (from, to) => `${from} observed a state from before ${to}`,
  overlaps: (from, to) => `${from} overlaps${to ? ` ${to}` : ""}`,
  applied: (from, to) => `${to} applied ${from}'s write`,
  "held-before": (from, to) => `${from} held a state that does not include ${to}'s`,
  concurrent: (from, to) => `${from} and ${to} are concurrent`,
  replaced: (from, to) => `${from} replaced ${to}`,
};

export function stepText(step: Step): string {
  if (step.relation === undefined || step.from === undefined) return `${capitalise(step.because)}.`;
  const clause = relationPhrases[step.relation](step.from, step.to ?? "");
  return step.relation === "overlaps" && step.to === undefined
    ? `${clause} ${step.because}.`
    : `${clause}: ${step.because}.`;
}

export function explanationLines(e: Explanation): string[] {
  const width = Math.max(...e.ops.map((o) => o.label.length));
  return [
    e.summary,
    ...e.ops.map((o) => `${o.label.padEnd(width)} = ${o.text}`),
    ...e.steps.map((s) => `- ${stepText(s)}`),
    `Rule: ${e.rule}`,
  ];
}
