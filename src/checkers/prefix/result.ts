/**
 * Consistent-prefix results as data: the anomaly, and the check in either order (causal by
 * default, or real time), in the shape of the other checkers' results.
 */

import { CAUSAL } from "../../graph/edge-kinds.js";
import type { Assumption } from "../../history/assumed-order.js";
import { assumedOrder } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import type { Observations } from "../../history/observations.js";
import { type CausalGraph, causalGraph } from "../causal/analysis.js";
import type { Link } from "../causal/anomalies.js";
import { Findings } from "../causal/findings.js";
import { linkOps, pathLinks, proofPath } from "../causal/proof.js";
import { opDetails } from "../details.js";
import { memoryBudget } from "../options.js";
import type { JudgeContext, Violation } from "../session/requirement.js";
import { type AccessDetail, access, duplicated, notRegisters } from "../session/result.js";
import type { AnomalyBase, CheckOptions, CheckResult } from "../types.js";
import { verdictOf } from "../types.js";
import { CausalKnowledge, chainWriteLists } from "./causal-knowledge.js";
import { type Knowledge, RealTimeKnowledge } from "./knowledge.js";
import { crossSources, PastWalker } from "./past.js";
import { RealTimePrefixes } from "./real-time.js";
import { type PrefixFinding, scanPrefix, sessionSpans } from "./scan.js";

export type PrefixOrder = "causal" | "real-time";

/** A session saw B, then (or in the same transaction) a state of a key without A, which came before B. */
export interface PrefixViolation extends AnomalyBase {
  kind: "prefix-violation";
  order: PrefixOrder;
  /** The observer. */
  session: string | number;
  key: unknown;
  /** A: the write the read's state lacks. */
  missing: AccessDetail;
  /** The read that observed B (its `observed` is B), and its key. */
  seenBy: AccessDetail;
  seenKey: unknown;
  /** R: the read whose state lacks A. */
  read: AccessDetail;
  violation: Violation;
  /** A ⇝ B: in causal order, or one real-time link. */
  path: Link[];
  assumed?: Assumption;
}

export function checkPrefix(
  h: History,
  o: Observations,
  options: CheckOptions,
  order: PrefixOrder,
  assumption: Assumption | undefined,
): CheckResult<PrefixViolation> {
  const sink = new Findings<PrefixViolation>(options);
  const ctx: JudgeContext = { decidedByAssumption: 0 };
  if (assumption) Object.assign(ctx, { assumed: assumedOrder(h, o.acc, assumption) });
  const g = causalGraph(h, {
    initial: options.initial ?? null,
    versionOrder: false,
    writes: false,
  });
  let newKnowledge: (() => Knowledge) | undefined;
  if (order === "real-time") {
    const prefixes = new RealTimePrefixes(h, o, ctx);
    newKnowledge = () => new RealTimeKnowledge(h, prefixes);
  } else if (knowledgeBytes(h, g) > memoryBudget(options)) {
    sink.undecide("too-many-sessions", -1, { chains: g.hb.chains.count, ops: h.size });
  } else {
    const walker = new PastWalker(g, crossSources(g));
    const lists = chainWriteLists(g);
    newKnowledge = () => new CausalKnowledge(g, walker, lists, ctx);
  }
  let checked = 0;
  if (newKnowledge !== undefined) {
    checked = scanPrefix(h, g, newKnowledge, ctx, {
      found: (f) => sink.add(() => toAnomaly(h, g, f, order, assumption)),
      // An ambiguous read names its duplicate, as the session guarantees' results do.
      undecide: (code, op, read) =>
        sink.undecide(
          code,
          op,
          code === "ambiguous-value" && read !== undefined ? duplicated(h, o, read) : undefined,
        ),
      expired: () => sink.expired(),
      get stopped() {
        return sink.stopped;
      },
    });
  }
  return resultOf(h, o, sink, checked, assumption, ctx.decidedByAssumption);
}

/** What the live sessions' knowledge takes at most: a position, a learned position and a source per chain, a top write and number per key. */
function knowledgeBytes(h: History, g: CausalGraph): number {
  const perSession = g.hb.chains.count * 16 + g.hb.observations.acc.keys.length * 12;
  return sessionSpans(h).maxLive * perSession;
}

function toAnomaly(
  h: History,
  g: ReturnType<typeof causalGraph>,
  f: PrefixFinding,
  order: PrefixOrder,
  assumption: Assumption | undefined,
): PrefixViolation {
  const o = g.hb.observations;
  const a = o.acc.op[f.witness]!;
  const b = f.source.seen;
  const path: Link[] =
    order === "real-time"
      ? [{ from: a, to: b, relation: "real-time" }]
      : pathLinks(g.hb, h, o, proofPath(g.hb, a, b, [CAUSAL])!, undefined);
  const read = access(h, o, f.read);
  const seenBy = access(h, o, f.source.read);
  const anomaly: PrefixViolation = {
    kind: "prefix-violation",
    ops: opDetails(h, [
      a,
      b,
      seenBy.op,
      read.op,
      ...linkOps(path),
      ...(read.observed === undefined ? [] : [read.observed]),
    ]),
    order,
    session: h.sessions[h.session[read.op]!]!,
    key: o.acc.keys[o.acc.key[f.read]!],
    missing: access(h, o, f.witness),
    seenBy,
    seenKey: o.acc.keys[o.acc.key[f.source.read]!],
    read,
    violation: f.violation,
    path,
  };
  if (f.assumed && assumption) anomaly.assumed = assumption;
  return anomaly;
}

function resultOf(
  h: History,
  o: Observations,
  sink: Findings<PrefixViolation>,
  checked: number,
  assumption: Assumption | undefined,
  decidedByAssumption: number,
): CheckResult<PrefixViolation> {
  const undecided = sink.undecided(h);
  const result: CheckResult<PrefixViolation> = {
    checker: "consistent-prefix",
    model: "consistent-prefix",
    verdict: verdictOf(sink.count, undecided),
    anomalies: sink.kept,
    anomalyCount: sink.count,
    undecided,
    stats: { ops: h.size, accesses: o.acc.size, readsChecked: checked },
  };
  const notes = [...notRegisters(h, o)];
  if (assumption && decidedByAssumption > 0) {
    notes.push({ code: "assumed-order", params: { assumption, count: decidedByAssumption } });
  }
  if (notes.length > 0) result.notes = notes;
  if (o.acc.size === 0) {
    result.verdict = "n/a";
    result.notApplicable = { code: "no-register-ops" };
  }
  return result;
}
