/**
 * Ground truth for consistent prefix (DDIA figure 5-5), on single-leader runs, from each
 * session's causal past: a vector clock over sessions, where entry s counts the writes of
 * session s that happen before the session's next op (its own earlier writes, and through
 * every read the write it observed and that write's own past, transitively).
 *
 * - consistent-prefix / prefix-violation: an ok read of key k by session S whose result does
 *   not include a write W of k that happened before a write B of another session that S had
 *   observed when the read began: S has seen B, yet now reads a state without W, which came
 *   before B. W must be strictly before some observed B: a write S observed itself and then
 *   lost is monotonic reads' to label, and S's own write read-your-writes' (either is this
 *   one's too when it is also before an observed B). Writes lost on failover are left to
 *   durability.
 */
import type { Output } from "../output.js";
import type { ClientOp, Observed, WriteRec } from "../world.js";

export interface CausalTruth {
  /** At a write's invocation: its causal past is the session's, as of now. */
  writeInvoked(op: ClientOp): void;
  /** At a read's ok completion; `newer` lists the writes of its key with versions above what it returned. */
  readOk(op: ClientOp, seen: Observed, newer: Iterable<WriteRec>): void;
}

export function createCausalTruth(
  out: Output,
  sessions: number,
  keyNames: readonly string[],
): CausalTruth {
  const clocks = Array.from({ length: sessions }, () => new Int32Array(sessions));
  /** Per session: the join of the causal pasts of the other sessions' writes it observed. */
  const before = Array.from({ length: sessions }, () => new Int32Array(sessions));
  return {
    writeInvoked(op) {
      const s = op.session.index;
      const clock = clocks[s]!;
      op.past = clock.slice();
      clock[s] = op.session.writes;
    },
    readOk(op, seen, newer) {
      const s = op.session.index;
      const clock = clocks[s]!;
      const known = before[s]!;
      for (const w of newer) {
        if (known[w.session]! < w.seq) continue;
        out.label(op.index, "consistent-prefix", "prefix-violation", {
          session: op.session.name,
          key: keyNames[op.key],
          missed: w.index,
          version: seen.version,
        });
        break;
      }
      for (const [i, w] of seen.writes.entries()) {
        const past = seen.pasts?.[i];
        if (w.session !== s && past !== undefined) joinInto(known, past);
        // A write already in the session's past brings nothing new: pasts are closed under happens-before.
        if (clock[w.session]! >= w.seq) continue;
        if (past !== undefined) joinInto(clock, past);
        if (clock[w.session]! < w.seq) clock[w.session] = w.seq;
      }
    },
  };
}

function joinInto(into: Int32Array, from: ArrayLike<number>): void {
  for (let i = 0; i < into.length; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
}
