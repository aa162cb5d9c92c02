/**
 * Options, declared once: the common ones every checker sees, and each checker's own. The
 * library API and the CLI both validate a request against these declarations before any
 * history is read; the CLI derives its flags from them (`timeLimit` is `--time-limit`).
 */
import { UsageError } from "../errors.js";
import type { AnyChecker, CheckOptions, OptionSpec } from "./types.js";

export const commonOptions: readonly OptionSpec[] = [
  {
    name: "maxAnomalies",
    type: "integer",
    default: 100,
    help: "anomalies kept per checker (the count stays exact)",
  },
  {
    name: "firstOnly",
    type: "boolean",
    default: false,
    help: "stop each checker at its first anomaly (fast CI gating)",
  },
  {
    name: "timeLimit",
    type: "number",
    default: 60,
    unit: "seconds",
    help: "time budget of each checker; a checker out of time says unknown",
  },
  {
    name: "initial",
    type: "json",
    help: 'initial value of every key (default: null, or the model\'s: "" for kv, 0 for multi-register)',
  },
];

/**
 * The memory budget of the checkers whose largest structure grows faster than the history
 * (declared by each of them; linearizable declares its own, by the same name): causal's vector
 * clocks, what consistent prefix's observers know. Past it a checker says unknown, and why.
 */
export const memoryLimitOption: OptionSpec = {
  name: "memoryLimit",
  type: "number",
  default: 1024,
  unit: "MiB",
  help: "memory budget of a checker's largest structure: the linearizability search's cache, causal's vector clocks, what consistent prefix's sessions know",
};

/** The budget in bytes, from the option (MiB). */
export function memoryBudget(options: Readonly<Record<string, unknown>>): number {
  return Number(options.memoryLimit ?? memoryLimitOption.default) * 2 ** 20;
}

/** A bad option value: names the option, so that the CLI can name its flag. */
export class OptionError extends UsageError {
  constructor(
    readonly option: string,
    readonly detail: string,
  ) {
    super(`option ${option}: ${detail}`);
  }
}

/** The common options and those of the given checkers, each once. */
export function optionSpecs(checkers: readonly AnyChecker[]): OptionSpec[] {
  const specs = new Map<string, OptionSpec>(commonOptions.map((o) => [o.name, o]));
  for (const c of checkers) for (const o of c.options) if (!specs.has(o.name)) specs.set(o.name, o);
  return [...specs.values()];
}

/** Validates `raw` against the declarations and fills in defaults; unknown names are errors. */
export function resolveOptions(
  checkers: readonly AnyChecker[],
  raw: Readonly<Record<string, unknown>>,
  allCheckers: readonly AnyChecker[] = checkers,
): CheckOptions {
  const specs = optionSpecs(checkers);
  const known = new Set(optionSpecs(allCheckers).map((o) => o.name));
  for (const name of Object.keys(raw)) {
    if (!known.has(name)) throw new OptionError(name, "no checker takes this option");
  }
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const v = raw[spec.name];
    if (v === undefined) {
      if (spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    out[spec.name] = validate(spec, v);
  }
  return out as CheckOptions;
}

/** Below the option's least value: positive by default, or at least `min`. */
function tooLow(spec: OptionSpec, v: number): boolean {
  return spec.min === undefined ? v <= 0 : v < spec.min;
}

function validate(spec: OptionSpec, v: unknown): unknown {
  const fail = (what: string): never => {
    throw new OptionError(spec.name, `expected ${what}, got ${JSON.stringify(v) ?? String(v)}`);
  };
  switch (spec.type) {
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v) || tooLow(spec, v))
        fail(spec.min === undefined ? "a positive number" : `a number >= ${spec.min}`);
      return v;
    case "integer":
      if (typeof v !== "number" || !Number.isSafeInteger(v) || tooLow(spec, v))
        fail(spec.min === undefined ? "a positive integer" : `an integer >= ${spec.min}`);
      return v;
    case "boolean":
      if (typeof v !== "boolean") fail("true or false");
      return v;
    case "string":
      if (typeof v !== "string") fail("a string");
      if (spec.choices && !spec.choices.includes(v as string))
        fail(`one of ${spec.choices.join(", ")}`);
      return v;
    default:
      return v;
  }
}
