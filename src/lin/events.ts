/**
 * Call and return events of one object's ops as a doubly linked list in time order
 * (Porcupine's entries). Node i < n is op i's call, node n + i its return, node 2n the head.
 * Lifting an op unlinks both of its nodes; unlifting, in reverse order, links them back.
 */

export interface EventList {
  readonly head: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  lift(op: number): void;
  unlift(op: number): void;
}

export function linkEvents(call: Float64Array, ret: Float64Array): EventList {
  const n = call.length;
  const order = Array.from({ length: 2 * n }, (_, node) => node);
  const pos = (node: number) => (node < n ? call[node]! : ret[node - n]!);
  order.sort((a, b) => pos(a) - pos(b) || a - b);
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  let last = head;
  for (const node of order) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  const unlink = (x: number) => {
    next[prev[x]!] = next[x]!;
    if (next[x]! >= 0) prev[next[x]!] = prev[x]!;
  };
  const relink = (x: number) => {
    next[prev[x]!] = x;
    if (next[x]! >= 0) prev[next[x]!] = x;
  };
  return {
    head,
    next,
    prev,
    lift(op) {
      unlink(op);
      unlink(op + n);
    },
    unlift(op) {
      relink(op + n);
      relink(op);
    },
  };
}
