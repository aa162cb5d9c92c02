/**
 * Ground truth for consistent prefix (DDIA figure 5-5), on single-leader runs, from each
 * session's causal past: a vector clock over sessions, where entry s counts the writes of
 * session s that happen before the session's next op (its own earlier writes, and through
 * every read the write it observed and that write's own past, transitively).
 *
 * - consistent-prefix / prefix-violation: an ok read of key k by session S whose result does
 *   not include a write W of k that is in S's causal past when the read began, where W is
 *   not S's own write (read-your-writes covers those) and W is newer than anything S's
 *   earlier reads of k returned (monotonic reads covers those): S has seen something that
 *   W happened before, yet now reads a state without W. Writes lost on failover are left to
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
  const keys = keyNames.length;
  const clocks = Array.from({ length: sessions }, () => new Int32Array(sessions));
  const readMax = new Map<number, number>();
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
      const slot = s * keys + op.key;
      const floor = readMax.get(slot) ?? 0;
      for (const w of newer) {
        if (w.session === s || (w.version as number) <= floor) continue;
        if (clock[w.session]! < w.seq) continue;
        out.label(op.index, "consistent-prefix", "prefix-violation", {
          session: op.session.name,
          key: keyNames[op.key],
          missed: w.index,
          version: seen.version,
        });
        break;
      }
      const v = (seen.version as number | undefined) ?? 0;
      if (v > floor) readMax.set(slot, v);
      for (const [i, w] of seen.writes.entries()) {
        // A write already in the session's past brings nothing new: pasts are closed under happens-before.
        if (clock[w.session]! >= w.seq) continue;
        const past = seen.pasts?.[i];
        if (past !== undefined) {
          for (let i = 0; i < sessions; i++) if (past[i]! > clock[i]!) clock[i] = past[i]!;
        }
        if (clock[w.session]! < w.seq) clock[w.session] = w.seq;
      }
    },
  };
}
