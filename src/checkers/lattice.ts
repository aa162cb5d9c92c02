/**
 * The consistency models Causeway decides, and the implications between them, in one table
 * (Viotti and Vukolic 2016, figure 2; Elle's consistency-model graph). One finding then says
 * what else it settles: a model that holds implies every model below it; a model proven
 * broken breaks every model above it. Each checker names the model it decides; the report
 * lists the models a history satisfies, strongest first, and those it violates, weakest
 * first, and a checker that could not decide on its own is decided by the lattice when a
 * stronger model holds or a weaker one is broken.
 *
 * Scope: linearizability is local (Herlihy and Wing 1990), so "linearizable on every key"
 * is linearizable, and implies sequential consistency across keys. The session guarantees
 * are checked key by key; a read-your-writes violation on one key breaks it for the store.
 *
 * The replication properties (DDIA chapter 5: quorum intersection, read repair, durability,
 * bounded staleness, conflict freedom, no lost writes, convergence, causal delivery, sibling
 * safety) are nodes of their own with no implications, either way: they speak of replica
 * states, acknowledgements and replies, which no model of client-visible behaviour above
 * constrains. A linearizable history of client ops says nothing of a replica no read asked,
 * nor of the order in which replicas applied writes; and a broken replica property proves no
 * client-visible model broken (a stale replica may never be read). An implication here would
 * let one verdict decide another wrongly, so none is drawn.
 */
import type { CheckResult } from "./types.js";

interface ConsistencyModel {
  readonly title: string;
  readonly scope: "per-key" | "across-keys";
  /** The models this one implies directly. */
  readonly implies: readonly ModelId[];
}

export type ModelId =
  | "linearizable"
  | "sequential"
  | "causal"
  | "consistent-prefix"
  | "pram"
  | "writes-follow-reads"
  | "read-your-writes"
  | "monotonic-reads"
  | "monotonic-writes"
  | "quorum-overlap"
  | "read-repair"
  | "durability"
  | "staleness"
  | "write-conflicts"
  | "lost-writes"
  | "convergence"
  | "causal-delivery"
  | "siblings";

/** Listed strongest first: every model comes before the models it implies. */
const table: Readonly<Record<ModelId, ConsistencyModel>> = {
  linearizable: {
    title: "Linearizability (Herlihy and Wing 1990)",
    scope: "per-key",
    implies: ["sequential"],
  },
  sequential: {
    title: "Sequential consistency (Lamport 1979)",
    scope: "across-keys",
    implies: ["causal"],
  },
  causal: {
    title: "Causal consistency (Ahamad et al. 1995)",
    scope: "across-keys",
    implies: ["pram", "writes-follow-reads", "consistent-prefix"],
  },
  "consistent-prefix": {
    title: "Consistent prefix (Terry 2013; DDIA figure 5-5)",
    scope: "across-keys",
    implies: [],
  },
  pram: {
    title: "PRAM (Lipton and Sandberg 1988)",
    scope: "across-keys",
    implies: ["read-your-writes", "monotonic-reads", "monotonic-writes"],
  },
  "writes-follow-reads": {
    title: "Writes follow reads (Terry et al. 1994)",
    scope: "per-key",
    implies: [],
  },
  "read-your-writes": {
    title: "Read your writes (Terry et al. 1994)",
    scope: "per-key",
    implies: [],
  },
  "monotonic-reads": {
    title: "Monotonic reads (Terry et al. 1994)",
    scope: "per-key",
    implies: [],
  },
  "monotonic-writes": {
    title: "Monotonic writes (Terry et al. 1994)",
    scope: "per-key",
    implies: [],
  },
  "quorum-overlap": {
    title: "Quorum intersection: reads see acknowledged writes (Gifford 1979; DDIA figure 5-11)",
    scope: "per-key",
    implies: [],
  },
  "read-repair": {
    title: "Read repair: stale repliers are repaired (DeCandia et al. 2007; DDIA figure 5-10)",
    scope: "per-key",
    implies: [],
  },
  durability: {
    title: "Durability of acknowledged writes (DDIA figure 5-2)",
    scope: "across-keys",
    implies: [],
  },
  staleness: {
    title: "Bounded staleness (Bailis et al. 2012; DDIA figure 5-1)",
    scope: "per-key",
    implies: [],
  },
  "write-conflicts": {
    title: "No concurrent writes to a key (DDIA figures 5-6 and 5-7)",
    scope: "per-key",
    implies: [],
  },
  "lost-writes": {
    title: "No acknowledged write lost to conflict resolution (DDIA figures 5-7 and 5-12)",
    scope: "per-key",
    implies: [],
  },
  convergence: {
    title: "Replica convergence (DDIA figure 5-12)",
    scope: "per-key",
    implies: [],
  },
  "causal-delivery": {
    title: "Causal delivery at every replica (DDIA figures 5-8 and 5-9)",
    scope: "across-keys",
    implies: [],
  },
  siblings: {
    title: "Siblings kept and merged without loss (DDIA figure 5-13)",
    scope: "per-key",
    implies: [],
  },
};

