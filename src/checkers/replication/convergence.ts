/**
 * Convergence (DDIA 5.3, "Converging toward a consistent state"; 5.4, figure 5-12): at the
 * end of the history, every replica of a key that is up holds the same state of it, the same
 * write or the same siblings. A key's replicas are its home replicas where the history names
 * them, else every replica that records an event; a replica with no event of the key holds
 * its initial state, but a home replica that records no event at all shows nothing: a key
 * whose other replicas agree is then undecided. The end of the history is taken as quiescent (every message delivered),
 * as a simulator's drained run or Jepsen's final reads after healing are.
 */
import type { History } from "../../history/model.js";
import { valueKey } from "../../history/vocabulary.js";
import type { Findings } from "../causal/findings.js";
import { opDetails } from "../details.js";
import type { AnomalyBase } from "../types.js";
import type { FinalStates } from "./final.js";
import { vectorKey } from "./versions.js";
import { Ev, homeOf, type ReplicationView } from "./view.js";

export interface Divergence extends AnomalyBase {
  kind: "divergence";
  key: unknown;
  /** Each distinct final state: the replicas that hold it and the event that set it (-1: the initial state). */
  states: { nodes: string[]; event: number }[];
}

export function findDivergence(
  view: ReplicationView,
  final: FinalStates,
  sink: Findings<Divergence>,
): number {
  const { h } = view;
  const cluster = replicas(view);
  const recorded = new Set(cluster);
  const keys = new Set<number>();
  for (const [, key] of final.states.slots()) keys.add(key);
  let checked = 0;
  for (const key of [...keys].sort((a, b) => a - b)) {
    if (sink.stopped || sink.expired()) break;
    checked++;
    const groups = new Map<string, { nodes: number[]; event: number }>();
    let unrecorded = false;
    for (const node of homeOf(view, key) ?? cluster) {
      if (final.down.has(node)) continue;
      if (!recorded.has(node)) {
        unrecorded = true;
        continue;
      }
      const event = final.states.lastEvent(node, key);
      const sig = signature(h, final, node, key, event);
      const g = groups.get(sig) ?? { nodes: [], event };
      g.nodes.push(node);
      groups.set(sig, g);
    }
    if (groups.size < 2) {
      const last = [...groups.values()][0]?.event ?? -1;
      if (unrecorded) sink.undecide("unrecorded-home", last);
      continue;
    }
    sink.add(() => diverged(view, key, [...groups.values()]));
  }
  return checked;
}

/** Every replica that records an event. */
function replicas(view: ReplicationView): number[] {
  const out = new Set<number>();
  for (let id = 0; id < view.h.size; id++) {
    const k = view.kind[id]!;
    if (k >= Ev.apply && k <= Ev.handoff && view.node[id]! >= 0) out.add(view.node[id]!);
  }
  return [...out].sort((a, b) => a - b);
}

/** What identifies a state: the writes it names, else its version and value; "" for the initial state. */
function signature(
  h: History,
  final: FinalStates,
  node: number,
  key: number,
  event: number,
): string {
  if (event < 0) return "";
  const writes = final.states.heldWrites(node, key);
  if (writes.length > 0) return `w:${[...writes].sort((a, b) => a - b).join(",")}`;
  const v = final.states.version(node, key);
  if (v === undefined) return "";
  const vk = typeof v === "number" ? String(v) : vectorKey(v);
  return `v:${vk}:${String(valueKey(h.value[event]))}`;
}

function diverged(
  view: ReplicationView,
  key: number,
  groups: { nodes: number[]; event: number }[],
): Divergence {
  const states = groups.map((g) => ({
    nodes: g.nodes.map((n) => view.nodes.values[n]!),
    event: g.event,
  }));
  return {
    kind: "divergence",
    ops: opDetails(
      view.h,
      states.map((s) => s.event).filter((e) => e >= 0),
    ),
    key: view.h.keys[key],
    states,
  };
}
