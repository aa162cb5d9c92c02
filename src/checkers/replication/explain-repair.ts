/** The explanation of a read repair that never happened (DDIA figure 5-10). */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { RepairMissing } from "./repair.js";
import { nodeList, versionPhrase } from "./words.js";

export function explainRepairMissing(a: RepairMissing): Explanation {
  const r = citedOp(a.ops, a.read);
  const ops: Explanation["ops"] = [{ label: "R", text: describeOp(r), op: a.read }];
  const steps: Step[] = [
    {
      because: `R's newest reply was ${versionPhrase(a.newest)}; ${nodeList(a.replicas.map((x) => x.node))} replied with ${a.replicas.map((x) => versionPhrase(x.replied)).join(", ")}, which does not include it`,
    },
  ];
  a.replicas.forEach((x, i) => {
    if (x.last < 0) {
      steps.push({
        because: `replica ${showName(x.node)} records no state of ${keyPhrase(a.key)} at all, though it records others`,
      });
      return;
    }
    const label = a.replicas.length === 1 ? "S" : `S${i + 1}`;
    const s = citedOp(a.ops, x.last);
    ops.push({ label, text: describeOp(s), op: x.last });
    const when = s.line > r.line ? "after R" : "before R, and none came after it";
    steps.push({
      because: `${label}, ${showName(x.node)}'s last state of ${keyPhrase(a.key)} (line ${s.line}, ${when}), holds ${showValue(s.value)} at ${versionPhrase(s.version)}, which does not include ${versionPhrase(a.newest)}`,
    });
  });
  return {
    summary: `${capitalise(whoPhrase(r))}'s read of ${keyPhrase(a.key)} got a stale reply from ${nodeList(a.replicas.map((x) => x.node))}, and no repair ever brought ${a.replicas.length === 1 ? "it" : "them"} up to date.`,
    ops,
    steps,
    rule: "A replica that answered a read with a stale version must come to hold the newest version afterwards, written back by the read's coordinator (read repair) or by anti-entropy (DDIA 5.4, figure 5-10; DeCandia et al. 2007).",
  };
}
