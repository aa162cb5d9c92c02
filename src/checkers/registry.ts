/**
 * Every checker, in the order reports list them, and the lookups the report layer uses to put
 * their results into words. A meta-test checks that each checker is here, documented,
 * covered by histories of both verdicts, and explains every kind it returns.
 */
import { causal } from "./causal.js";
import { causalDelivery } from "./causal-delivery.js";
import { consistentPrefix } from "./consistent-prefix.js";
import { convergence } from "./convergence.js";
import { durability } from "./durability.js";
import { linearizable } from "./linearizable.js";
import { lostWrites } from "./lost-writes.js";
import { monotonicReads } from "./monotonic-reads.js";
import { monotonicWrites } from "./monotonic-writes.js";
import { quorumOverlap } from "./quorum-overlap.js";
import { readRepair } from "./read-repair.js";
import { readYourWrites } from "./read-your-writes.js";
import { siblings } from "./siblings.js";
import { staleness } from "./staleness.js";
import type { AnomalyBase, AnyChecker, Checker, Explanation } from "./types.js";
import { writeConflicts } from "./write-conflicts.js";
import { writesFollowReads } from "./writes-follow-reads.js";

/** DDIA 5's replication checks: they read replica-side records (replies, acks, replica events). */
const replication = [
  quorumOverlap,
  readRepair,
  durability,
  staleness,
  writeConflicts,
  lostWrites,
  convergence,
  causalDelivery,
  siblings,
] as const;

const registered = [
  readYourWrites,
  monotonicReads,
  monotonicWrites,
  writesFollowReads,
  consistentPrefix,
  causal,
  linearizable,
  ...replication,
] as const;

export const checkers: readonly AnyChecker[] = registered;

/** The replication checks' ids, in report order. */
export const replicationCheckIds: readonly string[] = replication.map((c) => c.id);

/** Every anomaly any checker returns, discriminated by `kind`. */
export type Anomaly = (typeof registered)[number] extends infer C
  ? C extends Checker<infer A>
    ? A
    : never
  : never;

export function findChecker(id: string): AnyChecker | undefined {
  return checkers.find((c) => c.id === id);
}

/** The explanation of an anomaly that `checker` returned. */
export function explainAnomaly(checker: string, anomaly: AnomalyBase): Explanation {
  const explain = findChecker(checker)?.explain[anomaly.kind];
  if (explain === undefined) throw new Error(`no explainer for ${checker}/${anomaly.kind}`);
  return explain(anomaly);
}

/** The words of an undecided, not-applicable or note code that `checker` returned. */
export function reasonText(
  checker: string,
  code: string,
  params: Record<string, unknown> = {},
): string {
  const text = findChecker(checker)?.reasons[code];
  if (text === undefined) throw new Error(`no reason text for ${checker}/${code}`);
  return text(params);
}
