/**
 * Ground truth for the session guarantees on list-append keys (Elle's workload), where a
 * read returns the whole list and observes exactly the appends in it. After a failover cuts
 * the log, a later list need not extend an earlier one, so "includes" is membership, not a
 * log position:
 *
 * - read-your-writes / missed-own-write: an ok read whose list lacks one of the session's ok
 *   appends to the key completed before it.
 * - monotonic-reads / non-monotonic-read: an ok read whose list lacks an element that one of
 *   the session's earlier ok reads of the key returned.
 *
 * Where all lists of a key are prefixes of its longest (no failover cut it), this is what
 * the checkers decide from list positions. Monotonic writes and writes-follow-reads are not
 * labelled on lists (an append's place is known only once some read shows it).
 */
import type { Output } from "../output.js";
import type { ClientOp, Observed, WriteRec } from "../world.js";
import type { SessionTruth } from "./session.js";
import { sessionLabeller } from "./shared.js";

interface Seen {
  own: WriteRec[];
  read: Set<WriteRec>;
  readIndex: number;
}

export function createListSessionTruth(out: Output, keyNames: readonly string[]): SessionTruth {
  const keys = keyNames.length;
  const bySlot = new Map<number, Seen>();
  const get = (op: ClientOp): Seen => {
    const slot = op.session.index * keys + op.key;
    let s = bySlot.get(slot);
    if (s === undefined) {
      s = { own: [], read: new Set(), readIndex: -1 };
      bySlot.set(slot, s);
    }
    return s;
  };
  const label = sessionLabeller(out, keyNames);
  return {
    writeOk(op, w) {
      get(op).own.push(w);
    },
    readOk(op, seen: Observed) {
      const s = get(op);
      const list = new Set(seen.writes);
      const lostOwn = s.own.find((w) => !list.has(w));
      if (lostOwn !== undefined)
        label(op, "read-your-writes", "missed-own-write", { write: lostOwn.index });
      for (const w of s.read) {
        if (list.has(w)) continue;
        label(op, "monotonic-reads", "non-monotonic-read", {
          earlier: s.readIndex,
          missing: w.value,
        });
        break;
      }
      for (const w of seen.writes) s.read.add(w);
      s.readIndex = op.index;
    },
  };
}
