/**
 * The bad patterns of causal memory (Bouajjani et al. 2017, after Ahamad et al. 1995): each
 * op o has its own happens-before hb_o, the smallest transitive relation that contains causal
 * order on o's causal past and, for every read r2 of o's session up to o that returned w2,
 * orders before w2 every other write w1 of the key with w1 hb_o r2. CM is broken when some
 * hb_o is cyclic (CyclicHB), or orders a write of x before a read of x's initial value in
 * o's session prefix (WriteHBInitRead).
 *
 * hb_o only grows along a session (its causal past and its reads grow), so checking the
 * session's last op (each op of its final frontier, if it overlaps itself) decides every o
 * of the session. The fixpoint is computed directly: per round, a backward search from each
 * of the session's reads; polynomial, not linear, so it runs under the time budget.
 */

import { shortestCycleThrough } from "../../graph/cycle.js";
import { CAUSAL, EdgeKind } from "../../graph/edge-kinds.js";
import { kindMask, type Path } from "../../graph/graph.js";
import { reachableFrom } from "../../graph/reach.js";
import { topologicalOrder } from "../../graph/topo.js";
import { Access } from "../../history/accesses.js";
import type { History } from "../../history/model.js";
import { INITIAL } from "../../history/observations.js";
import type { CausalGraph } from "./analysis.js";
import { type DerivedEdge, type ProofGraph, withDerived } from "./proof.js";

export const VIEW = CAUSAL | kindMask(EdgeKind.viewOrder);
const SESSION = kindMask(EdgeKind.sessionOrder);

/** What one view (hb_o) proves: a cycle, or a write before an initial read, with the graph to prove it on. */
export type ViewFinding =
  | { kind: "cyclic-hb"; view: number; graph: ProofGraph; cycle: Path }
  | { kind: "write-hb-init-read"; view: number; graph: ProofGraph; write: number; read: number };

/** The sessions' final ops: the views to check. */
export function viewOps(h: History, g: CausalGraph): number[] {
  const last = new Map<number, number>();
  for (let id = 0; id < h.size; id++) {
    if (g.placed[id] === 1 && g.hb.chains.chainOf[id]! >= 0 && h.status[id] === 0) {
      last.set(g.hb.chains.chainOf[id]!, id);
    }
  }
  return [...last.values()].sort((a, b) => a - b);
}

/** The findings of the view of op o (undefined when out of time). */
export function checkView(
  g: CausalGraph,
  o: number,
  expired: () => boolean,
): ViewFinding[] | undefined {
  const past = reachableFrom(g.hb.graph, [o], { kinds: CAUSAL, direction: "reverse" });
  const prefix = reachableFrom(g.hb.graph, [o], { kinds: SESSION, direction: "reverse" });
  const reads = sessionReads(g, prefix);
  const derived = closeView(g, past, reads, expired);
  if (derived === undefined) return undefined;
  const graph = withDerived(g.hb, CAUSAL, derived, past);
  const topo = topologicalOrder(graph.graph, { kinds: VIEW });
  if (!topo.acyclic) {
    const cycle = shortestCycleThrough(graph.graph, topo.cycle.nodes[0]!, { kinds: VIEW });
    return [{ kind: "cyclic-hb", view: o, graph, cycle: cycle ?? topo.cycle }];
  }
  const out: ViewFinding[] = [];
  const acc = g.hb.observations.acc;
  for (const r of reads) {
    if (g.hb.observed[r] !== INITIAL) continue;
    const w = writesBefore(g, graph, past, r)[0];
    if (w !== undefined)
      out.push({ kind: "write-hb-init-read", view: o, graph, write: acc.op[w]!, read: r });
  }
  return out;
}

/** The register reads of the session's ops up to o. */
function sessionReads(g: CausalGraph, prefix: Uint8Array): number[] {
  const { acc } = g.hb.observations;
  const out: number[] = [];
  for (let a = 0; a < acc.size; a++) {
    if (acc.kind[a] === Access.read && prefix[acc.op[a]!] === 1 && !acc.lists.has(acc.key[a]!))
      out.push(a);
  }
  return out;
}

/** The view-order edges of hb_o, to a fixpoint. */
function closeView(
  g: CausalGraph,
  past: Uint8Array,
  reads: number[],
  expired: () => boolean,
): DerivedEdge[] | undefined {
  const o = g.hb.observations;
  const derived: DerivedEdge[] = [];
  const seen = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    const graph = withDerived(g.hb, CAUSAL, derived, past);
    for (const r of reads) {
      if (expired()) return undefined;
      const w2 = g.hb.observed[r]!;
      if (w2 < 0) continue;
      const to = o.acc.op[w2]!;
      for (const w1 of writesBefore(g, graph, past, r)) {
        const from = o.acc.op[w1]!;
        const pair = from * g.hb.graph.nodeCount + to;
        if (from === to || seen.has(pair)) continue;
        seen.add(pair);
        derived.push({ from, to, kind: EdgeKind.viewOrder, via: r });
        changed = true;
      }
    }
  }
  return derived;
}

/** The write accesses of r's key whose ops precede r's op in the view graph. */
function writesBefore(g: CausalGraph, graph: ProofGraph, past: Uint8Array, r: number): number[] {
  const { acc } = g.hb.observations;
  const op = acc.op[r]!;
  const back = reachableFrom(graph.graph, [op], { kinds: VIEW, direction: "reverse" });
  const out: number[] = [];
  for (const entry of g.writes.get(acc.key[r]!) ?? []) {
    for (const w of entry.acc) {
      const wop = acc.op[w]!;
      if (wop !== op && past[wop] === 1 && back[wop] === 1) out.push(w);
    }
  }
  return out;
}
