/**
 * Ground truth for consistent prefix (DDIA figure 5-5), on single-leader runs, from causal
 * order as the checker reads it from the history, (so ∪ rf)+: session order among a session's
 * ops, and reads-from. Each session keeps a vector clock over sessions, where entry s counts
 * the writes of session s that happen before the session's next op (its own earlier writes,
 * and through every read the writes it observed and their own pasts, transitively); a write's
 * past is its session's clock when it was invoked.
 *
 * - consistent-prefix / prefix-violation: an ok read of key k by session S whose result does
 *   not include a write W of k that happened strictly before a write B of another session
 *   that S had observed when the read began: S has seen B, yet now reads a state without W,
 *   which came before B. W may be S's own write, or one S observed itself and then lost: the
 *   read then breaks read-your-writes or monotonic reads too, and carries their labels as
 *   well. On registers "includes" is by version (`>=`), as the checker judges: a write that a
 *   failover cut is missing from a state with a lower version (its loss is labelled for
 *   durability too), and counts as included in one with a higher version. On list keys a read
 *   observes every append in its list, and includes exactly those (after a failover a list
 *   need not extend an earlier one), as session-lists.ts judges.
 *
 * A write whose op timed out (info) has no version in the history, so, as the checker does,
 * the truth counts it in no causal past: nothing follows it in session order (it may take
 * effect after the session's later ops), and a read of it is one the history cannot tie to
 * it, so it brings its reader nothing (the checker leaves such a reader's later reads
 * undecided where it finds nothing wrong with them). A write still pending when a read is
 * judged counts, as it will once it completes ok.
 *
 * On list keys the checker learns less than this: of a list a read returned, only the last
 * append (the one write its reads-from names), in what a session observed and in the pasts
 * of writes. It finds a subset of these labels there (a list-append run: `{ops: 600, keys: 4,
 * workload: "list-append", routing: "any"}`, seed 0, flags 4 of 6), so the agreement test
 * (test/sim-causality-truth.test.ts) runs registers.
 */
import type { Output } from "../output.js";
import type { ClientOp, Observed, WriteRec } from "../world.js";

export interface CausalTruth {
  /** At a write's invocation: its causal past is the session's, as of now. */
  writeInvoked(op: ClientOp): void;
  /** A leader accepted a write: from now on a read of its key may lack it (numeric versions only grow). */
  accepted(w: WriteRec): void;
  /** At a read's ok completion. */
  readOk(op: ClientOp, seen: Observed): void;
}

/** The write's op timed out: it completed, but not ok. */
function timedOut(w: WriteRec): boolean {
  return w.index < 0 && (w.op === undefined || w.op.done);
}

export function createCausalTruth(
  out: Output,
  sessions: number,
  keyNames: readonly string[],
  lists: boolean,
): CausalTruth {
  const clocks = Array.from({ length: sessions }, () => new Int32Array(sessions));
  /** Per session: the join of the causal pasts of the other sessions' writes it observed. */
  const before = Array.from({ length: sessions }, () => new Int32Array(sessions));
  /** Per key: every write accepted, cut by a failover or not, in version order. */
  const byKey: WriteRec[][] = keyNames.map(() => []);
  return {
    writeInvoked(op) {
      const s = op.session.index;
      const clock = clocks[s]!;
      op.past = clock.slice();
      clock[s] = op.session.writes;
    },
    accepted(w) {
      byKey[w.key]!.push(w);
    },
    readOk(op, seen) {
      const s = op.session.index;
      const clock = clocks[s]!;
      const known = before[s]!;
      const writes = byKey[op.key]!;
      const v = (seen.version as number | undefined) ?? 0;
      // A list includes exactly its appends; a register's state every write up to its version.
      const held = lists ? new Set(seen.writes) : undefined;
      for (let i = writes.length - 1; i >= 0; i--) {
        const w = writes[i]!;
        if (held === undefined ? (w.version as number) <= v : held.has(w)) {
          if (held === undefined) break;
          continue;
        }
        if (known[w.session]! < w.seq || timedOut(w)) continue;
        out.label(op.index, "consistent-prefix", "prefix-violation", {
          session: op.session.name,
          key: keyNames[op.key],
          missed: w.index,
          version: seen.version,
        });
        break;
      }
      for (const [i, w] of seen.writes.entries()) {
        if (timedOut(w)) continue;
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