export const modelIds = Object.keys(table) as ModelId[];

export function modelTitle(id: ModelId): string {
  return table[id].title;
}

/** The models `id` implies, transitively, itself excluded, strongest first. */
export function impliedBy(id: ModelId): ModelId[] {
  return [...closures().impliedBy.get(id)!];
}

/** The models that imply `id`, transitively, itself excluded, weakest first. */
export function implying(id: ModelId): ModelId[] {
  return [...closures().implying.get(id)!];
}

/**
 * Both closures of the table, for every model, worked out once: every file's report asks for
 * them, and `implying` alone walks the table once per model.
 */
let closed: { impliedBy: Map<ModelId, ModelId[]>; implying: Map<ModelId, ModelId[]> } | undefined;

function closures(): NonNullable<typeof closed> {
  if (closed !== undefined) return closed;
  const down = new Map(modelIds.map((m) => [m, walkImplied(m)]));
  const up = new Map(
    modelIds.map((id) => [id, modelIds.filter((m) => down.get(m)!.includes(id)).reverse()]),
  );
  closed = { impliedBy: down, implying: up };
  return closed;
}

function walkImplied(id: ModelId): ModelId[] {
  const out = new Set<ModelId>();
  const stack: ModelId[] = [...table[id].implies];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (out.has(m)) continue;
    out.add(m);
    stack.push(...table[m].implies);
  }
  return modelIds.filter((m) => out.has(m));
}

export interface ModelFinding {
  model: ModelId;
  /** The checker whose verdict settles it. */
  by: string;
}

export interface ModelSummary {
  /** Strongest first. */
  satisfied: ModelFinding[];
  /** Weakest first. */
  violated: ModelFinding[];
  /** Models that one checker proves and another refutes: a sign of inconsistent input (or a bug). */
  contradictions: ModelId[];
}

/**
 * Settles what the checkers' own verdicts imply: the summary of satisfied and violated
 * models, and each undecided result decided by the lattice where it can be (marked
 * `implied`). Results are returned as new objects; the input is not changed.
 */
/** A result that measured and judged nothing (see CheckResult.notes): it settles no model. */
function measuredOnly(r: CheckResult): boolean {
  return r.notes?.some((n) => n.code === "measured-only") === true;
}

export function applyLattice(results: readonly CheckResult[]): {
  results: CheckResult[];
  models: ModelSummary;
} {
  const satisfied = new Map<ModelId, string>();
  const violated = new Map<ModelId, string>();
  for (const r of results) {
    if (r.verdict === "valid" && !measuredOnly(r)) {
      for (const m of [r.model, ...impliedBy(r.model)])
        if (!satisfied.has(m)) satisfied.set(m, r.checker);
    } else if (r.verdict === "invalid") {
      for (const m of [r.model, ...implying(r.model)])
        if (!violated.has(m)) violated.set(m, r.checker);
    }
  }
  const contradictions = modelIds.filter((m) => satisfied.has(m) && violated.has(m));
  const decided = results.map((r) => decideByLattice(r, satisfied, violated));
  const models: ModelSummary = {
    satisfied: modelIds
      .filter((m) => satisfied.has(m) && !violated.has(m))
      .map((m) => ({ model: m, by: satisfied.get(m)! })),
    violated: [...modelIds]
      .reverse()
      .filter((m) => violated.has(m) && !satisfied.has(m))
      .map((m) => ({ model: m, by: violated.get(m)! })),
    contradictions,
  };
  return { results: decided, models };
}

function decideByLattice(
  r: CheckResult,
  satisfied: ReadonlyMap<ModelId, string>,
  violated: ReadonlyMap<ModelId, string>,
): CheckResult {
  if (r.verdict !== "unknown") return r;
  const holds = satisfied.get(r.model);
  const broken = violated.get(r.model);
  if (holds !== undefined && broken === undefined) {
    return { ...r, verdict: "valid", implied: { verdict: "valid", by: holds } };
  }
  if (broken !== undefined && holds === undefined) {
    return { ...r, verdict: "invalid", implied: { verdict: "invalid", by: broken } };
  }
  return r;
}
