/** Explanations of the staleness bounds: a read too many versions behind, a replica that lagged too long (DDIA figure 5-1). */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, plural, showName, whoPhrase } from "../phrases.js";
import type { Explanation } from "../types.js";
import type { LagExceeded } from "./lag.js";
import type { StaleRead } from "./staleness.js";
import { beganAt, lineOf, versionPhrase } from "./words.js";

export function explainStaleRead(a: StaleRead): Explanation {
  const n = citedOp(a.ops, a.newest);
  const r = citedOp(a.ops, a.read);
  const since = a.msSinceNewestAck === undefined ? "" : `, ${a.msSinceNewestAck} time units later`;
  return {
    summary: `${capitalise(whoPhrase(r))}'s read of ${keyPhrase(a.key)} was ${plural(a.versionsBehind, "version")} behind, more than the bound of ${a.bound}.`,
    ops: [
      { label: "N", text: describeOp(n), op: a.newest },
      { label: "R", text: describeOp(r), op: a.read },
    ],
    steps: [
      {
        from: "N",
        relation: "real-time",
        to: "R",
        because: `N was acknowledged at ${lineOf(n)} and R began at ${beganAt(r)}${since}`,
      },
      {
        from: "R",
        relation: "observed-before",
        to: "N",
        because: `R returned ${versionPhrase(r.version)}${r.node === undefined ? "" : ` from ${showName(r.node)}`}, which does not include N's ${versionPhrase(n.version)}`,
      },
      {
        because: `R's result lacks ${plural(a.versionsBehind, "write")} of ${keyPhrase(a.key)} acknowledged before it began, N the newest; max-versions-behind allows ${a.bound}`,
      },
    ],
    rule: "A read may miss at most max-versions-behind writes of its key that were acknowledged before it began (k-staleness; Bailis et al. 2012; DDIA figure 5-1, reads from lagging followers).",
  };
}

export function explainLagExceeded(a: LagExceeded): Explanation {
  const w = citedOp(a.ops, a.write);
  const f = citedOp(a.ops, a.first);
  const x = citedOp(a.ops, a.applied);
  return {
    summary: `Replica ${showName(a.node)} held a write of ${keyPhrase(a.key)} ${a.lag} time units after another replica first did, more than the bound of ${a.bound}.`,
    ops: [
      { label: "W", text: describeOp(w), op: a.write },
      { label: "F", text: describeOp(f), op: a.first },
      { label: "A", text: describeOp(x), op: a.applied },
    ],
    steps: [
      {
        from: "W",
        relation: "applied",
        to: "F",
        because: `F is the first replica event that holds W's ${versionPhrase(w.version)} (${lineOf(f)}, time ${String(f.time)})`,
      },
      {
        from: "W",
        relation: "applied",
        to: "A",
        because: `${showName(a.node)} held it first at A (${lineOf(x)}, time ${String(x.time)}): a lag of ${a.lag}, where max-lag allows ${a.bound}`,
      },
    ],
    rule: "Every replica must hold a write within max-lag of the first time any replica held it (bounded replication lag; DDIA 5.2 and figure 5-1).",
  };
}
