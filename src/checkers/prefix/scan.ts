/**
 * The consistent-prefix scan, one pass over the events like the session engine's: when a
 * read of session S completes, the write B it observed (of another session) joins S's
 * knowledge; when a read of S begins (or a transaction's read, with what the transaction's
 * other reads observed), every write A of its key that S knows happened before some B must
 * be in the state it observed, judged as the session guarantees judge (versions, vectors,
 * the initial value, an assumption).
 */
import { Access } from "../../history/accesses.js";
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { GARBAGE, INITIAL } from "../../history/observations.js";
import { eventOrder } from "../../history/timeline.js";
import type { CausalGraph } from "../causal/analysis.js";
import { type Finding, type JudgeContext, judge } from "../session/requirement.js";
import type { Knowledge, Source } from "./knowledge.js";

export interface PrefixFinding extends Finding {
  read: number;
  source: Source;
}

export interface PrefixSink {
  found(f: PrefixFinding): void;
  /** Code `code` for op `op`; `read` is the read access judged, when one was. */
  undecide(code: string, op: number, read?: number): void;
  expired(): boolean;
  readonly stopped: boolean;
}

export function scanPrefix(
  h: History,
  g: CausalGraph,
  newKnowledge: () => Knowledge,
  ctx: JudgeContext,
  sink: PrefixSink,
): number {
  const { acc } = g.hb.observations;
  const sessions: Sessions = { knowledge: new Map(), blind: new Map(), newKnowledge };
  const order = eventOrder(h);
  let checked = 0;
  for (let p = 0; p < order.length && !sink.expired(); p++) {
    const e = order[p]!;
    if (e < 0) continue;
    const id = e >> 1;
    if (h.status[id] !== 0 || acc.opStart[id] === acc.opStart[id + 1]) continue;
    const s = h.session[id]!;
    if ((e & 1) === 1) {
      const gap = forEachSeen(h, g, id, sessions, (seen, read) =>
        getOrInsert(sessions.knowledge, s, newKnowledge).learn(seen, read),
      );
      if (gap !== undefined && !sessions.blind.has(s))
        sessions.blind.set(s, { code: gap, since: p });
    } else checked += checkOp(h, g, id, sessions, ctx, sink);
  }
  return checked;
}

interface Sessions {
  knowledge: Map<number, Knowledge>;
  /**
   * Sessions whose knowledge is incomplete, why, and since which event: they observed a write
   * the history does not identify (or one after a cycle), or a write of a session that was
   * already so (what it knew is part of what they now know).
   */
  blind: Map<number, { code: string; since: number }>;
  newKnowledge: () => Knowledge;
}

/** Judges the reads of op `id` against what its session (and, in a transaction, the op itself) observed. */
function checkOp(
  h: History,
  g: CausalGraph,
  id: number,
  sessions: Sessions,
  ctx: JudgeContext,
  sink: PrefixSink,
): number {
  const o = g.hb.observations;
  const { acc } = o;
  const s = h.session[id]!;
  let k = sessions.knowledge.get(s);
  let blind = sessions.blind.get(s)?.code;
  if (acc.opStart[id + 1]! - acc.opStart[id]! > 1) {
    // A transaction's reads are one snapshot: what any of them saw, all of them must have.
    const own = k?.copy() ?? sessions.newKnowledge();
    let learned = false;
    const gap = forEachSeen(h, g, id, sessions, (seen, read) => {
      own.learn(seen, read);
      learned = true;
    });
    blind ??= gap;
    if (learned) k = own;
  }
  let checked = 0;
  for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) {
    if (acc.kind[a] !== Access.read) continue;
    const req = k?.requirement(a);
    if (req === undefined && blind === undefined) continue;
    checked++;
    const outcome = req === undefined ? undefined : judge(o, req, a, ctx);
    if (typeof outcome === "string") sink.undecide(outcome, id, a);
    else if (outcome !== undefined) {
      sink.found({ ...outcome, read: a, source: k!.sourceOf(outcome.witness)! });
    } else if (blind !== undefined) sink.undecide(blind, id);
  }
  return checked;
}

/**
 * Learns the writes of other sessions that op `id`'s reads observed; returns why what it
 * learned is incomplete, if it is: a read observed a write the history does not identify
 * (earlier-unidentified), one after a cycle of causal order (after-cycle), or a write made
 * by a session whose own knowledge was already incomplete (its reason, inherited).
 */
function forEachSeen(
  h: History,
  g: CausalGraph,
  id: number,
  sessions: Sessions,
  learn: (seen: number, read: number) => void,
): string | undefined {
  const o = g.hb.observations;
  const { acc } = o;
  let gap: string | undefined;
  for (let a = acc.opStart[id]!; a < acc.opStart[id + 1]!; a++) {
    if (acc.kind[a] !== Access.read) continue;
    const w = g.hb.observed[a]!;
    if (w < 0) {
      if (w !== INITIAL && w !== GARBAGE) gap ??= "earlier-unidentified";
      continue;
    }
    const seen = acc.op[w]!;
    if (h.session[seen] === h.session[id]) continue;
    if (g.placed[seen] === 0) gap ??= "after-cycle";
    else learn(seen, a);
    const writer = sessions.blind.get(h.session[seen]!);
    if (writer !== undefined && writer.since < h.invPos[seen]!) gap ??= "learned-from-unidentified";
  }
  return gap;
}
