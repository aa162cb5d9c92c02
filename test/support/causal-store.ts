/**
 * Histories from a correct causally consistent store, for property tests: replicas apply
 * writes only after every write they depend on, sessions carry their causal context and may
 * hop between replicas (a replica first applies what the session has seen, as a causal store
 * must), and replicas replicate in the background. A read returns the write of the key that
 * the replica applied last ("apply" mode: causally consistent, replicas may disagree on
 * concurrent writes) or the applied write with the greatest Lamport timestamp ("lww" mode:
 * also convergent). Values are unique; histories carry no versions.
 */
import fc from "fast-check";
import { HistoryBuilder } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

export interface StoreStep {
  session: number;
  replica: number;
  kind: "r" | "w" | "sync";
  key: number;
}

export interface StoreOp {
  session: number;
  kind: "r" | "w";
  key: string;
  /** The write's value, or the value the read returned (null: the initial value). */
  value: number | null;
  /** A read: the index of the write op it returned (-1: initial). */
  from: number;
  /** The writes in this op's causal past before it ran (indices of write ops), and for a write its own Lamport time. */
  context: ReadonlySet<number>;
  lamport: number;
}

export const storeSteps = fc.array(
  fc.record({
    session: fc.nat(3),
    replica: fc.nat(2),
    kind: fc.constantFrom<"r" | "w" | "sync">("r", "w", "w", "sync"),
    key: fc.nat(2),
  }),
  { minLength: 1, maxLength: 50 },
);

interface Replica {
  applied: Set<number>;
  /** Per key, the writes in the order applied. */
  order: Map<string, number[]>;
}

export function runCausalStore(steps: StoreStep[], mode: "apply" | "lww"): StoreOp[] {
  const store = new Store(mode);
  for (const step of steps) store.step(step);
  return store.ops;
}

class Store {
  readonly ops: StoreOp[] = [];
  private readonly replicas: Replica[] = [0, 1, 2].map(() => ({
    applied: new Set(),
    order: new Map(),
  }));
  private readonly contexts = new Map<number, Set<number>>();

  constructor(private readonly mode: "apply" | "lww") {}

  step(step: StoreStep): void {
    const r = this.replicas[step.replica]!;
    const ctx = this.contexts.get(step.session) ?? new Set<number>();
    this.contexts.set(step.session, ctx);
    if (step.kind === "sync") {
      const pending = this.ops.flatMap((op, i) =>
        op.kind === "w" && !r.applied.has(i) ? [i] : [],
      );
      if (pending.length > 0) this.apply(r, pending[step.key % pending.length]!);
      return;
    }
    // A session moving to a replica first brings it up to what the session has seen.
    for (const w of ctx) this.apply(r, w);
    if (step.kind === "w") this.write(step, r, ctx);
    else this.read(step, r, ctx);
  }

  /** Applies w at replica r, after every write it depends on. */
  private apply(r: Replica, w: number): void {
    if (r.applied.has(w)) return;
    for (const d of [...this.ops[w]!.context].sort((a, b) => a - b)) this.apply(r, d);
    r.applied.add(w);
    const key = this.ops[w]!.key;
    r.order.set(key, [...(r.order.get(key) ?? []), w]);
  }

  private write(step: StoreStep, r: Replica, ctx: Set<number>): void {
    const lamport = 1 + Math.max(0, ...[...ctx].map((w) => this.ops[w]!.lamport));
    const key = `k${step.key}`;
    const value = this.ops.length + 1;
    this.ops.push({
      session: step.session,
      kind: "w",
      key,
      value,
      from: -1,
      context: new Set(ctx),
      lamport,
    });
    this.apply(r, this.ops.length - 1);
    ctx.add(this.ops.length - 1);
  }

  private read(step: StoreStep, r: Replica, ctx: Set<number>): void {
    const key = `k${step.key}`;
    const candidates = r.order.get(key) ?? [];
    const from =
      this.mode === "apply"
        ? (candidates[candidates.length - 1] ?? -1)
        : candidates.reduce(
            (best, w) => (best < 0 || newer(this.ops[w]!, w, this.ops[best]!, best) ? w : best),
            -1,
          );
    const value = from < 0 ? null : this.ops[from]!.value;
    this.ops.push({
      session: step.session,
      kind: "r",
      key,
      value,
      from,
      context: new Set(ctx),
      lamport: 0,
    });
    if (from >= 0) for (const w of [from, ...this.ops[from]!.context]) ctx.add(w);
  }
}

function newer(a: StoreOp, ai: number, b: StoreOp, bi: number): boolean {
  return a.lamport > b.lamport || (a.lamport === b.lamport && ai > bi);
}

/** One op after another, each completing before the next begins; sessions s0, s1, ... on processes of their own. */
export function storeHistory(ops: readonly StoreOp[]): History {
  const b = new HistoryBuilder("causal-store");
  let line = 0;
  for (const op of ops) {
    const f = op.kind === "w" ? "write" : "read";
    const base = { process: op.session, session: `s${op.session}`, f, key: op.key };
    b.add({ ...base, type: "invoke", value: op.kind === "w" ? op.value : null }, ++line);
    b.add({ ...base, type: "ok", value: op.value }, ++line);
  }
  return b.finish();
}
