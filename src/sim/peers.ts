/**
 * What the schemes whose nodes accept writes on their own (multi-leader, leaderless) build
 * alike: the replicas' store, what each node and session knows, and the ground truth of
 * write conflicts and causal delivery that both read from them.
 */
import { createKnowledge, type Knowledge, minKnown } from "./knowledge.js";
import type { Conflicts } from "./options.js";
import { createStore, type Store } from "./store.js";
import { type ConflictTruth, createConflictTruth } from "./truth/conflicts.js";
import { createDeliveryTruth, type DeliveryTruth } from "./truth/delivery.js";
import type { World } from "./world.js";

export interface Peers {
  store: Store;
  knowledge: Knowledge;
  conflicts: ConflictTruth;
  delivery: DeliveryTruth;
}

export function createPeers(w: World, nodes: number, conflictMode: Conflicts): Peers {
  const { o } = w;
  const store = createStore(nodes, o.keys, conflictMode, o.sessions);
  const knowledge = createKnowledge(nodes, o.sessions);
  const conflicts = createConflictTruth(w, nodes, (origin) => minKnown(knowledge, nodes, origin));
  const delivery = createDeliveryTruth(w.out, (n, y) => store.includes(n, y), nodes);
  return { store, knowledge, conflicts, delivery };
}
