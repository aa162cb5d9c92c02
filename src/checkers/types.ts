/**
 * The checker kit. A checker is one record: who it is, which consistency model it decides,
 * the options it takes, a pure `check` that returns data, and one explainer per anomaly kind
 * it returns. Results are complete data: every op an anomaly cites carries what a report
 * shows of it, undecided and not-applicable reasons are codes with parameters, so that the
 * JSON report alone renders every other report. Text is made later, by src/report, from the
 * explainers' `Explanation`s, which all have Elle's shape: the ops involved, the proof as
 * ordered steps, and the rule they break.
 */
import type { History, StatusName } from "../history/model.js";
import type { ModelId } from "./lattice.js";

/** `n/a`: the history has nothing this checker checks (no ops of its kind, or not the fields it needs). */
export type Verdict = "valid" | "invalid" | "unknown" | "n/a";

/** A version as reports show it: a number (a bigint beyond 2^53, exactly), or a version vector. */
export type VersionShown = number | bigint | Record<string, number>;

/** An op as every report shows it, so that no renderer needs the History. */
export interface OpDetail {
  /** The op's ordinal in the history (its invocation, or its lone event). */
  id: number;
  /** The `index` and source line of its completion (of its invocation if it never completed). */
  index: number;
  line: number;
  /** The source line of its invocation (the same line for a lone event). */
  invokeLine: number;
  status: StatusName;
  process: string | number;
  /** Only when it differs from the process. */
  session?: string | number;
  f: string;
  key?: unknown;
  value: unknown;
  version?: VersionShown;
  node?: string;
  time?: number | bigint;
}

export interface AnomalyBase {
  /** What kind of violation: "missed-own-write", "garbage-read", "not-linearizable", ... */
  kind: string;
  /** Every op the anomaly cites, each once, in the order its explanation introduces them. */
  ops: OpDetail[];
}

/** Something a checker could not decide: a code, its parameters (data, never prose), how often, and examples. */
export interface Undecided {
  code: string;
  params?: Record<string, unknown>;
  count: number;
  examples: OpDetail[];
  keys?: unknown[];
}

/** Why a checker does not apply, or a remark on what it left out: a code and its parameters. */
export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

export interface CheckResult<A extends AnomalyBase = AnomalyBase> {
  checker: string;
  /** The consistency model or guarantee the checker decides (a node of the lattice). */
  model: ModelId;
  verdict: Verdict;
  /** At most the `maxAnomalies` first anomalies; `anomalyCount` is the exact number found. */
  anomalies: A[];
  anomalyCount: number;
  undecided: Undecided[];
  /** Why the verdict is n/a. */
  notApplicable?: Reason;
  /**
   * Remarks on what was not checked, that do not change the verdict (keys of another kind, ...).
   * A note coded `measured-only` says the checker judged nothing (staleness with no bound): its
   * `valid` is vacuous, and the lattice does not count the model as holding.
   */
  notes?: Reason[];
  /**
   * Set when the lattice decided an otherwise undecided verdict from another checker's: valid
   * because a stronger model holds, or invalid because a weaker one is proven broken.
   */
  implied?: { verdict: "valid" | "invalid"; by: string };
  /** Counters for the report: reads checked, keys, states explored... */
  stats: Record<string, number>;
  /** Figures a checker measures rather than judges (staleness: quantiles, curves), as data for the reports. */
  measurements?: Measurements;
}

/**
 * Measured figures, in shapes the reports know how to draw: named tables of rows (a quantile
 * table, per replica), and named curves of points (a histogram, the t-visibility curve).
 */
export interface Measurements {
  tables?: MeasurementTable[];
  curves?: MeasurementCurve[];
}

export interface MeasurementTable {
  /** What the table shows, in a few words ("replication lag per replica, ms"). */
  title: string;
  columns: string[];
  /** One row per line; a cell is a number, a name, or null where there is nothing to show. */
  rows: (string | number | null)[][];
}

export interface MeasurementCurve {
  title: string;
  /** The axes' names and units ("ms after the acknowledgement", "fraction of reads"). */
  x: string;
  y: string;
  /** "line" for a curve, "bars" for a histogram. */
  style: "line" | "bars";
  points: { x: number; y: number; n?: number }[];
}

