/**
 * Ground truth for causal delivery (DDIA 5.3, "Multi-leader replication topologies", figures
 * 5-8 and 5-9), multi-leader and leaderless, decided as a node applies a write:
 *
 * - causal-delivery / causal-order-violation: a node applies write x (its state of x's key
 *   changes, and an apply or repair event records it) while its state, just before, does not
 *   include some write y that happens before x (Lamport's order, src/sim/knowledge.ts): it
 *   holds neither y nor anything at least as new of y's key. Labelled at the apply event.
 *
 * Per node and per origin node, a pointer over the origin's writes in the order it accepted
 * them: the writes before it were each included in the node's state at some check, so each
 * check only moves pointers forward (linear over a run). Writes every node must include are
 * thus found once.
 */
import type { Output } from "../output.js";
import type { WriteRec } from "../world.js";

export interface DeliveryTruth {
  /** A node accepted x (its counter is assigned). */
  accepted(x: WriteRec): void;
  /** x will never be delivered anywhere (a failover cut it): no write waits for it. */
  skip(x: WriteRec): void;
  /** Before `node` merges x into its state: the first write x depends on that the state lacks, if any. */
  missing(node: number, x: WriteRec): WriteRec | undefined;
  /** The merge changed nothing (no event records it): forget what the last `missing` learnt at `node`. */
  undo(node: number): void;
  /** The apply event at `index` recorded x at `node`, which lacked `y`. */
  label(index: number, node: string, key: string, x: WriteRec, y: WriteRec): void;
}

/** `includes(node, y)`: the node's state includes y (holds it, or something at least as new of its key). */
export function createDeliveryTruth(
  out: Output,
  includes: (node: number, y: WriteRec) => boolean,
  nodes: number,
): DeliveryTruth {
  const byOrigin: WriteRec[][] = Array.from({ length: nodes }, () => []);
  const skipped = new Set<WriteRec>();
  const pointer = Array.from({ length: nodes }, () => new Int32Array(nodes));
  const saved = new Int32Array(nodes);
  return {
    accepted(x) {
      byOrigin[x.origin]![x.counter - 1] = x;
    },
    missing(node, x) {
      const p = pointer[node]!;
      saved.set(p);
      // Every origin's pointer moves as far as it can (so what is learnt never depends on the
      // order origins are visited in); the first origin left short names the missing write.
      let lacking: WriteRec | undefined;
      for (let o = 0; o < nodes; o++) {
        const need = x.knows![o]! - (o === x.origin ? 1 : 0);
        const list = byOrigin[o]!;
        while (p[o]! < need && (skipped.has(list[p[o]!]!) || includes(node, list[p[o]!]!)))
          p[o] = p[o]! + 1;
        if (p[o]! < need) lacking ??= list[p[o]!];
      }
      return lacking;
    },
    skip(x) {
      skipped.add(x);
    },
    undo(node) {
      pointer[node]!.set(saved);
    },
    label(index, node, key, x, y) {
      out.label(index, "causal-delivery", "causal-order-violation", {
        key,
        node,
        write: x.index,
        missing: y.index,
      });
    },
  };
}
