/** The history's events in real-time order: entry = op id * 2, plus 1 for a completion. */
import type { History } from "./model.js";

const cache = new WeakMap<History, Int32Array>();

export function eventOrder(h: History): Int32Array {
  const cached = cache.get(h);
  if (cached !== undefined) return cached;
  const order = new Int32Array(h.events).fill(-1);
  for (let id = 0; id < h.size; id++) {
    order[h.invPos[id]!] = id * 2;
    const c = h.cmpPos[id]!;
    if (c >= 0) order[c] = id * 2 + 1;
  }
  cache.set(h, order);
  return order;
}