/** One step of a proof: a relation from one labelled op to another, and why it holds; or a plain fact. */
export interface Step {
  from?: string;
  relation?: Relation;
  to?: string;
  /** Why, in a clause a person reads ("R began at line 4, after W was acknowledged at line 2"). */
  because: string;
}

/**
 * The relations that proofs are made of. The first seven are also the edge kinds of the
 * happens-before graph (src/graph/edge-kinds.ts), so a path's links are steps as they are.
 */
export type Relation =
  | "session-order"
  | "real-time"
  | "reads-from"
  | "version-order"
  | "assumed-order"
  | "conflict"
  | "view-order"
  | "happens-before"
  | "observed-before"
  | "overlaps"
  | "applied"
  | "held-before"
  | "concurrent"
  | "replaced";

/** What a person reads about one anomaly, in one shape for every checker. */
export interface Explanation {
  /** One sentence: what went wrong. */
  summary: string;
  /** The ops involved, each with a short label (W, R, ...), a description, and the id of the op it describes (OpDetail.id). */
  ops: { label: string; text: string; op?: number }[];
  /** The proof, in order. */
  steps: Step[];
  /** The rule the steps break, in one sentence. */
  rule: string;
}

/** An option a checker takes; the CLI and the library API validate it before reading any history. */
export interface OptionSpec {
  /** The option's name in the library API (camelCase); the CLI's flag is its kebab-case form. */
  name: string;
  type: "number" | "integer" | "boolean" | "string" | "json";
  choices?: readonly string[];
  default?: unknown;
  /** What it does, in the help's words. */
  help: string;
  /** The unit of a number ("seconds", "MiB"). */
  unit?: string;
  /** The least value a number or integer may take (default: it must be positive). */
  min?: number;
}

/** Options every checker sees: the common ones, then each checker's own, by name. */
export interface CommonOptions {
  /** Anomalies kept per checker (the count stays exact). */
  maxAnomalies: number;
  /** Stop at the first anomaly found. */
  firstOnly: boolean;
  /** Time budget of each checker, in seconds. */
  timeLimit: number;
  /** Initial value of every key, overriding what the checker would assume. */
  initial?: unknown;
  /**
   * Told how far the check has got, at coarse intervals (a few thousand events, or a few
   * times a second), for a progress display. Not a declared option: the API sets it.
   */
  progress?: (p: CheckProgress) => void;
}

/** How far a check has got: `done` of `total` `unit`s (events scanned, keys searched), and work that has no total. */
export interface CheckProgress {
  /** What the checker is doing, in a few words ("scanning sessions", "searching"). */
  what: string;
  done: number;
  total: number;
  unit: string;
  /** Work done that has no total, such as search steps tried. */
  work?: { count: number; unit: string };
}

export type CheckOptions = CommonOptions & { readonly [option: string]: unknown };

export type ExplainerOf<A extends AnomalyBase> = {
  readonly [K in A["kind"]]: (anomaly: Extract<A, { kind: K }>) => Explanation;
};

export interface Checker<A extends AnomalyBase = AnomalyBase> {
  readonly id: string;
  readonly title: string;
  /** One line, shown by `causeway checks`. */
  readonly description: string;
  readonly references: readonly string[];
  /** What the history must carry for a decisive answer, in words. */
  readonly requires: readonly string[];
  /** The model or guarantee it decides. */
  readonly decides: ModelId;
  readonly options: readonly OptionSpec[];
  check(history: History, options: CheckOptions): CheckResult<A>;
  /**
   * Called before the history is read, with its size when it is a regular file: a checker may
   * start meanwhile what it will need (the linearizability search boots its worker threads).
   */
  prepare?(options: CheckOptions, input: { bytes: number }): void;
  /** One explainer per anomaly kind it returns. */
  readonly explain: ExplainerOf<A>;
  /** The text of each undecided, not-applicable or note code it returns, from its parameters. */
  readonly reasons: Readonly<Record<string, (params: Record<string, unknown>) => string>>;
}

/** Any checker, whatever its anomaly type: what the registry holds. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds checkers of every anomaly type
export type AnyChecker = Checker<any>;

/** valid when nothing was found and everything was decided; invalid as soon as one anomaly is proven. */
export function verdictOf(anomalyCount: number, undecided: readonly Undecided[]): Verdict {
  if (anomalyCount > 0) return "invalid";
  return undecided.length > 0 ? "unknown" : "valid";
}
