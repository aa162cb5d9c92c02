/**
 * Short cycles, to explain an anomaly the way Elle does ("T1 < T2 because ..., T2 < T1
 * because ...: a contradiction"): the shortest cycle through a given node, and a shortest
 * cycle inside one strongly connected component. Both are breadth-first searches (path.ts).
 */

import { ALL_KINDS, assertNode, type CompactGraph, type Path } from "./graph.js";
import { type PathOptions, pathTo, search } from "./path.js";
import type { Components } from "./scc.js";

/** A shortest cycle through `node` (a self-loop is a cycle of one edge), or undefined. */
export function shortestCycleThrough(
  g: CompactGraph,
  node: number,
  options: PathOptions = {},
): Path | undefined {
  assertNode(g, node);
  const result = search(g, node, node, options.kinds ?? ALL_KINDS);
  return result.hitEdge < 0 ? undefined : pathTo(result, node);
}

export interface ComponentCycleOptions extends PathOptions {
  /**
   * How many of the component's nodes (smallest ids first) to search from; the shortest
   * cycle found wins. Default 16. The exact shortest cycle of the component needs every node
   * (Infinity), which costs one search per node: O(V * E) on the component.
   */
  maxStarts?: number;
}

/**
 * A shortest cycle that stays inside one component of `components` (computed on this graph,
 * usually with the same kinds), or undefined when the component has none: a single node
 * without a self-loop. The cycle is the shortest through one of the nodes tried.
 */
export function shortestCycleInComponent(
  g: CompactGraph,
  components: Components,
  component: number,
  options: ComponentCycleOptions = {},
): Path | undefined {
  if (!Number.isInteger(component) || component < 0 || component >= components.count) {
    throw new RangeError(`component ${String(component)} is not in 0..${components.count - 1}`);
  }
  const maxStarts = options.maxStarts ?? 16;
  if (!(maxStarts >= 1)) throw new RangeError(`maxStarts ${String(maxStarts)} is not at least 1`);
  const kinds = options.kinds ?? ALL_KINDS;
  const region = { regionOf: components.componentOf, region: component };
  const first = components.offsets[component]!;
  const end = Math.min(components.offsets[component + 1]!, first + maxStarts);
  let best: Path | undefined;
  for (let i = first; i < end; i++) {
    const v = components.nodes[i]!;
    const result = search(g, v, v, kinds, region);
    if (result.hitEdge < 0) continue;
    const hops = result.distance[result.hitFrom]! + 1;
    if (best === undefined || hops < best.edges.length) best = pathTo(result, v);
    if (hops === 1) break;
  }
  return best;
}
