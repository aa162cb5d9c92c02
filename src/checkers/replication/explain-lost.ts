/** The explanation of a lost write (DDIA figures 5-7 and 5-12): which write was dropped, and by which rule. */
import { citedOp } from "../details.js";
import { capitalise, describeOp, keyPhrase, showName, whoPhrase } from "../phrases.js";
import type { Explanation, Step } from "../types.js";
import type { LostWrite } from "./lost.js";
import { versionPhrase } from "./words.js";

const rule =
  "An acknowledged write must stay reflected in the replicas' final state: held, or followed by a write that knew of it. Last write wins, and keeping whatever arrived last, silently drop the others (DDIA 5.3, figure 5-7; 5.4, figure 5-12).";

export function explainLostWrite(a: LostWrite): Explanation {
  const l = citedOp(a.ops, a.write);
  const ops: Explanation["ops"] = [{ label: "L", text: describeOp(l), op: a.write }];
  const steps: Step[] = [];
  if (a.kept >= 0) {
    const k = citedOp(a.ops, a.kept);
    const s = citedOp(a.ops, a.state);
    ops.push(
      { label: "K", text: describeOp(k), op: a.kept },
      { label: "S", text: describeOp(s), op: a.state },
    );
    steps.push(
      {
        from: "K",
        relation: "replaced",
        to: "L",
        because: causeClause(a.cause, l.version, k.version),
      },
      {
        from: "S",
        relation: "held-before",
        to: "L",
        because: `S is ${showName(a.holder ?? s.node ?? String(s.process))}'s final state of ${keyPhrase(a.key)} (line ${s.line}), with K; no replica's final state holds L or a write that follows it`,
      },
    );
  } else {
    steps.push({
      because: `no replica's final state holds anything of ${keyPhrase(a.key)}: L was never applied anywhere (at most kept as a hint that was never handed off)`,
    });
  }
  return {
    summary: `${capitalise(whoPhrase(l))}'s acknowledged write to ${keyPhrase(a.key)} is lost: ${summaryCause(a)}.`,
    ops,
    steps,
    rule,
  };
}

function summaryCause(a: LostWrite): string {
  switch (a.cause) {
    case "concurrent":
      return "last write wins dropped it for a concurrent write";
    case "clock-skew":
      return "an earlier write with a higher timestamp won (clock skew)";
    case "arrival-order":
      return "the replicas kept an older write that arrived after it";
    case "sibling-overwritten":
      return "a write that claimed to supersede it replaced it";
    default:
      return "no replica ever held it";
  }
}

function causeClause(cause: LostWrite["cause"], lv: unknown, kv: unknown): string {
  const l = versionPhrase(lv as never);
  const k = versionPhrase(kv as never);
  switch (cause) {
    case "concurrent":
      return `neither of K and L happened before the other, and last write wins kept K (${k}) over L (${l})`;
    case "clock-skew":
      return `K happened before L, yet carries the higher timestamp (${k} against L's ${l}): a clock behind made the later write lose`;
    case "arrival-order":
      return `K happened before L (${k} against L's ${l}) but reached the replicas after it, and each kept what arrived last`;
    default:
      return `K (${k}) replaced L (${l}) without including it`;
  }
}
