/**
 * The frames of the EDN reader (edn-read.ts), one per open map, vector, list or set, and
 * what it makes of complete forms: tags applied, micro-op names decided, map keys and
 * fields set safely, sets put in a fixed order. Nothing here recurses.
 */
import { canonicalKey, jsonText } from "../value-text.js";
import { EdnSyntax } from "./edn-tokens.js";

export const nameFields = new Set(["type", "f", "process", "key", "session", "node", "datacenter"]);

export enum Kind {
  Root,
  Map,
  Vector,
  List,
  Set,
}

/** What a frame's content means: an op map, an op's :value, one micro-op inside it, or data. */
export enum Role {
  Plain,
  Op,
  Value,
  MicroOp,
}

export interface Frame {
  readonly kind: Kind;
  readonly role: Role;
  readonly items: unknown[];
  readonly start: number;
  marks: Mark[] | undefined;
}

export function closerOf(kind: Kind): number {
  return kind === Kind.List ? 41 : kind === Kind.Vector ? 93 : 125;
}

/** The value of a closed frame: an array, a sorted set, or an object from its pairs. */
export function finish(frame: Frame): unknown {
  const items = frame.items;
  if (frame.kind === Kind.Set) return sortSet(items);
  if (frame.kind !== Kind.Map) {
    if (frame.role === Role.Value) nameMicroOps(items);
    return items;
  }
  if (items.length % 2 === 1) {
    throw new EdnSyntax(frame.start, "malformed EDN: a map with a key but no value");
  }
  const o: Record<string, unknown> = {};
  for (let k = 0; k < items.length; k += 2) setField(o, items[k] as string, items[k + 1]);
  return o;
}

export function describe(kind: Kind): string {
  return ["the text", "the map", "the vector", "the list", "the set"][kind]!;
}

/** The role of a frame opened inside `top` (`field`: the field a log column is read as). */
export function childRole(top: Frame, field: string | undefined, kind: Kind): Role {
  const isList = kind === Kind.Vector || kind === Kind.List;
  if (top.kind === Kind.Root) {
    if (top.role === Role.Op) return kind === Kind.Map ? Role.Op : Role.Plain;
    return field === "value" && isList ? Role.Value : Role.Plain;
  }
  if (top.role === Role.Op && top.items.length % 2 === 1) {
    return top.items[top.items.length - 1] === "value" && isList ? Role.Value : Role.Plain;
  }
  return top.role === Role.Value && isList ? Role.MicroOp : Role.Plain;
}

/** A keyword's value where it stands: a name, a Keyword to decide later, or ":name". */
export function keywordAt(top: Frame, field: string | undefined, name: string): unknown {
  if (top.kind === Kind.Map) {
    if (top.items.length % 2 === 0) return name;
    if (top.role === Role.Op && nameFields.has(top.items[top.items.length - 1] as string)) {
      return name;
    }
  } else if (top.kind === Kind.Root && field !== undefined && nameFields.has(field)) {
    return name;
  } else if (top.role === Role.MicroOp && top.items.length < 2) {
    return new Keyword(name);
  }
  return `:${name}`;
}

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
