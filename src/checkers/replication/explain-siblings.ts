/** Explanations of sibling handling gone wrong (DDIA figure 5-13): a sibling overwritten unseen, a merge that dropped elements. */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showValue, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { SiblingElementDropped, SiblingOverwritten } from "./siblings.js";
import { versionPhrase } from "./words.js";

export function explainSiblingOverwritten(a: SiblingOverwritten): Explanation {
  const w = citedOp(a.ops, a.write);
  const s = citedOp(a.ops, a.overwritten);
  const ops: Explanation["ops"] = [
    { label: "W", text: describeOp(w), op: a.write },
    { label: "S", text: describeOp(s), op: a.overwritten },
  ];
  const steps: Step[] = [
    {
      from: "W",
      relation: "replaced",
      to: "S",
      because: `W's ${versionPhrase(w.version)} includes S's ${versionPhrase(s.version)}, so the store takes W to supersede S`,
    },
  ];
  if (a.context >= 0) {
    const c = citedOp(a.ops, a.context);
    ops.push({ label: "C", text: describeOp(c), op: a.context });
    steps.push({
      from: "C",
      relation: "held-before",
      to: "S",
      because: `C was W's session's last op of ${keyPhrase(a.key)} before W (line ${c.line}); what the session had read and written of it does not include S`,
    });
  } else {
    steps.push({
      because: `W's session had neither read nor written ${keyPhrase(a.key)} before: W was a blind write`,
    });
  }
  return {
    summary: `${capitalise(whoPhrase(w))}'s write to ${keyPhrase(a.key)} claims to supersede a sibling its client never read.`,
    ops,
    steps,
    rule: "A write may supersede only the versions its client has seen: it carries the version vector of what it read, and every version that vector does not include stays a sibling (DDIA 5.4, capturing the happens-before relationship, figure 5-13).",
  };
}

export function explainSiblingElementDropped(a: SiblingElementDropped): Explanation {
  const w = citedOp(a.ops, a.write);
  const b = citedOp(a.ops, a.basis);
  const read = b.f === w.f ? "its own last write" : "the siblings its last read returned";
  return {
    summary: `${capitalise(whoPhrase(w))}'s write to ${keyPhrase(a.key)} dropped ${showValue(a.missing)} from ${read}.`,
    ops: [
      { label: "W", text: describeOp(w), op: a.write },
      { label: "B", text: describeOp(b), op: a.basis },
    ],
    steps: [
      {
        from: "B",
        relation: "session-order",
        to: "W",
        because: `B (line ${b.line}) is the last op of W's session on ${keyPhrase(a.key)} before W, which builds on what B held`,
      },
      {
        from: "W",
        relation: "replaced",
        to: "B",
        because: `B held ${showValue(a.from)}${b.f === w.f ? "" : " among its siblings"}; W wrote ${showValue(w.value)}, without ${showValue(a.missing)}`,
      },
    ],
    rule: "A client that merges siblings must keep every element of each of them (their union, for a set such as a cart; a removal needs a tombstone), or items silently disappear (DDIA 5.4, merging concurrently written values, figure 5-13).",
  };
}
