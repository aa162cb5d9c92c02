/**
 * The links between datacenter leaders (DDIA 5.3): each is FIFO, with its own latency
 * (drawn once per link) and some jitter per message, plus the receiving node's lag spike; so
 * in an all-to-all topology a message over two short links can overtake one over a long
 * link. A message that would arrive while
 * the link is cut (a crash or a partition) waits at the sender and goes out, in order, once
 * the link is back.
 */
import type { MultiLeaderOptions } from "./options.js";
import { delay, reachable, type World, type WriteRec } from "./world.js";

export interface Links {
  send(from: number, to: number, w: WriteRec): void;
  /** Resends what waited on links that are usable again. */
  retry(): void;
}

export function createLinks(
  w: World,
  arrive: (from: number, to: number, x: WriteRec) => void,
): Links {
  const r = w.o.replication as MultiLeaderOptions;
  const n = w.nodes.length;
  const last = new Float64Array(n * n);
  const waiting: WriteRec[][] = Array.from({ length: n * n }, () => []);
  // Each link has its own latency (datacenters are at different distances), plus jitter.
  const base = Array.from({ length: n * n }, () => delay(w, r.linkDelay));
  const schedule = (from: number, to: number, x: WriteRec) => {
    const link = from * n + to;
    const latency = base[link]! + w.rng.int(0, Math.floor(base[link]! / 4));
    const at = Math.max(w.engine.now + latency + w.nodes[to]!.extraLag, last[link]!);
    last[link] = at;
    w.engine.after(at - w.engine.now, () => {
      if (!reachable(w, from, to) || waiting[link]!.length > 0) {
        waiting[link]!.push(x);
        return;
      }
      arrive(from, to, x);
    });
  };
  return {
    send(from, to, x) {
      if (waiting[from * n + to]!.length > 0) waiting[from * n + to]!.push(x);
      else schedule(from, to, x);
    },
    retry() {
      for (let link = 0; link < n * n; link++) {
        const from = Math.floor(link / n);
        const to = link % n;
        const list = waiting[link]!;
        if (list.length === 0 || !w.nodes[from]!.up || !reachable(w, from, to)) continue;
        waiting[link] = [];
        for (const x of list) schedule(from, to, x);
      }
    },
  };
}
