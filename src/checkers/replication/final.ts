/** What every replica holds at the end of the history: its states after replaying every event, computed once and shared. */
import { getOrInsert } from "../../history/columns.js";
import type { History } from "../../history/model.js";
import { ReplicaStates } from "./states.js";
import { Ev, replicationView } from "./view.js";
import { writeIndex } from "./writes.js";

export interface FinalStates {
  readonly states: ReplicaStates;
  /** Per write ordinal: 1 if some replica's final state names it. */
  readonly held: Uint8Array;
  /** Nodes down at the end (a crash with no recovery after it). */
  readonly down: ReadonlySet<number>;
}

const cache = new WeakMap<History, FinalStates>();

export function finalStates(h: History): FinalStates {
  return getOrInsert(cache, h, () => {
    const view = replicationView(h);
    const writes = writeIndex(h);
    const states = new ReplicaStates(view, writes);
    const down = new Set<number>();
    for (let p = 0; p < view.order.length; p++) {
      const e = view.order[p]!;
      if (e < 0 || (e & 1) === 0) continue;
      const id = e >> 1;
      if (states.replay(id)) continue;
      if (view.kind[id] === Ev.crash) down.add(view.node[id]!);
      else if (view.kind[id] === Ev.recover) down.delete(view.node[id]!);
    }
    const held = new Uint8Array(writes.ids.length);
    for (const [node, key] of states.slots())
      for (const w of states.heldWrites(node, key)) held[w] = 1;
    return { states, held, down };
  });
}
