/**
 * The compact graph core: happens-before and dependency graphs of whole histories (millions
 * of nodes) in typed arrays, with iterative algorithms only, and small extracts of them as
 * @dagrejs/graphlib graphs for explanations. Sits between src/history and src/checkers.
 */

export { type FreezeOptions, GraphBuilder } from "./builder.js";
export {
  type ComponentCycleOptions,
  shortestCycleInComponent,
  shortestCycleThrough,
} from "./cycle.js";
export {
  type Adjacency,
  ALL_KINDS,
  type CompactGraph,
  type Direction,
  type EdgeInfo,
  edgeInfo,
  type KindMask,
  kindMask,
  MAX_KIND,
  NO_EVIDENCE,
  type Path,
  pathEdges,
  type ReverseAdjacency,
} from "./graph.js";
export { distancesFrom, type PathOptions, shortestPath } from "./path.js";
export { isReachable, type ReachOptions, reachableFrom } from "./reach.js";
export {
  type ComponentOptions,
  type Components,
  componentNodes,
  stronglyConnectedComponents,
} from "./scc.js";
export {
  type GraphlibEdgeLabel,
  type GraphlibNodeLabel,
  type GraphlibOptions,
  type Neighbourhood,
  type NeighbourhoodOptions,
  neighbourhood,
  subgraphEdges,
  toGraphlib,
} from "./subgraph.js";
export { type TopologicalOptions, type TopologicalOrder, topologicalOrder } from "./topo.js";
