/**
 * The causal check, step by step: n/a without register ops or writes; the happens-before
 * graph and its cycles (CyclicCO); vector clocks; the read patterns in one pass; then, on an
 * acyclic causal order, the conflict order (CCv) or each session's view (CM).
 */

import { MAX_VECTOR_WRITES } from "../../graph/version-order.js";
import { Access } from "../../history/accesses.js";
import type { Assumption } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import type { Observations } from "../../history/observations.js";
import { memoryBudget } from "../options.js";
import type { CheckOptions, CheckResult, Reason } from "../types.js";
import { verdictOf } from "../types.js";
import { type CausalClocks, type CausalGraph, causalClocks, causalGraph } from "./analysis.js";
import type { CausalAnomaly } from "./anomalies.js";
import { findConflictCycles } from "./convergence.js";
import { Findings } from "./findings.js";
import { DerivedAnomalyMaker } from "./make.js";
import { checkView, viewOps } from "./memory.js";
import { findReadPatterns } from "./patterns.js";

export function runCausal(
  h: History,
  o: Observations,
  options: CheckOptions,
  level: "cc" | "ccv" | "cm",
  assumption: Assumption | undefined,
): CheckResult<CausalAnomaly> {
  const started = performance.now();
  const notApplicable = applicability(o);
  if (notApplicable !== undefined) return result(h, o, new Findings(options), notApplicable);
  const sink = new Findings<CausalAnomaly>(options, started);
  const g = causalGraph(h, {
    initial: options.initial ?? null,
    versionOrder: true,
    ...(assumption ? { assume: assumption } : {}),
  });
  const maker = new DerivedAnomalyMaker(g, assumption);
  for (const cycle of g.cycles) if (!sink.stopped) sink.add(() => maker.cycle(cycle));
  const clocks = causalClocks(g, true, memoryBudget(options));
  if (clocks === undefined) {
    sink.undecide("too-many-sessions", -1, { chains: g.hb.chains.count, ops: h.size });
  } else {
    findReadPatterns(g, clocks, {
      found: (p) => sink.add(() => maker.read(p)),
      undecide: (code, op) => sink.undecide(code, op),
      expired: () => sink.expired(),
    });
    if (g.cycles.length === 0 && level === "ccv") convergence(g, clocks, sink, maker);
    if (g.cycles.length === 0 && level === "cm") memory(h, g, sink, maker);
  }
  leftOut(g, sink);
  return result(h, o, sink);
}

function convergence(
  g: CausalGraph,
  clocks: CausalClocks,
  sink: Findings<CausalAnomaly>,
  maker: DerivedAnomalyMaker,
): void {
  if (sink.stopped) return;
  const found = findConflictCycles(g, clocks, () => sink.expired());
  for (const cycle of found?.cycles ?? []) {
    if (!sink.stopped) sink.add(() => maker.conflictCycle(found!.graph, cycle));
  }
}

function memory(
  h: History,
  g: CausalGraph,
  sink: Findings<CausalAnomaly>,
  maker: DerivedAnomalyMaker,
) {
  for (const o of viewOps(h, g)) {
    if (sink.expired(true)) return;
    const findings = checkView(g, o, () => sink.expired(true));
    for (const f of findings ?? []) if (!sink.stopped) sink.add(() => maker.view(f, h));
  }
}

/** n/a without register ops, or without writes. */
function applicability(o: Observations): Reason | undefined {
  if (o.acc.size === 0) return { code: "no-register-ops" };
  for (let a = 0; a < o.acc.size; a++) if (o.acc.kind[a] === Access.write) return undefined;
  return { code: "no-writes" };
}

/** What the graph could not follow: keys of other objects, and keys with too many vectors. */
function leftOut(g: CausalGraph, sink: Findings<CausalAnomaly>): void {
  const { acc } = g.hb.observations;
  const others = acc.lists.size + acc.unsupported.size;
  if (others > 0) sink.undecide("not-registers", -1, { keys: others });
  const vectors = g.hb.unorderedVectorKeys.length;
  if (vectors > 0)
    sink.undecide("too-many-vector-writes", -1, { keys: vectors, max: MAX_VECTOR_WRITES });
}

function result(
  h: History,
  o: Observations,
  sink: Findings<CausalAnomaly>,
  notApplicable?: Reason,
): CheckResult<CausalAnomaly> {
  const undecided = sink.undecided(h);
  const out: CheckResult<CausalAnomaly> = {
    checker: "causal",
    model: "causal",
    verdict: notApplicable ? "n/a" : verdictOf(sink.count, undecided),
    anomalies: sink.kept,
    anomalyCount: sink.count,
    undecided,
    stats: { ops: h.size, accesses: o.acc.size },
  };
  if (notApplicable) out.notApplicable = notApplicable;
  return out;
}
