/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): the timeline's columns decoded, and laid out in rows (one
 * per session or process, optionally grouped by replica; replica-side events on their
 * replica's row), each row's ops sorted by start with a running maximum of their ends, so
 * that the ops in a window are found by binary search and drawing costs what is visible.
 */
import type { Timeline } from "../../timeline.js";

export interface Decoded {
  t: Timeline;
  n: number;
  ids: number[];
  index: Map<number, number>;
  invPos: Float64Array;
  cmpPos: Float64Array;
  invLine: Float64Array;
  cmpLine: Float64Array;
  invTime: Float64Array | null;
  cmpTime: Float64Array | null;
  hasTime: boolean;
}

export interface Row {
  label: string;
  header: boolean;
  ops: Int32Array;
  /** ends[k]: the largest end among ops[0..k]. */
  ends: Float64Array;
}

export interface Layout {
  rows: Row[];
  rowOf: Int32Array;
  start: Float64Array;
  end: Float64Array;
  min: number;
  max: number;
}

export type RowMode = "session" | "process";
export type Axis = "position" | "time";

export function undelta(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = Number.NaN;
    else {
      // A time beyond 2^53 was read as a bigint: a drawing needs no more than a float.
      last += Number(v);
      out[i] = last;
    }
  }
  return out;
}

export function offsetsFrom(
  base: Float64Array,
  off: readonly (number | null)[],
  none: number | null,
) {
  return Float64Array.from(base, (b, i) => (off[i] === none ? Number.NaN : b + Number(off[i])));
}

export function decodeTimeline(t: Timeline): Decoded {
  const invPos = undelta(t.invPos);
  const invLine = undelta(t.invLine);
  const invTime = t.invTime ? undelta(t.invTime) : null;
  const ids = t.id ?? Array.from({ length: t.ops }, (_, i) => i);
  return {
    t,
    n: t.ops,
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    invPos,
    cmpPos: offsetsFrom(invPos, t.cmpPos, -1),
    invLine,
    cmpLine: offsetsFrom(invLine, t.cmpLine, -1),
    invTime,
    cmpTime: invTime && t.cmpTime ? offsetsFrom(invTime, t.cmpTime, null) : null,
    hasTime: invTime?.every((x) => !Number.isNaN(x)) ?? false,
  };
}

/** The replica an op belongs to: the node that served it, else a replica process's own name. */
export function replicaOf(d: Decoded, i: number): string | null {
  const node = d.t.node[i]!;
  if (node >= 0) return d.t.nodes[node]!;
  const p = d.t.processes[d.t.process[i]!];
  return typeof p === "string" ? p.replace(/^(replica|node)[:/]/, "") : null;
}

export function rowKey(
  d: Decoded,
  i: number,
  mode: RowMode,
  grouped: boolean,
): [string, string, string] {
  const p = d.t.processes[d.t.process[i]!]!;
  const client = typeof p === "number";
  const group = grouped ? (replicaOf(d, i) ?? "") : "";
  let label: string;
  if (!client) label = mode === "process" ? p : `replica ${replicaOf(d, i)}`;
  else if (mode === "process") label = `process ${p}`;
  else {
    // A session that is just its process (none recorded) is named as the process.
    const session = d.t.sessions[d.t.session[i]!];
    label = session === p ? `process ${p}` : `session ${String(session)}`;
  }
  return [group, `${client ? 1 : 0}${label}`, label];
}

export function layoutRows(d: Decoded, mode: RowMode, grouped: boolean, axis: Axis): Layout {
  const [start, end, min, max] = spans(d, axis);
  const groups = new Map<string, Map<string, { label: string; ops: number[] }>>();
  for (let i = 0; i < d.n; i++) {
    const [g, key, label] = rowKey(d, i, mode, grouped);
    let rows = groups.get(g);
    if (!rows) {
      rows = new Map();
      groups.set(g, rows);
    }
    let row = rows.get(key);
    if (!row) {
      row = { label, ops: [] };
      rows.set(key, row);
    }
    row.ops.push(i);
  }
  const rows: Row[] = [];
  const names = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : 1));
  for (const g of names) {
    if (grouped) rows.push(headerRow(g === "" ? "no replica recorded" : `replica ${g}`));
    // Replica rows first (their keys start with 0), then clients in order of appearance.
    const members = [...groups.get(g)!.entries()].sort((a, b) => Number(a[0][0]) - Number(b[0][0]));
    for (const [, r] of members) rows.push(sortedRow(r.label, r.ops, start, end));
  }
  const rowOf = new Int32Array(d.n);
  rows.forEach((r, k) => {
    for (const i of r.ops) rowOf[i] = k;
  });
  return { rows, rowOf, start, end, min, max };
}

export function headerRow(label: string): Row {
  return { label, header: true, ops: new Int32Array(0), ends: new Float64Array(0) };
}

export function sortedRow(
  label: string,
  ops: number[],
  start: Float64Array,
  end: Float64Array,
): Row {
  const sorted = Int32Array.from(ops).sort((a, b) => start[a]! - start[b]! || a - b);
  const ends = new Float64Array(sorted.length);
  let m = Number.NEGATIVE_INFINITY;
  sorted.forEach((i, k) => {
    m = Math.max(m, end[i]!);
    ends[k] = m;
  });
  return { label, header: false, ops: sorted, ends };
}

/** Start and end of every op on the axis; an op never completed runs to the end. */
export function spans(d: Decoded, axis: Axis): [Float64Array, Float64Array, number, number] {
  const inv = axis === "time" && d.invTime ? d.invTime : d.invPos;
  const cmp = axis === "time" && d.cmpTime ? d.cmpTime : d.cmpPos;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.n; i++) {
    min = Math.min(min, inv[i]!);
    max = Math.max(max, inv[i]!, Number.isNaN(cmp[i]!) ? inv[i]! : cmp[i]!);
  }
  if (!(max > min)) max = min + 1;
  const open = (i: number) => (d.t.status[i] === "e" ? inv[i]! : max);
  const end = Float64Array.from(cmp, (c, i) => (Number.isNaN(c) ? open(i) : c));
  return [Float64Array.from(inv), end, min, max];
}

/**
 * The layout with the rows holding any of `ops` moved to the top (a whole replica group when
 * grouped, header and all), so that the rows of one proof sit together.
 */
export function pinRows(layout: Layout, ops: Iterable<number>): Layout {
  const wanted = new Set<number>();
  for (const i of ops) wanted.add(layout.rowOf[i]!);
  const blocks: Row[][] = [];
  for (const row of layout.rows) {
    if (row.header || blocks.length === 0 || (!layout.rows[0]!.header && !row.header))
      blocks.push([]);
    blocks[blocks.length - 1]!.push(row);
  }
  const index = new Map(layout.rows.map((r, k) => [r, k]));
  const pinned = (b: Row[]) => b.some((r) => wanted.has(index.get(r)!));
  const rows = [...blocks.filter(pinned), ...blocks.filter((b) => !pinned(b))].flat();
  const rowOf = new Int32Array(layout.rowOf.length);
  rows.forEach((r, k) => {
    for (const i of r.ops) rowOf[i] = k;
  });
  return { ...layout, rows, rowOf };
}

/** The first position in a row whose op may end at or after `a`. */
export function firstEndingAfter(row: Row, a: number): number {
  let lo = 0;
  let hi = row.ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (row.ends[mid]! < a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
