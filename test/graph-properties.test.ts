/**
 * The compact core against @dagrejs/graphlib as the oracle, on random multigraphs of up to
 * 300 nodes (some acyclic by construction, with self-loops and parallel edges otherwise) and
 * random sets of edge kinds. Seeded: fast-check prints the seed and path of any failure.
 */
import { alg, type Graph } from "@dagrejs/graphlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompactGraph,
  distancesFrom,
  isReachable,
  reachableFrom,
  shortestCycleInComponent,
  shortestCycleThrough,
  shortestPath,
  stronglyConnectedComponents,
  topologicalOrder,
} from "../src/graph/index.js";
import { type EdgeSpec, expectCycle, expectWalk, graphOf, oracleOf } from "./support/graph.js";

const SEED = 20261126;
const RUNS = 100;

interface Case {
  n: number;
  edges: EdgeSpec[];
  /** A set of the four kinds used, as a mask. */
  kinds: number;
  /** Random node ids, for sources and targets. */
  picks: number[];
  g: CompactGraph;
  /** graphlib graph of the edges of the chosen kinds. */
  oracle: Graph;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 300 }),
    // Unbiased, so that dense graphs (with large components) are as common as sparse ones.
    density: fc.noBias(fc.integer({ min: 0, max: 30 })).map((d) => d / 10),
  })
  .chain(({ n, density }) =>
    fc.record({
      n: fc.constant(n),
      // A third acyclic by construction; the others mostly have cycles when dense enough.
      dag: fc.constantFrom(true, false, false),
      raw: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(3)), {
        minLength: Math.floor(n * density),
        maxLength: Math.floor(n * density),
      }),
      kinds: fc.noBias(fc.integer({ min: 1, max: 15 })),
      picks: fc.array(fc.nat(n - 1), { minLength: 4, maxLength: 4 }),
    }),
  )
  .map(({ n, dag, raw, kinds, picks }) => {
    const edges: EdgeSpec[] = dag
      ? raw.filter(([u, v]) => u !== v).map(([u, v, k]) => [Math.min(u, v), Math.max(u, v), k])
      : raw;
    return { n, edges, kinds, picks, g: graphOf(n, edges), oracle: oracleOf(n, edges, kinds) };
  });

const check = (prop: fc.IPropertyWithHooks<[Case]> | fc.IProperty<[Case]>) =>
  fc.assert(prop, { seed: SEED, numRuns: RUNS });

