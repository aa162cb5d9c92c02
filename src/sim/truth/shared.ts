/**
 * Ground truth every replication scheme shares, decided when a client op completes ok:
 *
 * - staleness / stale-read: a read whose result does not include some write of its key that
 *   was acknowledged before the read began (a measurement, not a verdict). `versionsBehind`
 *   counts those writes, `msSinceNewestAck` is how long before the read began the newest of
 *   them (highest version; the last acknowledged, for vectors) was acknowledged. On a list,
 *   the writes missed are the acknowledged appends the list lacks.
 * - durability / ack-without-apply: a write acknowledged while a replica named in its `acks`
 *   did not yet hold it (its state did not include the write's version, and it kept no hint
 *   of it): a synchronous follower that acknowledges on receipt, an overwrite that undid it.
 *   Only where writes record `acks`: not in multi-leader runs, nor single-leader ones without
 *   synchronous followers, where the one acknowledgement is the accepting node's own.
 */
import type { ReadResult, WriteResult } from "../clients.js";
import type { Output } from "../output.js";
import type { Protocol } from "../protocol.js";
import type { ClientOp, World } from "../world.js";
import type { AckIndex } from "./acks.js";

/** Labels a session's op, naming its session and key: the session truths' labels. */
export function sessionLabeller(out: Output, keyNames: readonly string[]) {
  return (op: ClientOp, checker: string, kind: string, details: Record<string, unknown>) =>
    out.label(op.index, checker, kind, {
      session: op.session.name,
      key: keyNames[op.key],
      ...details,
    });
}

/** `lists`: the read returned a list, which includes exactly the appends in it. */
export function labelStaleRead(
  w: World,
  acks: AckIndex,
  op: ClientOp,
  r: ReadResult,
  lists: boolean,
): void {
  const inList = lists ? new Set(r.observed.writes) : undefined;
  const m = acks.missed(op.key, r.observed.version, op.ackFloor, inList);
  if (m.newest === undefined) return;
  w.out.label(op.index, "staleness", "stale-read", {
    key: w.keyNames[op.key],
    node: w.nodes[r.node]!.name,
    versionsBehind: m.count,
    msSinceNewestAck: op.invokeTime - m.newest.ackTime,
    newest: m.newest.index,
  });
}

export function labelAckWithoutApply(
  w: World,
  protocol: Protocol,
  op: ClientOp,
  r: WriteResult,
): void {
  if (!protocol.recordsAcks) return;
  const missing = r.acks.filter((n) => !protocol.holds(n, r.write));
  if (missing.length === 0) return;
  w.out.label(op.index, "durability", "ack-without-apply", {
    key: w.keyNames[op.key],
    replicas: missing.map((n) => w.nodes[n]!.name),
  });
}
