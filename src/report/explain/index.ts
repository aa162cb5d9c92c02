/**
 * Explainers turn one anomaly (data) into the few plain lines a person reads. One file per
 * checker, registered here by anomaly kind.
 */
import type { AnomalyBase } from "../../checkers/types.js";
import type { History } from "../../history/model.js";
import { explainLinearizable } from "./linearizable.js";
import { explainMonotonicReads, explainReadYourWrites } from "./session.js";

export type Explainer = (anomaly: AnomalyBase, history: History) => string[];

export const explainers = new Map<string, Explainer>([
  ["read-your-writes", explainReadYourWrites as Explainer],
  ["monotonic-reads", explainMonotonicReads as Explainer],
  ["linearizable", explainLinearizable],
]);

export function explain(anomaly: AnomalyBase, history: History): string[] {
  const e = explainers.get(anomaly.kind);
  if (e) return e(anomaly, history);
  return [`${anomaly.kind} involving ops at lines ${anomaly.ops.map((o) => o.line).join(", ")}`];
}