const sortedParts = (parts: ArrayLike<number>[]) =>
  parts.map((p) => Array.from(p).sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

/** The chosen-kind edges of a case, as [from, to] pairs. */
const kept = (c: Case) =>
  c.edges.filter(([, , k = 0]) => ((c.kinds >>> k) & 1) === 1).map(([u, v]) => [u, v] as const);

describe("the compact graph core agrees with graphlib", () => {
  it("strongly connected components: the same partition, ids in reverse topological order", () => {
    check(
      fc.property(caseArb, (c) => {
        const comps = stronglyConnectedComponents(c.g, { kinds: c.kinds });
        const ours = Array.from({ length: comps.count }, (_, i) =>
          comps.nodes.subarray(comps.offsets[i], comps.offsets[i + 1]),
        );
        const theirs = alg.tarjan(c.oracle).map((p) => p.map(Number));
        expect(sortedParts(ours)).toEqual(sortedParts(theirs));
        for (const [u, v] of kept(c)) {
          expect(comps.componentOf[u]).toBeGreaterThanOrEqual(comps.componentOf[v]!);
        }
      }),
    );
  });

  it("topological order: valid exactly when graphlib finds the graph acyclic", () => {
    check(
      fc.property(caseArb, (c) => {
        const t = topologicalOrder(c.g, { kinds: c.kinds });
        expect(t.acyclic).toBe(alg.isAcyclic(c.oracle));
        const position = new Int32Array(c.n).fill(-1);
        t.order.forEach((v, i) => {
          position[v] = i;
        });
        const left = t.acyclic ? [] : [...t.remaining];
        expect([...t.order, ...left].sort((a, b) => a - b)).toEqual([...Array(c.n).keys()]);
        for (const [u, v] of kept(c)) {
          // Placed nodes come after all their predecessors; nothing left over leads to them.
          if (position[v]! >= 0) expect(position[u]).toBeGreaterThanOrEqual(0);
          if (position[u]! >= 0 && position[v]! >= 0)
            expect(position[u]).toBeLessThan(position[v]!);
        }
        if (!t.acyclic) {
          expectCycle(c.g, t.cycle, c.kinds);
          for (const v of t.cycle.nodes) expect(position[v]).toBe(-1);
        }
      }),
    );
  });

  it("BFS distances equal graphlib's dijkstra with unit weights; paths are walks that long", () => {
    check(
      fc.property(caseArb, (c) => {
        const [source, ...targets] = c.picks as [number, ...number[]];
        const ours = distancesFrom(c.g, source, { kinds: c.kinds });
        const theirs = alg.dijkstra(c.oracle, String(source));
        for (let v = 0; v < c.n; v++) {
          const d = theirs[String(v)]!.distance;
          expect(ours[v]).toBe(d === Number.POSITIVE_INFINITY ? -1 : d);
        }
        for (const t of targets) {
          const p = shortestPath(c.g, source, t, { kinds: c.kinds });
          if (ours[t] === -1) expect(p).toBeUndefined();
          else {
            expectWalk(c.g, p!, c.kinds);
            expect([p!.nodes[0], p!.nodes[p!.nodes.length - 1], p!.edges.length]).toEqual([
              source,
              t,
              ours[t],
            ]);
          }
        }
      }),
    );
  });

  it("reachability agrees with graphlib's traversal, both ways", () => {
    check(
      fc.property(caseArb, (c) => {
        const sources = c.picks.slice(0, 2);
        const marked = (m: Uint8Array) => [...m.keys()].filter((v) => m[v] === 1);
        const fwd = reachableFrom(c.g, sources, { kinds: c.kinds });
        const want = alg.preorder(c.oracle, sources.map(String)).map(Number);
        expect(marked(fwd)).toEqual([...new Set(want)].sort((a, b) => a - b));
        const reversed = c.edges.map(([u, v, k]) => [v, u, k] as const);
        const back = reachableFrom(c.g, sources, { kinds: c.kinds, direction: "reverse" });
        const wantBack = alg.preorder(oracleOf(c.n, reversed, c.kinds), sources.map(String));
        expect(marked(back)).toEqual([...new Set(wantBack.map(Number))].sort((a, b) => a - b));
        const single = reachableFrom(c.g, [c.picks[0]!], { kinds: c.kinds });
        for (const t of c.picks) {
          expect(isReachable(c.g, c.picks[0]!, t, { kinds: c.kinds })).toBe(single[t] === 1);
        }
      }),
    );
  });

  it("cycles are real and shortest: through a node, and within a component", () => {
    check(
      fc.property(caseArb, (c) => {
        const v = c.picks[0]!;
        const cycle = shortestCycleThrough(c.g, v, { kinds: c.kinds });
        // Oracle: 1 + the distance from v to the nearest predecessor of v.
        const dist = alg.dijkstra(c.oracle, String(v));
        const preds = kept(c).filter(([, w]) => w === v);
        const best = Math.min(...preds.map(([u]) => dist[String(u)]!.distance + 1));
        if (best === Number.POSITIVE_INFINITY) expect(cycle).toBeUndefined();
        else {
          expectCycle(c.g, cycle!, c.kinds);
          expect([cycle!.nodes[0], cycle!.edges.length]).toEqual([v, best]);
        }
        const comps = stronglyConnectedComponents(c.g, { kinds: c.kinds });
        const comp = comps.componentOf[v]!;
        const members = [...comps.nodes.subarray(comps.offsets[comp], comps.offsets[comp + 1])];
        const inComp = shortestCycleInComponent(c.g, comps, comp, {
          kinds: c.kinds,
          maxStarts: Number.POSITIVE_INFINITY,
        });
        const lengths = members.map(
          (m) => shortestCycleThrough(c.g, m, { kinds: c.kinds })?.edges.length ?? Infinity,
        );
        if (Math.min(...lengths) === Number.POSITIVE_INFINITY) expect(inComp).toBeUndefined();
        else {
          expectCycle(c.g, inComp!, c.kinds);
          expect(inComp!.edges.length).toBe(Math.min(...lengths));
          for (const w of inComp!.nodes) expect(comps.componentOf[w]).toBe(comp);
        }
      }),
    );
  });
});
