/**
 * The replication checkers against the simulator's ground truth: what identifies a finding
 * and a label of each checker (the op it is about, and the fields both must agree on), and
 * the scores of every preset, anomalous and correct, over seeds 1..N. Shared by
 * test/sim-replication.test.ts and the replication benchmark.
 */
import { resolveOptions } from "../src/checkers/options.js";
import { findChecker } from "../src/checkers/registry.js";
import type { AnomalyBase } from "../src/checkers/types.js";
import type { History } from "../src/history/model.js";
import type { TruthLabel } from "../src/sim/index.js";

export interface TruthSpec {
  id: string;
  options?: Record<string, unknown>;
  /** What a finding and a label are about, as one string each: equal when they agree. */
  found(a: AnomalyBase): string;
  truth(l: TruthLabel): string;
}

/** The completion index of the op an anomaly names by id in `field`. */
function at(a: AnomalyBase, field: string): number {
  const id = (a as unknown as Record<string, number>)[field];
  return a.ops.find((o) => o.id === id)?.index ?? -1;
}

const field = (a: AnomalyBase, f: string) => (a as unknown as Record<string, unknown>)[f];

export const REPLICATION: readonly TruthSpec[] = [
  {
    id: "quorum-overlap",
    found: (a) => `${at(a, "read")}:${field(a, "cause")}`,
    truth: (l) => `${l.index}:${l.cause}`,
  },
  { id: "read-repair", found: (a) => `${at(a, "read")}`, truth: (l) => `${l.index}` },
  {
    id: "durability",
    found: (a) => `${at(a, "write")}:${a.kind}`,
    truth: (l) => `${l.index}:${l.kind}`,
  },
  {
    id: "staleness",
    options: { maxVersionsBehind: 0 },
    found: (a) => `${at(a, "read")}:${field(a, "versionsBehind")}:${field(a, "msSinceNewestAck")}`,
    truth: (l) => `${l.index}:${l.versionsBehind}:${l.msSinceNewestAck}`,
  },
  { id: "write-conflicts", found: (a) => `${at(a, "write")}`, truth: (l) => `${l.index}` },
  {
    id: "lost-writes",
    found: (a) => `${at(a, "write")}:${field(a, "cause")}`,
    truth: (l) => `${l.index}:${l.cause}`,
  },
  { id: "convergence", found: (a) => String(field(a, "key")), truth: (l) => String(l.key) },
  { id: "causal-delivery", found: (a) => `${at(a, "event")}`, truth: (l) => `${l.index}` },
  {
    id: "siblings",
    found: (a) => `${at(a, "write")}:${a.kind}`,
    truth: (l) => `${l.index}:${l.kind}`,
  },
];

export interface Agreement {
  id: string;
  found: Set<string>;
  truth: Set<string>;
  verdict: string;
  undecided: string[];
}

/** Each replication checker's findings and the simulator's labels for it, on one run. */
export function agreement(h: History, labels: readonly TruthLabel[]): Agreement[] {
  return REPLICATION.map((spec) => {
    const checker = findChecker(spec.id)!;
    const options = resolveOptions([checker], {
      ...spec.options,
      maxAnomalies: Number.MAX_SAFE_INTEGER,
    });
    const result = checker.check(h, options);
    return {
      id: spec.id,
      found: new Set(result.anomalies.map(spec.found)),
      truth: new Set(labels.filter((l) => l.checker === spec.id).map(spec.truth)),
      verdict: result.verdict,
      undecided: result.undecided.map((u) => u.code),
    };
  });
}
