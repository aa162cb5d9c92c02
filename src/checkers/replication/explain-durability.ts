/** Explanations of lost durability (DDIA figure 5-2): an acknowledgement without the write, a write a failover took back. */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { AckWithoutApply, LostOnFailover } from "./durability.js";
import { beganAt, lineOf, nodeList, versionPhrase } from "./words.js";

export function explainAckWithoutApply(a: AckWithoutApply): Explanation {
  const w = citedOp(a.ops, a.write);
  const ops: Explanation["ops"] = [{ label: "W", text: describeOp(w), op: a.write }];
  const steps: Step[] = [
    {
      because: `W's acknowledgement at ${lineOf(w)} names ${nodeList(a.replicas.map((r) => r.node))} among the replicas that acknowledged it`,
    },
  ];
  a.replicas.forEach((r, i) => {
    if (r.state < 0) {
      steps.push({
        because: `${showName(r.node)} had recorded no state of ${keyPhrase(a.key)} and kept no hint of W when W was acknowledged`,
      });
      return;
    }
    const label = a.replicas.length === 1 ? "S" : `S${i + 1}`;
    const s = citedOp(a.ops, r.state);
    ops.push({ label, text: describeOp(s), op: r.state });
    steps.push({
      from: label,
      relation: "held-before",
      to: "W",
      because: `${label} (line ${s.line}) was ${showName(r.node)}'s last state of ${keyPhrase(a.key)} before W's acknowledgement: ${showValue(s.value)} at ${versionPhrase(s.version)}, and it kept no hint of W`,
    });
  });
  return {
    summary: `${capitalise(whoPhrase(w))}'s write to ${keyPhrase(a.key)} was acknowledged by ${nodeList(a.replicas.map((r) => r.node))}, which did not hold it yet.`,
    ops,
    steps,
    rule: "A replica that acknowledges a write must hold it (applied, or kept as a hint) when the write is acknowledged; otherwise the acknowledgement promises a durability that one crash can take back (DDIA 5.1, figure 5-2: synchronous and asynchronous followers).",
  };
}

export function explainLostOnFailover(a: LostOnFailover): Explanation {
  const w = citedOp(a.ops, a.write);
  const p = citedOp(a.ops, a.promote);
  const ops: Explanation["ops"] = [{ label: "W", text: describeOp(w), op: a.write }];
  const steps: Step[] = [];
  if (a.crash >= 0) {
    const c = citedOp(a.ops, a.crash);
    ops.push({ label: "C", text: describeOp(c), op: a.crash });
    steps.push({
      because: `the node that accepted W, ${showName(w.node ?? "")}, crashed at line ${c.line} (C)`,
    });
  }
  ops.push({ label: "P", text: describeOp(p), op: a.promote });
  steps.push(
    {
      because: `W began at ${beganAt(w)} and was acknowledged at ${lineOf(w)}; P made ${showName(a.node)} the leader at line ${p.line}`,
    },
    {
      because: `the new leader ${showName(a.node)} never applied W's ${versionPhrase(w.version)} of ${keyPhrase(a.key)}: its log, which the promotion made the truth, lacks W`,
    },
  );
  if (a.gone >= 0) {
    const g = citedOp(a.ops, a.gone);
    ops.push({ label: "G", text: describeOp(g), op: a.gone });
    steps.push({
      from: "G",
      relation: "observed-before",
      to: "W",
      because: `G read ${keyPhrase(a.key)} from ${showName(a.node)} after P and returned ${versionPhrase(g.version)}`,
    });
  }
  return {
    summary: `${capitalise(whoPhrase(w))}'s acknowledged write to ${keyPhrase(a.key)} was lost when ${showName(a.node)} was promoted without it.`,
    ops,
    steps,
    rule: "An acknowledged write must survive a failover: the new leader must hold every write the old one acknowledged (DDIA 5.1, handling node outages; figure 5-2: a lagging asynchronous follower promoted discards the old leader's unreplicated writes).",
  };
}
