/**
 * Ground truth for the session guarantees, decided on versions exactly as the checkers
 * decide them (per session and key; a session's ops never overlap, so what it completed
 * before an op began is what it completed before the op completed):
 *
 * - read-your-writes / missed-own-write: an ok read whose result does not include the
 *   highest version among the session's ok writes of the key completed before it.
 * - monotonic-reads / non-monotonic-read: an ok read whose result does not include what the
 *   session's earlier ok reads of the key returned.
 * - monotonic-writes / session-writes-reordered: an ok write whose version does not come
 *   after every earlier ok write of the session to the same key (a last-write-wins
 *   timestamp from a slower clock, a vector that misses one of them). Writes of different
 *   keys are not compared.
 * - writes-follow-reads / write-precedes-observed: an ok write whose version does not come
 *   after what every earlier ok read of the session of the same key returned (a read of
 *   the initial value requires nothing). Reads of other keys are not compared.
 *
 * A write whose op timed out is neither judged nor judged against: the history records no
 * version for it. "Includes" is `>=` for numeric versions and `<=` of vectors; "comes
 * after" is `>` for numeric versions and `<=` of vectors (src/sim/versions.ts), so against
 * several earlier versions a write must be above the highest, or include their join. A
 * single-leader log only gives out higher positions, even after a failover, so the two
 * write guarantees are labelled only where versions are timestamps or vectors (multi-leader
 * and leaderless runs); on list keys see session-lists.ts.
 */
import type { Output } from "../output.js";
import { includes, type Vector, type Version, vvJoinInto } from "../versions.js";
import type { ClientOp, Observed, WriteRec } from "../world.js";
import { sessionLabeller } from "./shared.js";

interface Requirement {
  own: Version | undefined;
  ownIndex: number;
  read: Version | undefined;
  readIndex: number;
}

export interface SessionTruth {
  writeOk(op: ClientOp, w: WriteRec): void;
  readOk(op: ClientOp, seen: Observed): void;
}

export function createSessionTruth(
  out: Output,
  keyNames: readonly string[],
  show: (v: Version) => unknown,
): SessionTruth {
  const keys = keyNames.length;
  const reqs = new Map<number, Requirement>();
  const slot = (op: ClientOp) => op.session.index * keys + op.key;
  const get = (op: ClientOp): Requirement => {
    const s = slot(op);
    let r = reqs.get(s);
    if (r === undefined) {
      r = { own: undefined, ownIndex: -1, read: undefined, readIndex: -1 };
      reqs.set(s, r);
    }
    return r;
  };
  const label = sessionLabeller(out, keyNames);

  return {
    writeOk(op, w) {
      const r = get(op);
      if (r.own !== undefined && !after(w.version, r.own)) {
        label(op, "monotonic-writes", "session-writes-reordered", {
          earlier: r.ownIndex,
          version: show(w.version),
        });
      }
      if (r.read !== undefined && !after(w.version, r.read)) {
        label(op, "writes-follow-reads", "write-precedes-observed", {
          read: r.readIndex,
          version: show(w.version),
        });
      }
      r.own = join(r.own, w.version);
      r.ownIndex = op.index;
    },
    readOk(op, seen) {
      const r = get(op);
      const v = seen.version;
      if (r.own !== undefined && !covers(v, r.own)) {
        label(op, "read-your-writes", "missed-own-write", {
          write: r.ownIndex,
          version: v === undefined ? null : show(v),
        });
      }
      if (r.read !== undefined && !covers(v, r.read)) {
        label(op, "monotonic-reads", "non-monotonic-read", {
          earlier: r.readIndex,
          version: v === undefined ? null : show(v),
        });
      }
      if (v !== undefined) {
        r.read = join(r.read, v);
        r.readIndex = op.index;
      } else if (r.read === undefined) r.readIndex = op.index;
    },
  };
}

/** A state at `have` includes everything required (numeric: a maximum; vectors: a join). */
function covers(have: Version | undefined, required: Version): boolean {
  if (typeof required === "number") return required <= 0 || includes(have, required);
  return includes(have ?? new Int32Array(required.length), required);
}

/** A write's version comes after `earlier`: numerically greater, or a vector that includes it. */
function after(v: Version, earlier: Version): boolean {
  if (typeof v === "number") return typeof earlier === "number" && v > earlier;
  return typeof earlier !== "number" && includes(v, earlier);
}

function join(a: Version | undefined, b: Version): Version {
  if (typeof b === "number") return typeof a === "number" && a > b ? a : b;
  const out: Vector = a === undefined || typeof a === "number" ? new Int32Array(b.length) : a;
  if (out !== a) out.set(b);
  else vvJoinInto(out, b);
  return out;
}
