/**
 * Strongly connected components by Tarjan's algorithm on explicit stacks (a 1M-node chain
 * would overflow the call stack of a recursive one). A component of more than one node, or a
 * node with a self-loop, holds a cycle: the dependency cycles that prove an anomaly live there.
 */

import { ALL_KINDS, type CompactGraph, type KindMask } from "./graph.js";

export interface Components {
  /** Number of components. */
  readonly count: number;
  /**
   * Component id of each node. Ids are in the order Tarjan completes the components, which is
   * a reverse topological order of the condensation: an edge u -> v between two components
   * has componentOf[u] > componentOf[v].
   */
  readonly componentOf: Int32Array;
  /** Component c's nodes, ascending: nodes[offsets[c]] .. nodes[offsets[c+1]-1]. */
  readonly offsets: Int32Array;
  readonly nodes: Int32Array;
}

export interface ComponentOptions {
  /** Follow only edges of these kinds (default: all). */
  kinds?: KindMask;
}

/** The nodes of component c (a view, not a copy). */
export function componentNodes(components: Components, c: number): Int32Array {
  return components.nodes.subarray(components.offsets[c], components.offsets[c + 1]);
}

/** The strongly connected components of g, over the edges of the given kinds. */
export function stronglyConnectedComponents(
  g: CompactGraph,
  options: ComponentOptions = {},
): Components {
  const state = tarjanState(g, options.kinds ?? ALL_KINDS);
  for (let v = 0; v < g.nodeCount; v++) {
    if (state.index[v] === -1) strongConnect(state, v);
  }
  return listComponents(state.componentOf, state.count);
}

interface TarjanState {
  readonly g: CompactGraph;
  readonly kinds: KindMask;
  /** Discovery order (-1: not yet visited) and low-link of each node. */
  readonly index: Int32Array;
  readonly low: Int32Array;
  /** Tarjan's stack of visited nodes not yet assigned a component. */
  readonly stack: Int32Array;
  readonly onStack: Uint8Array;
  /** The DFS call stack: a node and the next edge slot to look at. */
  readonly callNode: Int32Array;
  readonly callEdge: Int32Array;
  readonly componentOf: Int32Array;
  sp: number;
  csp: number;
  counter: number;
  count: number;
}

function tarjanState(g: CompactGraph, kinds: KindMask): TarjanState {
  const n = g.nodeCount;
  return {
    g,
    kinds,
    index: new Int32Array(n).fill(-1),
    low: new Int32Array(n),
    stack: new Int32Array(n),
    onStack: new Uint8Array(n),
    callNode: new Int32Array(n),
    callEdge: new Int32Array(n),
    componentOf: new Int32Array(n).fill(-1),
    sp: 0,
    csp: 0,
    counter: 0,
    count: 0,
  };
}

function visit(s: TarjanState, v: number): void {
  s.index[v] = s.counter;
  s.low[v] = s.counter++;
  s.stack[s.sp++] = v;
  s.onStack[v] = 1;
  s.callNode[s.csp] = v;
  s.callEdge[s.csp++] = s.g.forward.offsets[v]!;
}

function strongConnect(s: TarjanState, root: number): void {
  const { offsets, targets, kinds } = s.g.forward;
  visit(s, root);
  while (s.csp > 0) {
    const v = s.callNode[s.csp - 1]!;
    const end = offsets[v + 1]!;
    let e = s.callEdge[s.csp - 1]!;
    while (e < end && ((s.kinds >>> kinds[e]!) & 1) === 0) e++;
    if (e < end) {
      s.callEdge[s.csp - 1] = e + 1;
      const w = targets[e]!;
      if (s.index[w] === -1) visit(s, w);
      else if (s.onStack[w] === 1 && s.index[w]! < s.low[v]!) s.low[v] = s.index[w]!;
      continue;
    }
    s.csp--;
    if (s.low[v] === s.index[v]) popComponent(s, v);
    if (s.csp > 0) {
      const u = s.callNode[s.csp - 1]!;
      if (s.low[v]! < s.low[u]!) s.low[u] = s.low[v]!;
    }
  }
}

function popComponent(s: TarjanState, v: number): void {
  let w: number;
  do {
    w = s.stack[--s.sp]!;
    s.onStack[w] = 0;
    s.componentOf[w] = s.count;
  } while (w !== v);
  s.count++;
}

/** Lists each component's nodes in ascending order, by a counting sort on component id. */
function listComponents(componentOf: Int32Array, count: number): Components {
  const n = componentOf.length;
  const offsets = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) offsets[componentOf[v]! + 1]!++;
  for (let c = 0; c < count; c++) offsets[c + 1]! += offsets[c]!;
  const next = offsets.slice(0, count);
  const nodes = new Int32Array(n);
  for (let v = 0; v < n; v++) nodes[next[componentOf[v]!]!++] = v;
  return { count, componentOf, offsets, nodes };
}
