/**
 * The replica side of leaderless replication (DDIA 5.4): nodes that merge writes into their
 * store and record it (apply, repair), hints kept for unreachable home nodes and handed off
 * later (hint, handoff, with `for`), anti-entropy rounds that copy what a home replica lacks
 * from another, and the read-repair debts that ground truth watches (a stale replier is owed
 * the result of the read it answered).
 */
import type { Knowledge } from "./knowledge.js";
import type { LeaderlessOptions } from "./options.js";
import type { Store } from "./store.js";
import type { DeliveryTruth } from "./truth/delivery.js";
import type { Version } from "./versions.js";
import { includes } from "./versions.js";
import { type ClientOp, delay, reachable, type World, type WriteRec } from "./world.js";

interface Hint {
  w: WriteRec;
  home: number;
}

interface Debt {
  op: ClientOp;
  result: Version;
  node: number;
}

export interface Replicas {
  /** A node receives a write (from a coordinator, a repair, a handoff, anti-entropy). */
  deliver(node: number, w: WriteRec, f: "apply" | "repair"): void;
  hint(holder: number, w: WriteRec, home: number): void;
  /** The node's state of the key does not include the read's result: it owes a repair. */
  owe(op: ClientOp, node: number, result: Version): void;
  holdsHint(node: number, w: WriteRec): boolean;
  /** Runs handoff and anti-entropy rounds while clients run and while they make progress. */
  startBackground(): void;
  /** Reads whose stale repliers never came to include their result. */
  unpaid(): Map<ClientOp, number[]>;
}

export function createReplicas(
  w: World,
  store: Store,
  knowledge: Knowledge,
  homeOf: (key: number) => readonly number[],
  showState: (node: number, key: number) => Record<string, unknown>,
  show: (v: Version) => unknown,
  delivery: DeliveryTruth,
): Replicas {
  const showVersion = (x: WriteRec) => show(x.version);
  const r = w.o.replication as LeaderlessOptions;
  const hints: Hint[][] = w.nodes.map(() => []);
  const debts = new Map<number, Debt[]>();
  const slot = (node: number, key: number) => node * w.o.keys + key;
  const event = (node: number, f: string, fields: Record<string, unknown>): number => {
    if (!w.o.replicaEvents) return -1;
    return w.out.emit({
      index: 0,
      type: "ok",
      process: `replica:${w.nodes[node]!.name}`,
      f,
      ...fields,
      time: w.engine.now,
    });
  };
  const settle = (node: number, key: number) => {
    const list = debts.get(slot(node, key));
    if (list === undefined) return;
    const state = store.observed(node, key).version;
    const left = list.filter((d) => !includes(state, d.result));
    if (left.length === 0) debts.delete(slot(node, key));
    else debts.set(slot(node, key), left);
  };
  // A node learns a write's past only by applying it (see multi-leader.ts).
  const deliver: Replicas["deliver"] = (node, x, f) => {
    const lacking = delivery.missing(node, x);
    if (!store.merge(node, x)) return delivery.undo(node);
    knowledge.receive(node, x);
    const at = event(node, f, { key: w.keyNames[x.key], ...showState(node, x.key) });
    if (lacking !== undefined && at >= 0)
      delivery.label(at, w.nodes[node]!.name, w.keyNames[x.key]!, x, lacking);
    settle(node, x.key);
  };

  const handoffRound = (): boolean => {
    let moved = false;
    for (const [holder, list] of hints.entries()) {
      const keep: Hint[] = [];
      for (const h of list) {
        if (!reachable(w, holder, h.home)) {
          keep.push(h);
          continue;
        }
        moved = true;
        const x = h.w;
        event(holder, "handoff", {
          key: w.keyNames[x.key],
          value: x.value,
          version: showVersion(x),
          for: w.nodes[h.home]!.name,
        });
        deliver(h.home, x, "apply");
      }
      hints[holder] = keep;
    }
    return moved;
  };

  const antiEntropyRound = (): boolean => {
    let moved = false;
    for (let key = 0; key < w.o.keys; key++) {
      const home = homeOf(key);
      for (const a of home) {
        for (const b of home) {
          if (a === b || !reachable(w, a, b)) continue;
          for (const x of store.held(a, key)) {
            if (store.includes(b, x)) continue;
            moved = true;
            deliver(b, x, "apply");
          }
        }
      }
    }
    return moved;
  };

  /** A background task repeats while clients run, and after that while it still changes something. */
  const every = (period: number, task: () => boolean) => {
    const run = () => {
      if (task() || w.clientsActive) w.engine.after(period, run);
    };
    w.engine.after(period + delay(w, [0, period]), run);
  };

  return {
    deliver,
    hint(holder, x, home) {
      knowledge.receive(holder, x);
      hints[holder]!.push({ w: x, home });
      event(holder, "hint", {
        key: w.keyNames[x.key],
        value: x.value,
        version: showVersion(x),
        for: w.nodes[home]!.name,
      });
    },
    owe(op, node, result) {
      if (includes(store.observed(node, op.key).version, result)) return;
      const s = slot(node, op.key);
      debts.set(s, [...(debts.get(s) ?? []), { op, result, node }]);
    },
    holdsHint: (node, x) => hints[node]!.some((h) => h.w === x),
    startBackground() {
      every(r.handoffInterval, handoffRound);
      if (r.antiEntropy > 0) every(r.antiEntropy, antiEntropyRound);
    },
    unpaid() {
      const out = new Map<ClientOp, number[]>();
      for (const list of debts.values())
        for (const d of list) out.set(d.op, [...(out.get(d.op) ?? []), d.node]);
      return out;
    },
  };
}
