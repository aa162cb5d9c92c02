/**
 * What the causality checks share: the happens-before graph, a topological order of it (or
 * the cycles that prevent one), vector clocks over its chains, and the writes of each key by
 * chain. Causal order co = (so ∪ rf)+ decides visibility; co together with the version
 * order (versions, vectors, list positions, or an assumption) decides which of two writes of
 * a key comes first. Clocks cost O((ops + edges) * chains) time; only the clocks other ops
 * join are kept (op-clocks.ts makes the others as the reads are visited), 4 bytes a chain
 * each, and a history whose kept clocks would exceed the memory budget is undecided, never
 * guessed.
 */

import { ClockBudgetError, type Clocks, computeClocks } from "../../graph/clocks.js";
import { shortestCycleInComponent } from "../../graph/cycle.js";
import { CAUSAL, CAUSAL_AND_VERSIONS } from "../../graph/edge-kinds.js";
import type { Path } from "../../graph/graph.js";
import { buildHappensBefore, type HappensBefore } from "../../graph/happens-before.js";
import { stronglyConnectedComponents } from "../../graph/scc.js";
import { topologicalOrder } from "../../graph/topo.js";
import { Access } from "../../history/accesses.js";
import type { Assumption } from "../../history/assumed-order.js";
import type { History } from "../../history/model.js";
import { indexWrites, type WritesIndex } from "./writes-index.js";

export interface CausalGraph {
  readonly hb: HappensBefore;
  /** The ops in a topological order of co and version order (all of them when acyclic). */
  readonly order: Int32Array;
  readonly placed: Uint8Array;
  /** One short cycle per strongly connected component that has one. */
  readonly cycles: readonly Path[];
  readonly writes: WritesIndex;
}

export interface CausalClocks {
  /** Clocks of causal order (so ∪ rf): what each op has seen. */
  readonly co: Clocks;
  /** Clocks of causal order with version order: which write of a key comes first. */
  readonly ordered: Clocks;
}

export interface GraphOptions {
  initial: unknown;
  versionOrder: boolean;
  assume?: Assumption;
  /** Index the writes of each key by chain (default true; consistent prefix does without). */
  writes?: boolean;
}

export function causalGraph(h: History, options: GraphOptions): CausalGraph {
  const hb = buildHappensBefore(h, {
    initial: options.initial,
    versionOrder: options.versionOrder,
    ...(options.assume ? { assume: options.assume } : {}),
  });
  const kinds = options.versionOrder || options.assume ? CAUSAL_AND_VERSIONS : CAUSAL;
  const topo = topologicalOrder(hb.graph, { kinds });
  const placed = new Uint8Array(h.size);
  for (const v of topo.order) placed[v] = 1;
  const cycles: Path[] = [];
  if (!topo.acyclic) {
    const components = stronglyConnectedComponents(hb.graph, { kinds });
    for (let c = 0; c < components.count; c++) {
      const size = components.offsets[c + 1]! - components.offsets[c]!;
      if (size === 1 && !selfLoop(hb, components.nodes[components.offsets[c]!]!, kinds)) continue;
      const cycle = shortestCycleInComponent(hb.graph, components, c, { kinds });
      if (cycle !== undefined) cycles.push(cycle);
    }
    cycles.sort((a, b) => a.nodes[0]! - b.nodes[0]!);
  }
  const writes = options.writes === false ? new Map() : indexWrites(hb.observations, hb.chains);
  return { hb, order: topo.order, placed, cycles, writes };
}

function selfLoop(hb: HappensBefore, v: number, kinds: number): boolean {
  const { offsets, targets, kinds: edgeKinds } = hb.graph.forward;
  for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
    if (targets[e] === v && ((kinds >>> edgeKinds[e]!) & 1) === 1) return true;
  }
  return false;
}

/** Whether the graph has an edge of one of these kinds. */
export function hasKinds(hb: HappensBefore, kinds: number): boolean {
  const edgeKinds = hb.graph.forward.kinds;
  for (let e = 0; e < edgeKinds.length; e++) if (((kinds >>> edgeKinds[e]!) & 1) === 1) return true;
  return false;
}

/**
 * The clocks to keep: of the ops that write (every later op may need to know what they saw),
 * of the sources of edges (of these kinds) between chains, whose clocks the targets join
 * (session order out of a session that overlaps itself, or into an indeterminate write), and,
 * when `reads` is set, of the ops that read.
 */
export function clockMask(g: CausalGraph, reads: boolean, kinds: number): Uint8Array {
  const { acc } = g.hb.observations;
  const keep = new Uint8Array(g.hb.history.size);
  for (let a = 0; a < acc.size; a++) {
    if (reads || acc.kind[a] === Access.write) keep[acc.op[a]!] = 1;
  }
  const { chainOf } = g.hb.chains;
  const { offsets, targets, kinds: edgeKinds } = g.hb.graph.forward;
  for (let u = 0; u < keep.length; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]! && keep[u] === 0; e++) {
      if (((kinds >>> edgeKinds[e]!) & 1) === 1 && chainOf[targets[e]!] !== chainOf[u]) keep[u] = 1;
    }
  }
  return keep;
}

/**
 * The kept clocks of causal order, and of causal order with version order (the writes and the
 * sources of edges between chains), or undefined when together they would exceed `budget`
 * bytes: counted before any is made.
 */
export function causalClocks(
  g: CausalGraph,
  withVersions: boolean,
  budget: number,
): CausalClocks | undefined {
  const versions = withVersions && hasKinds(g.hb, CAUSAL_AND_VERSIONS & ~CAUSAL);
  const coMask = clockMask(g, false, CAUSAL);
  const orderedMask = versions ? clockMask(g, false, CAUSAL_AND_VERSIONS) : undefined;
  const width = g.hb.chains.count;
  // Rows kept, and a running clock per chain (at most all of them at once).
  const rows = count(coMask) + (orderedMask === undefined ? 0 : count(orderedMask)) + 2 * width;
  const maxEntries = Math.floor(budget / 4);
  if (rows * width > maxEntries) return undefined;
  try {
    const { graph, chains, order } = { graph: g.hb.graph, chains: g.hb.chains, order: g.order };
    const co = computeClocks(graph, chains, order, coMask, CAUSAL, maxEntries);
    if (orderedMask === undefined) return { co, ordered: co };
    const ordered = computeClocks(
      graph,
      chains,
      order,
      orderedMask,
      CAUSAL_AND_VERSIONS,
      maxEntries,
    );
    return { co, ordered };
  } catch (e) {
    if (e instanceof ClockBudgetError) return undefined;
    throw e;
  }
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/** Whether op x is in the strict past of op n by these clocks (n's clock kept). */
export function before(clocks: Clocks, g: CausalGraph, x: number, n: number): boolean {
  const c = g.hb.chains.chainOf[x]!;
  if (c < 0 || clocks.rowOf[n]! < 0) return false;
  return clocks.rows[clocks.rowOf[n]! * clocks.width + c]! >= g.hb.chains.posOf[x]!;
}
