/**
 * CyclicCF, the bad pattern of causal convergence (Bouajjani et al. 2017): writes w1 and w2
 * of a key conflict (w1 cf w2) when a read returned w2 although w1 was in its causal past,
 * w1 ≠ w2; then every replica must order w1 before w2, so co ∪ cf (here with the version
 * order too) must be acyclic. Per read, only the latest write of each chain in its past
 * needs an edge: an earlier write of the chain reaches w2 through it. Run only when causal
 * order with version order is acyclic (a cycle there is CyclicCO already).
 */

import { shortestCycleInComponent } from "../../graph/cycle.js";
import { CAUSAL_AND_VERSIONS, EdgeKind } from "../../graph/edge-kinds.js";
import type { Path } from "../../graph/graph.js";
import { kindMask } from "../../graph/graph.js";
import { stronglyConnectedComponents } from "../../graph/scc.js";
import { Access } from "../../history/accesses.js";
import { before, type CausalClocks, type CausalGraph } from "./analysis.js";
import { OpClocks } from "./op-clocks.js";
import { type DerivedEdge, type ProofGraph, withDerived } from "./proof.js";
import { latestUpTo } from "./writes-index.js";

const WITH_CONFLICTS = CAUSAL_AND_VERSIONS | kindMask(EdgeKind.conflict);

export interface ConvergenceCycles {
  graph: ProofGraph;
  cycles: Path[];
}

/** The conflict edges not already implied, and the cycles they close; undefined when out of time. */
export function findConflictCycles(
  g: CausalGraph,
  clocks: CausalClocks,
  expired: () => boolean,
): ConvergenceCycles | undefined {
  const derived = conflicts(g, clocks, expired);
  if (derived === undefined) return undefined;
  if (derived.length === 0) return { graph: g.hb, cycles: [] };
  const graph = withDerived(g.hb, CAUSAL_AND_VERSIONS, derived);
  const components = stronglyConnectedComponents(graph.graph, { kinds: WITH_CONFLICTS });
  const cycles: Path[] = [];
  for (let c = 0; c < components.count; c++) {
    if (components.offsets[c + 1]! - components.offsets[c]! < 2) continue;
    const cycle = shortestCycleInComponent(graph.graph, components, c, { kinds: WITH_CONFLICTS });
    if (cycle !== undefined) cycles.push(cycle);
  }
  return { graph, cycles: cycles.sort((a, b) => a.nodes[0]! - b.nodes[0]!) };
}

function conflicts(
  g: CausalGraph,
  clocks: CausalClocks,
  expired: () => boolean,
): DerivedEdge[] | undefined {
  const o = g.hb.observations;
  const { acc } = o;
  const seen = new Set<number>();
  const out: DerivedEdge[] = [];
  const clock = new OpClocks(g, clocks.co);
  for (let r = 0; r < acc.size; r++) {
    if (expired()) return undefined;
    const op = acc.op[r]!;
    if (acc.kind[r] !== Access.read || g.placed[op] === 0 || acc.lists.has(acc.key[r]!)) continue;
    const w2 = g.hb.observed[r]!;
    if (w2 < 0) continue;
    const to = acc.op[w2]!;
    clock.load(op);
    const { rows, start } = clock;
    for (const entry of g.writes.get(acc.key[r]!) ?? []) {
      const w1 = latestUpTo(entry, rows[start + entry.chain]!);
      if (w1 < 0) continue;
      const from = acc.op[w1]!;
      if (from === to || before(clocks.ordered, g, from, to)) continue;
      const pair = from * g.hb.graph.nodeCount + to;
      if (seen.has(pair)) continue;
      seen.add(pair);
      out.push({ from, to, kind: EdgeKind.conflict, via: r });
    }
  }
  return out;
}
