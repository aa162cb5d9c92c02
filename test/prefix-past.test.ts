/**
 * The walk of causal pasts that consistent prefix keeps its sessions' knowledge with
 * (src/checkers/prefix/past.ts) against plain reachability: after any sequence of walks, the
 * known position of each chain is the last op of that chain in the strict past of some walked
 * op, and the walk reports exactly the chains it raised, in order. Also the memory budget:
 * past it, consistent prefix is undecided rather than running the process out of memory.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { causalGraph } from "../src/checkers/causal/analysis.js";
import { consistentPrefix } from "../src/checkers/consistent-prefix.js";
import { crossSources, PastWalker } from "../src/checkers/prefix/past.js";
import { CAUSAL } from "../src/graph/edge-kinds.js";
import { reachableFrom } from "../src/graph/reach.js";
import { runCausalStore, storeHistory, storeSteps } from "./support/causal-store.js";
import { runChecker } from "./support/check.js";
import { seeded } from "./support/fc.js";
import { hist } from "./support/notation.js";

describe("the past walker", () => {
  it("knows, per chain, the last op in the strict past of the ops walked", () => {
    fc.assert(
      fc.property(storeSteps, fc.array(fc.nat(), { maxLength: 12 }), (steps, picks) => {
        const h = storeHistory(runCausalStore(steps, "apply"));
        const g = causalGraph(h, { initial: null, versionOrder: false, writes: false });
        const { chainOf, posOf, count } = g.hb.chains;
        const inChains = [...Array(h.size).keys()].filter((id) => chainOf[id]! >= 0);
        if (inChains.length === 0) return;
        const walker = new PastWalker(g, crossSources(g));
        const known = new Int32Array(count);
        const expected = new Int32Array(count);
        for (const pick of picks) {
          const n = inChains[pick % inChains.length]!;
          const before = known.slice();
          const past = reachableFrom(g.hb.graph, [n], { kinds: CAUSAL, direction: "reverse" });
          for (let id = 0; id < h.size; id++) {
            if (past[id] === 1 && id !== n && chainOf[id]! >= 0)
              expected[chainOf[id]!] = Math.max(expected[chainOf[id]!]!, posOf[id]!);
          }
          walker.walk(n, known);
          expect([...known]).toEqual([...expected]);
          const raised = [...walker.raised.subarray(0, walker.count)];
          expect(raised).toEqual([...Array(count).keys()].filter((c) => known[c] !== before[c]));
          for (const c of raised) expect(walker.previous(c)).toBe(before[c]);
        }
      }),
      seeded(200),
    );
  });
});

describe("consistent prefix's memory budget", () => {
  // Figure 5-5's shape: c sees b's answer, then a state without a's question.
  const h = hist("a w x 1; b r x 1; b w y 2; c r y 2; c r x null");

  it("decides within it", () => {
    expect(runChecker(consistentPrefix, h).verdict).toBe("invalid");
  });

  it("is undecided past it, and says why", () => {
    const r = runChecker(consistentPrefix, h, { memoryLimit: 1e-6 });
    expect(r.verdict).toBe("unknown");
    expect(r.undecided.map((u) => [u.code, u.params])).toEqual([
      ["too-many-sessions", { chains: 3, ops: 5 }],
    ]);
  });
});
