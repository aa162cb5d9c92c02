/**
 * Replication lag per replica (DDIA 5.2, "Problems with replication lag"; figure 5-1): for
 * each write and each replica, the time from the first event at which any replica held the
 * write to the event at which this replica did. With numeric versions a replica holds every
 * write of the key up to its state's version (last write wins may skip a write: the replica
 * holds it once it holds something newer); with vectors, a write it names. Each (replica,
 * write) pair is counted once, at its first time, so the cost is linear in events plus
 * writes times replicas.
 */

import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { timeOf } from "../../history/model.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase, MeasurementTable } from "../types.js";
import { quantiles, round, Samples } from "./figures.js";
import { opVersion } from "./versions.js";
import { Ev, type ReplicationView } from "./view.js";
import type { WriteIndex } from "./writes.js";

export interface LagExceeded extends AnomalyBase {
  kind: "lag-exceeded";
  key: unknown;
  node: string;
  /** Op ids: the write W, the event F at which a replica first held it, the event A at which `node` did. */
  write: number;
  first: number;
  applied: number;
  lag: number;
  bound: number;
}

interface KeyWrites {
  versions: Float64Array;
  ordinals: Int32Array;
}

export interface LagFigures {
  /** Per replica (node id), its lag samples. */
  byNode: Map<number, Samples>;
  /** Replica events without a time (not measured). */
  untimed: number;
}

export function measureLag(
  view: ReplicationView,
  writes: WriteIndex,
  sink: Findings<LagExceeded>,
  bound: number | undefined,
): LagFigures {
  const { h } = view;
  const keys = numericWrites(h, writes);
  const firstAt = new Int32Array(writes.ids.length).fill(-1);
  const pointer = new Map<number, number>();
  const seen = new Map<number, Set<number>>();
  const fig: LagFigures = { byNode: new Map(), untimed: 0 };
  const width = Math.max(1, h.keys.length);
  const include = (w: number, e: number, node: number) => {
    if (firstAt[w]! < 0) firstAt[w] = e;
    const lag = timeOf(h, e, "cmp") - timeOf(h, firstAt[w]!, "cmp");
    getOrInsert(fig.byNode, node, () => new Samples()).push(lag);
    if (bound !== undefined && lag > bound)
      sink.add(() => exceeded(view, writes, { w, first: firstAt[w]!, e, node, lag, bound }));
  };
  for (let p = 0; p < view.order.length && !sink.stopped; p++) {
    const e = view.order[p]!;
    if (e < 0 || (e & 1) === 0 || sink.expired()) continue;
    const id = e >> 1;
    const kind = view.kind[id]!;
    if (kind !== Ev.apply && kind !== Ev.repair) continue;
    const node = view.node[id]!;
    const key = h.key[id]!;
    if (node < 0 || key < 0) continue;
    if (Number.isNaN(timeOf(h, id, "cmp"))) {
      fig.untimed++;
      continue;
    }
    const v = opVersion(h, id);
    const slot = node * width + key;
    const kw = keys.get(key);
    if (typeof v === "number" && kw !== undefined) {
      let i = pointer.get(slot) ?? 0;
      for (; i < kw.versions.length && kw.versions[i]! <= v; i++)
        include(kw.ordinals[i]!, id, node);
      pointer.set(slot, i);
    } else if (typeof v !== "number") {
      const had = getOrInsert(seen, slot, () => new Set<number>());
      for (const w of writes.named(id)) {
        if (had.has(w)) continue;
        had.add(w);
        include(w, id, node);
      }
    }
  }
  return fig;
}

/** Per key, its writes with numeric versions, sorted by version. */
function numericWrites(h: History, writes: WriteIndex): Map<number, KeyWrites> {
  const byKey = new Map<number, number[]>();
  for (let w = 0; w < writes.ids.length; w++) {
    const v = writes.version(w);
    if (typeof v === "number") getOrInsert(byKey, h.key[writes.ids[w]!]!, () => []).push(w);
  }
  const out = new Map<number, KeyWrites>();
  for (const [key, ws] of byKey) {
    ws.sort((a, b) => (writes.version(a) as number) - (writes.version(b) as number));
    out.set(key, {
      versions: Float64Array.from(ws, (w) => writes.version(w) as number),
      ordinals: Int32Array.from(ws),
    });
  }
  return out;
}

function exceeded(
  view: ReplicationView,
  writes: WriteIndex,
  f: { w: number; first: number; e: number; node: number; lag: number; bound: number },
): LagExceeded {
  const write = writes.ids[f.w]!;
  return {
    kind: "lag-exceeded",
    ops: opDetails(view.h, [write, f.first, f.e]),
    key: view.h.keys[view.h.key[write]!],
    node: view.nodes.values[f.node]!,
    write,
    first: f.first,
    applied: f.e,
    lag: round(f.lag),
    bound: f.bound,
  };
}

export function lagTable(view: ReplicationView, fig: LagFigures): MeasurementTable {
  const rows = [...fig.byNode]
    .map(([node, s]) => [view.nodes.values[node]!, s.length, ...quantiles(s.sorted())])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  return {
    title: "replication lag per replica: from a write's first apply anywhere to its apply here",
    columns: ["replica", "writes", "p50", "p90", "p99", "max"],
    rows,
  };
}
