/**
 * What the EDN reader (edn-read.ts) makes of complete forms: tags applied, micro-op names
 * decided, map keys and fields set safely, sets put in a fixed order. Nothing here recurses.
 */
import { canonicalKey, jsonText } from "../history/value-text.js";
import { EdnSyntax } from "./edn-tokens.js";

/** A keyword at a micro-op's first two places, named or not once the whole :value is read. */
export class Keyword {
  constructor(readonly name: string) {}
}

/** A `#tag` or `#_` waiting for the form it applies to. */
export type Mark = { tag: string; at: number };

export function applyTag(mark: Mark, v: unknown): unknown {
  if (mark.tag !== "inst") return v;
  const t = typeof v === "string" ? new Date(v) : undefined;
  if (t === undefined || Number.isNaN(t.getTime())) {
    throw new EdnSyntax(mark.at, "malformed EDN: #inst needs a time stamp string");
  }
  return t.toISOString();
}

/** The micro-ops of a transaction name their function and key, if every item is one. */
export function nameMicroOps(items: unknown[]): void {
  const all =
    items.length > 0 &&
    items.every((m) => Array.isArray(m) && m.length >= 2 && m[0] instanceof Keyword);
  for (const m of items) {
    if (!Array.isArray(m)) continue;
    for (let j = 0; j < 2 && j < m.length; j++) {
      const x = m[j];
      if (x instanceof Keyword) m[j] = all ? x.name : `:${x.name}`;
    }
  }
}

export function keyName(k: unknown): string {
  return typeof k === "string" ? k : jsonText(k);
}

export function isMap(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Assigns without letting a key named __proto__ reach the prototype. */
export function setField(o: Record<string, unknown>, name: string, value: unknown): void {
  if (name === "__proto__") {
    Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[name] = value;
  }
}

const rankOf = (v: unknown): number =>
  v === null
    ? 0
    : typeof v === "boolean"
      ? 1
      : typeof v === "number" || typeof v === "bigint"
        ? 2
        : typeof v === "string"
          ? 3
          : 4;

/** A set's elements in a fixed order; numbers compare exactly, bigints among them. */
export function sortSet(items: unknown[]): unknown[] {
  const keyed = items.map((v) => ({ v, r: rankOf(v), k: rankOf(v) === 4 ? canonicalKey(v) : "" }));
  keyed.sort((a, b) => {
    if (a.r !== b.r) return a.r - b.r;
    const x = a.r === 4 ? a.k : (a.v as number);
    const y = b.r === 4 ? b.k : (b.v as number);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return keyed.map((e) => e.v);
}
