/**
 * Explainers turn one anomaly (data) into the few plain lines a person reads. One file per
 * checker, registered here by anomaly kind.
 */
import type { AnomalyBase } from "../../checkers/types.js";
import type { History } from "../../history/model.js";

export type Explainer = (anomaly: AnomalyBase, history: History) => string[];

export const explainers = new Map<string, Explainer>();
