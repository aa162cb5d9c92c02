/** The quorum fields of an op's extras: the replicas that acknowledged a write (`acks`), the replies a read gathered (`replies`). */
import { rawVersion, type Version } from "./versions.js";
import { names, type ReplicationView } from "./view.js";

export interface Reply {
  node: number;
  /** undefined: the replier held nothing (the initial state); null: a version that cannot be compared. */
  version: Version | undefined | null;
  value: unknown;
  /** The reply as the history wrote it, for reports. */
  raw: Record<string, unknown>;
}

/** The nodes that acknowledged a write, or undefined if it records none. */
export function acksOf(view: ReplicationView, id: number): number[] | undefined {
  return names(view.h.extras.get(id)?.acks, view.nodes);
}

/** The replies a read gathered, or undefined if it records none. */
export function repliesOf(view: ReplicationView, id: number): Reply[] | undefined {
  const raw = view.h.extras.get(id)?.replies;
  if (!Array.isArray(raw)) return undefined;
  const out: Reply[] = [];
  for (const r of raw) {
    if (typeof r !== "object" || r === null || typeof r.node !== "string") continue;
    const value = "value" in r ? r.value : null;
    let version = rawVersion(view.h, r.version);
    // A reply without a version holds the initial state only if it says so by its value.
    if (version === undefined && value !== null) version = null;
    out.push({ node: view.nodes.id(r.node), version, value, raw: r });
  }
  return out;
}

/** Does any op of the history carry this extra field? */
export function anyExtra(view: ReplicationView, field: string): boolean {
  for (const extra of view.h.extras.values()) if (field in extra) return true;
  return false;
}
