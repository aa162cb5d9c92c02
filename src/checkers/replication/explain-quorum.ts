/** The explanation of a quorum miss (DDIA figures 5-10 and 5-11): which quorum missed which, and why. */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { QuorumMiss } from "./quorum.js";
import { beganAt, lineOf, nodeList, quorumPhrase, versionPhrase } from "./words.js";

const rule =
  "When reads and writes go to the same n replicas and w + r > n, every read quorum shares a replica with every write quorum, so a read that begins after a write was acknowledged hears of it and returns it or something newer (DDIA 5.4, figures 5-10 and 5-11).";

export function explainQuorumMiss(a: QuorumMiss): Explanation {
  const w = citedOp(a.ops, a.write);
  const r = citedOp(a.ops, a.read);
  const replies = a.replies
    .map((x) => `${showName(x.node)} (${showValue(x.value)} at ${versionPhrase(x.version)})`)
    .join(", ");
  const steps: Step[] = [
    {
      from: "W",
      relation: "real-time",
      to: "R",
      because: `W was acknowledged at ${lineOf(w)}, before R began at ${beganAt(r)}`,
    },
    {
      from: "R",
      relation: "observed-before",
      to: "W",
      because: `R returned ${versionPhrase(r.version)}, which does not include W's ${versionPhrase(w.version)}${a.versionsBehind > 1 ? ` (${a.versionsBehind} acknowledged writes behind)` : ""}`,
    },
    {
      because: `W was acknowledged by ${nodeList(a.acks)}; R's replies came from ${replies}`,
    },
    { because: causeClause(a) },
  ];
  return {
    summary: `${capitalise(whoPhrase(r))}'s read of ${keyPhrase(a.key)} missed a write acknowledged before it began: ${summaryCause(a)}.`,
    ops: [
      { label: "W", text: describeOp(w), op: a.write },
      { label: "R", text: describeOp(r), op: a.read },
    ],
    steps,
    rule,
  };
}

function summaryCause(a: QuorumMiss): string {
  switch (a.cause) {
    case "stale-pick":
      return `its quorum met the write's at ${nodeList(a.overlap)}, yet the coordinator returned an older reply`;
    case "sloppy":
      return "a sloppy quorum put the quorums on different replicas";
    default:
      return "its read quorum and the write quorum did not intersect";
  }
}

function causeClause(a: QuorumMiss): string {
  const q = quorumPhrase(a.quorum);
  const config = q === "" ? "the history records no n, w and r" : `with ${q}`;
  switch (a.cause) {
    case "stale-pick":
      return `the quorums did intersect: ${nodeList(a.overlap)} acknowledged W and also replied to R, yet the coordinator returned an older reply than the newest it had`;
    case "sloppy":
      return a.home === undefined
        ? `W's acknowledgers and R's repliers are ${a.acks.length + a.replies.length} distinct replicas, more than the n of a key (${config}): some were stand-ins of a sloppy quorum, so the quorums need not intersect`
        : `the key's home replicas are ${nodeList(a.home)}, and ${nodeList(a.outside)} ${a.outside.length === 1 ? "is" : "are"} not among them: a sloppy quorum took the write (or answered the read) on stand-ins, so the quorums need not intersect however large w + r is`;
    default:
      return `R's repliers and W's acknowledgers have no replica in common; ${config}${overlapPromise(a)}`;
  }
}

function overlapPromise(a: QuorumMiss): string {
  const { n, w, r } = a.quorum;
  if (n === undefined || w === undefined || r === undefined) return "";
  return w + r > n ? "" : `, w + r <= n, so nothing makes a read quorum meet a write quorum`;
}
