/**
 * The checker interface. A checker is a plain record: who it is, what it needs, and a pure
 * `check` that returns data (a three-state verdict, typed anomalies, and the reasons for
 * anything it could not decide). Text is rendered later, by src/report.
 */
import type { History } from "../history/model.js";

export type Verdict = "valid" | "invalid" | "unknown";

/** An op as anomalies cite it: its id in the History, its `index` and its source line. */
export interface OpRef {
  id: number;
  index: number;
  line: number;
}

/** Every anomaly has a kind and the ops that prove it; checkers add typed fields. */
export interface AnomalyBase {
  kind: string;
  ops: OpRef[];
}

/** Something a checker could not decide, and why: "key x has no version order", ... */
export interface Undecided {
  /** A stable id for tests and programs: "no-order", "ambiguous-value", "budget-exhausted", ... */
  code: string;
  reason: string;
  /** How many reads, ops or keys this covers. */
  count: number;
  /** Up to a few examples. */
  examples: OpRef[];
  keys?: unknown[];
}

export interface CheckResult<A extends AnomalyBase = AnomalyBase> {
  checker: string;
  verdict: Verdict;
  anomalies: A[];
  undecided: Undecided[];
  /** Counters for the report: reads checked, keys, sessions, states explored... */
  stats: Record<string, number>;
}

export interface CheckOptions {
  /** Linearizability model name (register, cas-register, kv, ...). */
  model?: string;
  /** Budget for searches, in milliseconds, per checker. */
  timeLimitMs?: number;
  /** Memory budget for searches, in MiB. */
  memoryLimitMb?: number;
  /** Stop at the first anomaly found. */
  firstOnly?: boolean;
  /** Cap on anomalies kept per checker (the count is still exact). */
  maxAnomalies?: number;
  /** Initial value of every key/register, overriding the model's default. */
  initial?: unknown;
  /** Linearizability: check each independent key (object) apart, P-compositionality (default true). */
  partition?: boolean;
}

export interface Checker<A extends AnomalyBase = AnomalyBase> {
  readonly id: string;
  readonly title: string;
  /** One line, shown by `causeway checks`. */
  readonly description: string;
  readonly references: readonly string[];
  /** What the history must carry for a decisive answer, in words. */
  readonly requires: readonly string[];
  check(history: History, options: CheckOptions): CheckResult<A>;
}

/** valid when nothing was found and everything was decided; invalid as soon as one anomaly is proven. */
export function verdictOf(anomalies: readonly unknown[], undecided: readonly Undecided[]): Verdict {
  if (anomalies.length > 0) return "invalid";
  return undecided.length > 0 ? "unknown" : "valid";
}

export function opRef(h: History, id: number): OpRef {
  const done = h.cmpPos[id]! >= 0;
  return {
    id,
    index: done ? h.cmpIndex[id]! : h.invIndex[id]!,
    line: done ? h.cmpLine[id]! : h.invLine[id]!,
  };
}
