/**
 * Causal delivery (DDIA 5.3, "Multi-leader replication topologies", figures 5-8 and 5-9):
 * each replica applies writes in an order consistent with happens-before (knowledge.ts). When
 * an apply or repair event shows a replica newly holding write x, its state just before must
 * include every write y that happens before x: hold y or something at least as new of y's key.
 * Per replica and per node that accepts writes, a pointer over that node's writes in the
 * order it accepted them moves forward past the writes the replica's state included, so the
 * check is linear. Writes a failover took back are never delivered and are durability's.
 */
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import type { Failovers } from "./failover.js";
import type { Knowledge } from "./knowledge.js";
import { ReplicaStates } from "./states.js";
import { Ev, type ReplicationView } from "./view.js";
import type { WriteIndex } from "./writes.js";

export interface CausalOrderViolation extends AnomalyBase {
  kind: "causal-order-violation";
  key: unknown;
  node: string;
  /** Op ids: the apply event A, the write X it applied, the write Y that happened before X and that the replica lacked. */
  event: number;
  write: number;
  missing: number;
  /** Y's key, and the replica's version of it just before A (undefined: it held nothing of it). */
  missingKey: unknown;
}

export function checkDelivery(
  view: ReplicationView,
  writes: WriteIndex,
  k: Knowledge,
  failovers: Failovers,
  sink: Findings<CausalOrderViolation>,
): number {
  const { h } = view;
  const states = new ReplicaStates(view, writes);
  const pointer = new Int32Array(k.width * k.width);
  const included = (x: number, y: number) => {
    if (failovers.lostAt[y]! >= 0) return true;
    const v = writes.version(y);
    return v !== undefined && states.includesWrite(x, h.key[writes.ids[y]!]!, v);
  };
  let applies = 0;
  for (let p = 0; p < view.order.length && !sink.stopped; p++) {
    const e = view.order[p]!;
    if (e < 0 || (e & 1) === 0 || sink.expired()) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    const node = view.node[id]!;
    if ((kind !== Ev.apply && kind !== Ev.repair) || node < 0 || node >= k.width) {
      states.replay(id);
      continue;
    }
    const before = states.heldWrites(node, h.key[id]!);
    for (const x of writes.named(id)) {
      if (before.includes(x) || k.accepted[x] === 0) continue;
      applies++;
      const y = firstMissing(k, pointer, node, x, (w) => included(node, w));
      if (y >= 0) sink.add(() => violation(view, writes, id, x, y, states));
    }
    states.replay(id);
  }
  return applies;
}

/**
 * A write x depends on that replica `node` lacks (-1 if none), moving every pointer as far as
 * the replica's state allows, so that what is learnt never depends on the order of nodes.
 */
function firstMissing(
  k: Knowledge,
  pointer: Int32Array,
  node: number,
  x: number,
  included: (w: number) => boolean,
): number {
  let lacking = -1;
  for (let o = 0; o < k.width; o++) {
    const need = k.knows[x * k.width + o]! - (o === k.origin[x] ? 1 : 0);
    const list = k.byOrigin[o]!;
    const at = node * k.width + o;
    while (pointer[at]! < need && included(list[pointer[at]!]!)) pointer[at] = pointer[at]! + 1;
    if (pointer[at]! < need && lacking < 0) lacking = list[pointer[at]!]!;
  }
  return lacking;
}

function violation(
  view: ReplicationView,
  writes: WriteIndex,
  event: number,
  x: number,
  y: number,
  states: ReplicaStates,
): CausalOrderViolation {
  const { h } = view;
  const write = writes.ids[x]!;
  const missing = writes.ids[y]!;
  const node = view.node[event]!;
  const prior = states.lastEvent(node, h.key[missing]!);
  return {
    kind: "causal-order-violation",
    ops: opDetails(h, [event, write, missing, ...(prior >= 0 ? [prior] : [])]),
    key: h.keys[h.key[event]!],
    node: view.nodes.values[node]!,
    event,
    write,
    missing,
    missingKey: h.keys[h.key[missing]!],
  };
}
