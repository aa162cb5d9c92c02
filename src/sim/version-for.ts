/**
 * The version a node gives a client's write, the same under every multi-writer scheme: a
 * last-write-wins timestamp from the node's (possibly skewed) clock, or, when siblings are
 * kept, a version vector: the context the client read, its own write counted, and (figure
 * 5-13's bug) everything the node holds when a blind write may replace the siblings.
 */
import type { Conflicts } from "./options.js";
import type { Store } from "./store.js";
import { lwwTimestamp, type Version, vvJoinInto } from "./versions.js";
import { type ClientOp, clockOf, type World } from "./world.js";

export function versioner(
  w: World,
  store: Store,
  r: { conflicts: Conflicts; overwrite: boolean },
  nodes: number,
  sessions: number,
): (op: ClientOp, node: number) => Version {
  const lastTs = new Float64Array(nodes);
  return (op, node) => {
    if (r.conflicts !== "siblings") {
      const ts = lwwTimestamp(clockOf(w, node), node, lastTs[node]!);
      lastTs[node] = ts;
      return ts;
    }
    const v = op.context?.slice() ?? new Int32Array(sessions);
    if (r.overwrite && op.context === undefined)
      for (const x of store.held(node, op.key)) vvJoinInto(v, x.version as Int32Array);
    v[op.session.index] = op.session.writes;
    return v;
  };
}
