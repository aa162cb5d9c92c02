/**
 * The edge kinds of happens-before graphs, one table: each kind's id in the compact graph
 * (its bit in a KindMask) and its name, which is also the relation an explanation's step
 * names. Session order, reads-from and version order are facts of the history; assumed order
 * rests on a stated assumption; real time is drawn only on request; conflict and view order
 * are derived by the causal checker (Bouajjani et al. 2017's cf and hb_o).
 */
import { kindMask } from "./graph.js";

export const EdgeKind = {
  /** Two ops of one session, the first completed before the second began. */
  sessionOrder: 0,
  /** A read observed a write. */
  readsFrom: 1,
  /** Two writes of one key, ordered by their versions (numbers, vectors, list positions). */
  versionOrder: 2,
  /** Two writes of one key, ordered by a stated assumption (linearizable-keys, ...). */
  assumedOrder: 3,
  /** One op completed before another began (returns-before). */
  realTime: 4,
  /** A read returned W2 although W1 was in its causal past: W1 must take effect before W2. */
  conflict: 5,
  /** W1 precedes W2 in one session's view of the history (causal memory's hb_o). */
  viewOrder: 6,
} as const;

export type EdgeKindName =
  | "session-order"
  | "reads-from"
  | "version-order"
  | "assumed-order"
  | "real-time"
  | "conflict"
  | "view-order";

export const edgeKindNames: readonly EdgeKindName[] = [
  "session-order",
  "reads-from",
  "version-order",
  "assumed-order",
  "real-time",
  "conflict",
  "view-order",
];

/** Causal order: session order and reads-from, (so ∪ rf)+. */
export const CAUSAL = kindMask(EdgeKind.sessionOrder, EdgeKind.readsFrom);

/** Causal order together with the version order the history gives or an assumption states. */
export const CAUSAL_AND_VERSIONS = kindMask(
  EdgeKind.sessionOrder,
  EdgeKind.readsFrom,
  EdgeKind.versionOrder,
  EdgeKind.assumedOrder,
);

export function edgeKindId(name: string): number | undefined {
  const i = edgeKindNames.indexOf(name as EdgeKindName);
  return i < 0 ? undefined : i;
}
