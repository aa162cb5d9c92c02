/**
 * The op vocabulary every layer shares, written once: what an f name means (its class), which
 * ops are indeterminate, which processes are clients, and the one key by which values are
 * compared and interned. Jepsen's names and Elle's micro-op names map onto the same classes:
 * read/r/get, write/w/put, cas, append, add, txn, ...
 */

import { canonicalKey } from "../value-text.js";
import { type History, Status } from "./model.js";

export type FClass =
  | "read"
  | "write"
  | "cas"
  | "append"
  | "add"
  | "txn"
  | "acquire"
  | "release"
  | "enqueue"
  | "dequeue"
  | "other";

const classes = new Map<string, FClass>([
  ["read", "read"],
  ["r", "read"],
  ["get", "read"],
  ["write", "write"],
  ["w", "write"],
  ["put", "write"],
  ["cas", "cas"],
  ["compare-and-set", "cas"],
  ["append", "append"],
  ["add", "add"],
  ["txn", "txn"],
  ["acquire", "acquire"],
  ["release", "release"],
  ["enqueue", "enqueue"],
  ["dequeue", "dequeue"],
]);

/** An f name without the leading ":" that an EDN keyword may keep. */
export function bareF(f: string): string {
  return f.charCodeAt(0) === 58 ? f.slice(1) : f;
}

/** The class of an f name (of an op or a micro-op). */
export function fClass(f: string): FClass {
  return classes.get(bareF(f)) ?? "other";
}

/** Op `id`'s f name, bare. */
export function opF(h: History, id: number): string {
  return bareF(h.fs[h.f[id]!]!);
}

/** The op may or may not have taken effect: it completed with info, or never completed. */
export function isIndeterminate(h: History, id: number): boolean {
  return h.status[id] === Status.info || h.cmpPos[id]! < 0;
}

/** Named processes ("nemesis", "replica:n1") are not clients, as in Jepsen. */
export function isNamedProcess(h: History, id: number): boolean {
  return typeof h.processes[h.process[id]!] === "string";
}

/** An op of a client process (not a lone event, not a nemesis or replica). */
export function isClientOp(h: History, id: number): boolean {
  return h.status[id] !== Status.event && !isNamedProcess(h, id);
}

/** The op's key (`null` for a keyless op: the single register of a keyless history). */
export function opKey(h: History, id: number): unknown {
  const k = h.key[id]!;
  return k < 0 ? null : h.keys[k];
}

/**
 * The one key by which values are compared and interned: 1, 1n, "1", null and [1] stay apart;
 * numbers and plain strings are their own key (no string is built per lookup). Structured
 * values go by their canonical text (value-text.ts: no recursion, bigints exact, map entries
 * in any order equal).
 */
export function valueKey(v: unknown): unknown {
  if (typeof v === "number") return v;
  if (typeof v === "string") return v.charCodeAt(0) === 0 ? `\u0000s${v}` : v;
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return `\u0000n${v}`;
  return `\u0000j${canonicalKey(v)}`;
}

/** A transaction's value: a non-empty list of [f, key, value] micro-ops with a string f. */
export function isTxn(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const m of value) {
    if (!Array.isArray(m) || m.length !== 3 || typeof m[0] !== "string") return false;
  }
  return true;
}
