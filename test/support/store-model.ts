/**
 * Histories generated from a correct single-copy register store: every read returns the
 * current value and version, so every session guarantee holds. Tests then break one read.
 */
import fc from "fast-check";
import { HistoryBuilder, type RawEvent } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

export interface Step {
  session: number;
  kind: "r" | "w";
  key: number;
}

export interface ModelOp {
  session: number;
  kind: "r" | "w";
  key: string;
  value: number | null;
  version: number;
}

export const steps = fc.array(
  fc.record({ session: fc.nat(3), kind: fc.constantFrom<"r" | "w">("r", "w"), key: fc.nat(2) }),
  { minLength: 1, maxLength: 60 },
);

/** Runs the steps against one register per key; values are unique (the step number). */
export function runStore(input: Step[]): ModelOp[] {
  const current = new Map<string, { value: number | null; version: number }>();
  return input.map((s, i) => {
    const key = `k${s.key}`;
    const now = current.get(key) ?? { value: null, version: 0 };
    if (s.kind === "w") {
      const next = { value: i + 1, version: now.version + 1 };
      current.set(key, next);
      return { session: s.session, kind: "w", key, ...next };
    }
    return { session: s.session, kind: "r", key, ...now };
  });
}

/** Sequential events (each op completes before the next begins); versions only if asked. */
export function toHistory(ops: ModelOp[], withVersions: boolean): History {
  const b = new HistoryBuilder("model");
  let line = 0;
  for (const op of ops) {
    const f = op.kind === "w" ? "write" : "read";
    const base: RawEvent = {
      type: "invoke",
      process: op.session,
      session: `s${op.session}`,
      f,
      key: op.key,
    };
    b.add({ ...base, value: op.kind === "w" ? op.value : null }, ++line);
    const done: RawEvent = { ...base, type: "ok", value: op.value };
    if (withVersions) done.version = op.version;
    b.add(done, ++line);
  }
  return b.finish();
}

/** Reads whose session wrote the key before and never read it before: a stale value there breaks read-your-writes alone. */
export function rywCandidates(ops: ModelOp[]): number[] {
  const out: number[] = [];
  const wrote = new Set<string>();
  const read = new Set<string>();
  ops.forEach((op, i) => {
    const sk = `${op.session}/${op.key}`;
    if (op.kind === "w") wrote.add(sk);
    else {
      if (wrote.has(sk) && !read.has(sk) && op.version > 0) out.push(i);
      read.add(sk);
    }
  });
  return out;
}

/** Reads after an earlier read of the key by the session (that saw a written value) and with no write of it by the session. */
export function mrCandidates(ops: ModelOp[]): number[] {
  const out: number[] = [];
  const wrote = new Set<string>();
  const seen = new Set<string>();
  ops.forEach((op, i) => {
    const sk = `${op.session}/${op.key}`;
    if (op.kind === "w") wrote.add(sk);
    else {
      if (seen.has(sk) && !wrote.has(sk)) out.push(i);
      if (op.version > 0) seen.add(sk);
    }
  });
  return out;
}
