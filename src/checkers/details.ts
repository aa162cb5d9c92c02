/** Ops as anomalies and undecided results cite them: everything a report shows, copied out of the History. */
import {
  exactTime,
  exactVersion,
  type History,
  indexOf,
  lineOf,
  statusNames,
} from "../history/model.js";
import { bareF, opKey } from "../history/vocabulary.js";
import type { OpDetail, VersionShown } from "./types.js";

export function opDetail(h: History, id: number): OpDetail {
  const side = h.cmpPos[id]! >= 0 ? "cmp" : "inv";
  const detail: OpDetail = {
    id,
    index: indexOf(h, id, side),
    line: lineOf(h, id, side),
    invokeLine: lineOf(h, id, "inv"),
    status: statusNames[h.status[id]!]!,
    process: h.processes[h.process[id]!]!,
    f: bareF(h.fs[h.f[id]!]!),
    value: h.value[id] ?? null,
  };
  const session = h.sessions[h.session[id]!]!;
  if (session !== detail.process) detail.session = session;
  const key = opKey(h, id);
  if (h.key[id]! >= 0) detail.key = key;
  const version = versionOf(h, id);
  if (version !== undefined) detail.version = version;
  if (h.node[id]! >= 0) detail.node = h.nodes[h.node[id]!]!;
  const time = exactTime(h, id);
  if (time !== undefined) detail.time = time;
  return detail;
}

export function versionOf(h: History, id: number): VersionShown | undefined {
  const n = exactVersion(h, id);
  if (n !== undefined) return n;
  const vec = h.vectors.get(id);
  return vec === undefined ? undefined : Object.fromEntries([...vec].sort(byName));
}

function byName(a: [string, number], b: [string, number]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Op details of several op ids, each once, in the order given. */
export function opDetails(h: History, ids: Iterable<number>): OpDetail[] {
  const seen = new Set<number>();
  const out: OpDetail[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(opDetail(h, id));
  }
  return out;
}

/** The cited op with this id (a checker's anomaly names ops by id and lists them in `ops`). */
export function citedOp(ops: readonly OpDetail[], id: number): OpDetail {
  const op = ops.find((o) => o.id === id);
  if (op === undefined) throw new Error(`anomaly cites op ${id} but does not list it`);
  return op;
}
