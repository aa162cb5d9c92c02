/**
 * Small extracts of the compact graph for explanations: the neighbourhood of a path or cycle
 * up to a cap, the edges among a set of nodes, and their conversion to a graphlib multigraph.
 */
import { alg } from "@dagrejs/graphlib";
import { describe, expect, it } from "vitest";
import {
  kindMask,
  neighbourhood,
  shortestCycleThrough,
  subgraphEdges,
  toGraphlib,
} from "../src/graph/index.js";
import { graphOf } from "./support/graph.js";

// Edge ids: 0: 0->1, 1: 1->2, 2: 2->3, 3: 2->0, 4: 3->4, 5: 4->3.
const g1 = graphOf(6, [
  [0, 1, 0, 10],
  [1, 2, 0, 11],
  [2, 3, 0],
  [2, 0, 1, 12],
  [3, 4, 1, 14],
  [4, 3, 2, 15],
]);

describe("neighbourhood", () => {
  it("adds successors and predecessors hop by hop", () => {
    expect(neighbourhood(g1, [3])).toEqual({ nodes: Int32Array.from([3, 4, 2]), truncated: false });
    const two = neighbourhood(g1, [3], { radius: 2 });
    expect([...two.nodes]).toEqual([3, 4, 2, 0, 1]);
    expect([...neighbourhood(g1, [3], { direction: "forward" }).nodes]).toEqual([3, 4]);
    expect([...neighbourhood(g1, [3], { direction: "reverse" }).nodes]).toEqual([3, 2, 4]);
    expect([...neighbourhood(g1, [3], { radius: 0 }).nodes]).toEqual([3]);
  });

  it("stops at the cap but always keeps the seeds", () => {
    expect(neighbourhood(g1, [3], { radius: 2, maxNodes: 4 })).toEqual({
      nodes: Int32Array.from([3, 4, 2, 0]),
      truncated: true,
    });
    expect(neighbourhood(g1, [0, 1, 2, 0], { maxNodes: 2 })).toEqual({
      nodes: Int32Array.from([0, 1, 2]),
      truncated: true,
    });
  });

  it("follows only the kinds asked for, forward only without a reverse adjacency", () => {
    expect([...neighbourhood(g1, [3], { kinds: kindMask(0) }).nodes]).toEqual([3, 2]);
    const fwd = graphOf(
      3,
      [
        [0, 1],
        [2, 0],
      ],
      false,
    );
    expect([...neighbourhood(fwd, [0]).nodes]).toEqual([0, 1]);
    expect(() => neighbourhood(fwd, [0], { direction: "both" })).toThrow(/reverse adjacency/);
  });
});

describe("subgraph edges", () => {
  it("lists the edges among the nodes, by source in the order given", () => {
    expect(subgraphEdges(g1, [2, 0, 1])).toEqual([
      { id: 3, from: 2, to: 0, kind: 1, evidence: 12 },
      { id: 0, from: 0, to: 1, kind: 0, evidence: 10 },
      { id: 1, from: 1, to: 2, kind: 0, evidence: 11 },
    ]);
    expect(subgraphEdges(g1, [2, 0, 1], kindMask(0)).map((e) => e.id)).toEqual([0, 1]);
    expect(subgraphEdges(g1, [5])).toEqual([]);
  });
});

describe("toGraphlib", () => {
  const names = ["so", "rf", "ww"];
  const kindName = (k: number) => names[k] ?? String(k);

  it("converts a cycle and its neighbours to a multigraph named by kind", () => {
    const cycle = shortestCycleThrough(g1, 3)!;
    const { nodes } = neighbourhood(g1, cycle.nodes);
    const out = toGraphlib(g1, nodes, { kindName, nodeLabel: (v) => `op ${v}` });
    expect(out.isMultigraph()).toBe(true);
    expect(out.nodes().sort()).toEqual(["2", "3", "4"]);
    expect(out.node("2")).toEqual({ node: 2, label: "op 2" });
    expect(out.edges()).toEqual([
      { v: "3", w: "4", name: "rf" },
      { v: "4", w: "3", name: "ww" },
      { v: "2", w: "3", name: "so" },
    ]);
    expect(out.edge("3", "4", "rf")).toEqual({ kind: 1, name: "rf", edges: [4], evidence: [14] });
    expect(alg.findCycles(out)).toEqual([["4", "3"]]);
  });

  it("keeps parallel edges of different kinds apart and merges those of one kind", () => {
    const g = graphOf(2, [
      [0, 1, 0, 7],
      [0, 1, 1],
      [0, 1, 0, 8],
      [1, 1, 2],
    ]);
    const out = toGraphlib(g, [0, 1], { kindName });
    expect(out.edgeCount()).toBe(3);
    expect(out.edge("0", "1", "so")).toEqual({
      kind: 0,
      name: "so",
      edges: [0, 2],
      evidence: [7, 8],
    });
    expect(out.edge("0", "1", "rf")).toEqual({ kind: 1, name: "rf", edges: [1], evidence: [] });
    expect(out.edge("1", "1", "ww")?.edges).toEqual([3]);
    expect(toGraphlib(g, [0, 1], { kinds: kindMask(1) }).edges()).toEqual([
      { v: "0", w: "1", name: "1" },
    ]);
  });
});
