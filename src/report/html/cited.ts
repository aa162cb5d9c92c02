/**
 * A timeline of only the ops a report cites (its anomalies' ops and its undecided examples),
 * for a report saved without a timeline: `causeway report --format html` still draws what the
 * proofs are about. Positions are source lines, the only order every cited op carries.
 */
import type { OpDetail } from "../../checkers/types.js";
import { canonicalKey, jsonText } from "../../value-text.js";
import type { FileReport } from "../model.js";
import { deltas, MAX_TIMELINE_VALUE, type Timeline } from "../timeline.js";

const statusChars = { ok: "o", fail: "f", info: "i", event: "e" } as const;

export function citedTimeline(f: FileReport): Timeline {
  const ops = citedOps(f);
  const intern = interner();
  // A cited op carries lines, not positions: an info op on one line never completed.
  const offset = (o: OpDetail) =>
    o.status === "info" && o.line === o.invokeLine ? -1 : o.line - o.invokeLine;
  const value: unknown[] = [];
  const omitted: number[] = [];
  ops.forEach((o, i) => {
    const short = jsonText(o.value).length <= MAX_TIMELINE_VALUE;
    value.push(short ? o.value : null);
    if (!short) omitted.push(i);
  });
  // Index the columns first: the dictionaries fill as they are indexed.
  const columns = {
    process: ops.map((o) => intern.index("process", o.process)),
    session: ops.map((o) => intern.index("session", o.session ?? o.process)),
    f: ops.map((o) => intern.index("f", o.f)),
    key: ops.map((o) => ("key" in o ? intern.index("key", o.key) : -1)),
    node: ops.map((o) => (o.node === undefined ? -1 : intern.index("node", o.node))),
  };
  return {
    ops: ops.length,
    positions: "line",
    id: ops.map((o) => o.id),
    processes: intern.values("process"),
    sessions: intern.values("session"),
    fs: intern.values("f"),
    keys: intern.values("key"),
    nodes: intern.values("node"),
    status: ops.map((o) => statusChars[o.status]).join(""),
    ...columns,
    invPos: deltas(ops.map((o) => o.invokeLine)) as number[],
    cmpPos: ops.map(offset),
    invLine: deltas(ops.map((o) => o.invokeLine)) as number[],
    cmpLine: ops.map(offset),
    value,
    omitted,
  };
}

/** Every op the file's results cite, each once, in op order. */
export function citedOps(f: FileReport): OpDetail[] {
  const byId = new Map<number, OpDetail>();
  for (const r of f.results) {
    for (const a of r.anomalies) for (const o of a.ops) byId.set(o.id, o);
    for (const u of r.undecided) for (const o of u.examples) byId.set(o.id, o);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Interns values per column by their JSON, keeping first-seen order. */
function interner() {
  const tables = new Map<string, Map<string, number>>();
  const lists = new Map<string, unknown[]>();
  return {
    index(column: string, v: unknown): number {
      let table = tables.get(column);
      if (table === undefined) {
        table = new Map();
        tables.set(column, table);
        lists.set(column, []);
      }
      const k = canonicalKey(v);
      let i = table.get(k);
      if (i === undefined) {
        i = table.size;
        table.set(k, i);
        lists.get(column)!.push(v);
      }
      return i;
    },
    values(column: string): never[] {
      return (lists.get(column) ?? []) as never[];
    },
  };
}
