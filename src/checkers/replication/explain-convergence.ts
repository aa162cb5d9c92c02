/** The explanation of replicas that diverged (DDIA figure 5-12). */
import { citedOp } from "../details.js";
import { capitalise, keyPhrase, showValue } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { Divergence } from "./convergence.js";
import { nodeList, versionPhrase } from "./words.js";

export function explainDivergence(a: Divergence): Explanation {
  const ops: Explanation["ops"] = [];
  const steps: Step[] = [];
  a.states.forEach((s, i) => {
    const holders = nodeList(s.nodes);
    if (s.event < 0) {
      steps.push({
        because: `${s.nodes.length === 1 ? "replica" : "replicas"} ${holders} ended with the initial state of ${keyPhrase(a.key)}: no event of it`,
      });
      return;
    }
    const label = `S${i + 1}`;
    const e = citedOp(a.ops, s.event);
    ops.push({
      label,
      text: `the final state of ${holders} (as line ${e.line} records it)`,
      op: s.event,
    });
    steps.push({
      because: `${label}: ${holders} ended with ${showValue(e.value)} at ${versionPhrase(e.version)}`,
    });
  });
  return {
    summary: `${capitalise(keyPhrase(a.key))} diverged: its replicas ended the history in ${a.states.length} different states.`,
    ops,
    steps,
    rule: "Once writes stop and every message is delivered, every replica of a key must hold the same state of it, the same value or the same siblings; replicas that overwrite in arrival order diverge for good (convergence; DDIA 5.3, converging toward a consistent state, and figure 5-12).",
  };
}
