/** The explanation of a write conflict (DDIA figures 5-6, 5-7 and 5-12). */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { WriteConflict } from "./conflict-result.js";
import { versionPhrase } from "./words.js";

export function explainWriteConflict(a: WriteConflict): Explanation {
  const w = citedOp(a.ops, a.write);
  const v = citedOp(a.ops, a.partner);
  const vectors = typeof w.version === "object" && typeof v.version === "object";
  const at = (n: string | null) => (n === null ? "" : ` at ${showName(n)}`);
  const steps: Step[] = [
    {
      from: "W",
      relation: "concurrent",
      to: "V",
      because: vectors
        ? `neither version vector includes the other: W has ${versionPhrase(w.version)}, V ${versionPhrase(v.version)}`
        : `W was accepted${at(a.nodes[0])} before any replica event there held V (or a write that follows V), V${at(a.nodes[1])} before any held W, and neither client had seen the other's write`,
    },
    { because: resolutionClause(a) },
  ];
  const ops: Explanation["ops"] = [
    { label: "W", text: describeOp(w), op: a.write },
    { label: "V", text: describeOp(v), op: a.partner },
  ];
  if (a.resolution === "merged" && a.kept !== undefined)
    ops.push({ label: "M", text: describeOp(citedOp(a.ops, a.kept)), op: a.kept });
  return {
    summary: `${capitalise(whoPhrase(w))}'s write to ${keyPhrase(a.key)}${at(a.nodes[0])} conflicts with ${whoPhrase(v)}'s${at(a.nodes[1])}: neither happened before the other.`,
    ops,
    steps,
    rule: "Two writes of one key of which neither happened before the other (accepted by different leaders or replicas, neither knowing of the other) are a conflict the store must resolve: last write wins silently drops one, siblings keep both for the application to merge (DDIA 5.3, figures 5-6 and 5-7; 5.4, detecting concurrent writes).",
  };
}

function resolutionClause(a: WriteConflict): string {
  switch (a.resolution) {
    case "siblings":
      return "the store keeps both as siblings, for a later write to merge";
    case "merged":
      return "M, a later write whose version vector includes both, merged them";
    case "one-won":
      return `the replicas' final states keep ${a.kept === a.write ? "W" : "V"} and not the other: one value won`;
    default:
      return "later writes of the key replaced both";
  }
}
