/**
 * Call and return events of one object's ops as a doubly linked list in time order
 * (Porcupine's entries). Node i < n is op i's call, node n + i its return, node 2n the head.
 * Lifting an op unlinks both of its nodes; unlifting, in reverse order, links them back.
 */

/**
 * A class, not an object of closures: the search calls `lift` and `unlift` millions of times,
 * and one class's methods are one call target for V8 whatever the object.
 */
export class EventList {
  readonly head: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  private readonly n: number;

  constructor(call: Float64Array, ret: Float64Array) {
    const n = call.length;
    const order = timeOrder(call, ret);
    this.n = n;
    this.head = 2 * n;
    this.next = new Int32Array(2 * n + 1).fill(-1);
    this.prev = new Int32Array(2 * n + 1).fill(-1);
    let last = this.head;
    for (let i = 0; i < order.length; i++) {
      const node = order[i]!;
      this.next[last] = node;
      this.prev[node] = last;
      last = node;
    }
  }

  lift(op: number): void {
    this.unlink(op);
    this.unlink(op + this.n);
  }

  unlift(op: number): void {
    this.relink(op + this.n);
    this.relink(op);
  }

  private unlink(x: number): void {
    const { next, prev } = this;
    next[prev[x]!] = next[x]!;
    if (next[x]! >= 0) prev[next[x]!] = prev[x]!;
  }

  private relink(x: number): void {
    const { next, prev } = this;
    next[prev[x]!] = x;
    if (next[x]! >= 0) prev[next[x]!] = x;
  }
}

/** The nodes by position, ties (ops that may never return, at +infinity) by node. */
function timeOrder(call: Float64Array, ret: Float64Array): ArrayLike<number> {
  return packedOrder(call, ret) ?? comparedOrder(call, ret);
}

function comparedOrder(call: Float64Array, ret: Float64Array): number[] {
  const n = call.length;
  const order = Array.from({ length: 2 * n }, (_, node) => node);
  const pos = (node: number) => (node < n ? call[node]! : ret[node - n]!);
  order.sort((a, b) => pos(a) - pos(b) || a - b);
  return order;
}

/**
 * The same order from a numeric sort of one number per node, position * (2n + 1) + node,
 * where positions are event positions (integers from 0; +infinity after the last): a sort
 * with a comparator was a tenth of a small history's check. Undefined when a position is
 * not such an integer, or the numbers would not all be exact.
 */
function packedOrder(call: Float64Array, ret: Float64Array): Int32Array | undefined {
  const n = call.length;
  const nodes = 2 * n + 1;
  let last = 0;
  for (const positions of [call, ret]) {
    for (const p of positions) {
      if (p === Number.POSITIVE_INFINITY) continue;
      if (!Number.isInteger(p) || p < 0) return undefined;
      if (p > last) last = p;
    }
  }
  const never = last + 1;
  if (never * nodes + nodes > Number.MAX_SAFE_INTEGER) return undefined;
  const keys = new Float64Array(2 * n);
  for (let node = 0; node < 2 * n; node++) {
    const p = node < n ? call[node]! : ret[node - n]!;
    keys[node] = (p === Number.POSITIVE_INFINITY ? never : p) * nodes + node;
  }
  keys.sort();
  const order = new Int32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) order[i] = keys[i]! % nodes;
  return order;
}
