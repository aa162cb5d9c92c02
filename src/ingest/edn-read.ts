/**
 * Reads one EDN form straight into the history schema's vocabulary, with an explicit stack
 * (no recursion: nesting is bounded by MAX_DEPTH, not by the call stack). Conversion rules,
 * so that an EDN op and its JSON twin become the same event:
 *
 * - Keywords that name things lose their colon: map keys; the values of an op's :type, :f,
 *   :process, :key, :session, :node, :datacenter; a micro-op's function and key
 *   (`[:r :x nil]` -> ["r", "x", null]). Every other keyword keeps it (`:timed-out` ->
 *   ":timed-out"), so it stays distinct from the string "timed-out".
 * - A map key that is not a keyword or string becomes its JSON text; the last of two equal
 *   keys wins, as in JSON.parse. A map with a key but no value is an error.
 * - Sets become arrays in a fixed order (null, booleans, numbers, strings, then arrays and
 *   objects by their canonical text); lists and vectors arrays; nil null.
 * - Tags: `#inst` becomes its ISO time, any other tag (`#uuid`, `#jepsen.history.Op{...}`)
 *   its value; `#_` discards the next form; `##Inf`, `##-Inf`, `##NaN` are numbers.
 */
import { ParseError } from "../errors.js";
import { canonicalKey, jsonText } from "../history/value-text.js";
import { atomValue, EdnSyntax, keywordName, readChar, readString, tokenEnd } from "./edn-tokens.js";
import { locate, type TextAt } from "./json-value.js";
import { limitText, MAX_DEPTH } from "./limits.js";

const nameFields = new Set(["type", "f", "process", "key", "session", "node", "datacenter"]);

enum Kind {
  Root,
  Map,
  Vector,
  List,
  Set,
}

/** What a frame's content means: an op map, an op's :value, one micro-op inside it, or data. */
enum Role {
  Plain,
  Op,
  Value,
  MicroOp,
}

/** A keyword at a micro-op's first two places, named or not once the whole :value is read. */
class Keyword {
  constructor(readonly name: string) {}
}

/** A `#tag` or `#_` waiting for the form it applies to. */
type Mark = { tag: string; at: number };

interface Frame {
  readonly kind: Kind;
  readonly role: Role;
  readonly items: unknown[];
  readonly start: number;
  marks: Mark[] | undefined;
}

/** What is read at the top: an op map, or one field's value (a column of a log line). */
export type Root = { op: true } | { field: string };

const closers: Record<number, Kind> = { 41: Kind.List, 93: Kind.Vector, 125: Kind.Map };

/**
 * Reads one form starting at `from`; returns it and the offset after it. `value` is
 * undefined when the text held only discarded forms (`#_{...}`). `depth`: levels already
 * above this form (1 for a field of an op), counted against MAX_DEPTH.
 */
export function readEdn(
  text: string,
  from: number,
  root: Root,
  at: TextAt,
  depth = 0,
): { value: unknown; end: number } {
  try {
    return new EdnReader(text, root, depth).read(from);
  } catch (e) {
    if (e instanceof EdnSyntax) throw new ParseError(locate(text, e.offset, at), e.detail);
    throw e;
  }
}

class EdnReader {
  private readonly stack: Frame[] = [];
  private readonly top0: Frame;
  private readonly field: string | undefined;

  constructor(
    private readonly text: string,
    root: Root,
    private readonly depth: number,
  ) {
    this.field = "field" in root ? root.field : undefined;
    const role = "op" in root ? Role.Op : Role.Plain;
    this.top0 = { kind: Kind.Root, role, items: [], start: 0, marks: undefined };
    this.stack.push(this.top0);
  }

  read(from: number): { value: unknown; end: number } {
    const text = this.text;
    let i = from;
    while (this.top0.items.length === 0) {
      if (i >= text.length) return this.atEnd(i);
      const c = text.charCodeAt(i);
      if (c === 32 || c === 44 || (c >= 9 && c <= 13)) i++;
      else if (c === 59) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? text.length : nl + 1;
      } else if (c === 34) {
        const s = readString(text, i);
        this.add(s.value, i);
        i = s.end;
      } else if (c === 123 || c === 91 || c === 40) {
        this.open(c === 123 ? Kind.Map : c === 91 ? Kind.Vector : Kind.List, i);
        i++;
      } else if (closers[c] !== undefined) {
        this.close(closers[c]!, i);
        i++;
      } else if (c === 35) i = this.hash(i);
      else if (c === 92) {
        const ch = readChar(text, i);
        this.add(ch.value, i);
        i = ch.end;
      } else {
        const end = tokenEnd(text, i);
        const token = text.slice(i, end);
        this.add(c === 58 ? this.keyword(keywordName(token, i)) : atomValue(token, i), i);
        i = end;
      }
    }
    return { value: this.top0.items[0], end: i };
  }

  private atEnd(i: number): { value: unknown; end: number } {
    const top = this.top;
    if (top !== this.top0) {
      throw new EdnSyntax(top.start, `${describe(top.kind)} starting here is not closed`);
    }
    if (top.marks !== undefined && top.marks.length > 0) {
      throw new EdnSyntax(top.marks[0]!.at, "malformed EDN: a tag with no value after it");
    }
    return { value: undefined, end: i };
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /** `#{` a set, `#_` a discard, `##Inf`, or a tag; returns the offset after it. */
  private hash(i: number): number {
    const text = this.text;
    const next = text.charCodeAt(i + 1);
    if (next === 123) {
      this.open(Kind.Set, i);
      return i + 2;
    }
    if (next === 95) {
      this.mark("_", i);
      return i + 2;
    }
    const end = tokenEnd(text, i + 1);
    const name = text.slice(i + 1, end);
    if (next === 35) {
      const value = { "#Inf": Infinity, "#-Inf": -Infinity, "#NaN": Number.NaN }[name];
      if (value === undefined) throw new EdnSyntax(i, `malformed EDN: bad token "#${name}"`);
      this.add(value, i);
    } else if (name.length === 0) {
      throw new EdnSyntax(i, "malformed EDN: a # with no tag after it");
    } else {
      this.mark(name, i);
    }
    return end;
  }

  private mark(tag: string, at: number): void {
    const top = this.top;
    if (top.marks === undefined) top.marks = [];
    top.marks.push({ tag, at });
  }

  private open(kind: Kind, at: number): void {
    if (this.stack.length + this.depth > MAX_DEPTH) throw new EdnSyntax(at, limitText.depth);
    this.stack.push({ kind, role: this.childRole(kind), items: [], start: at, marks: undefined });
  }

  private childRole(kind: Kind): Role {
    const top = this.top;
    const isList = kind === Kind.Vector || kind === Kind.List;
    if (top.kind === Kind.Root) {
      if (top.role === Role.Op) return kind === Kind.Map ? Role.Op : Role.Plain;
      return this.field === "value" && isList ? Role.Value : Role.Plain;
    }
    if (top.role === Role.Op && top.items.length % 2 === 1) {
      return top.items[top.items.length - 1] === "value" && isList ? Role.Value : Role.Plain;
    }
    return top.role === Role.Value && isList ? Role.MicroOp : Role.Plain;
  }

  private close(kind: Kind, at: number): void {
    const frame = this.top;
    const expected = frame.kind === Kind.Set ? Kind.Map : frame.kind;
    if (frame === this.top0 || expected !== kind) {
      const what = frame === this.top0 ? "nothing" : describe(frame.kind);
      throw new EdnSyntax(at, `malformed EDN: ${quote1(this.text[at]!)} closes ${what}`);
    }
    if (frame.marks !== undefined && frame.marks.length > 0) {
      throw new EdnSyntax(frame.marks[0]!.at, "malformed EDN: a tag with no value after it");
    }
    this.stack.pop();
    this.add(this.finish(frame), frame.start);
  }

  private finish(frame: Frame): unknown {
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

  /** A keyword's value where it stands: a name, a Keyword to decide later, or ":name". */
  private keyword(name: string): unknown {
    const top = this.top;
    if (top.kind === Kind.Map) {
      if (top.items.length % 2 === 0) return name;
      if (top.role === Role.Op && nameFields.has(top.items[top.items.length - 1] as string)) {
        return name;
      }
    } else if (top.kind === Kind.Root && this.field !== undefined && nameFields.has(this.field)) {
      return name;
    } else if (top.role === Role.MicroOp && top.items.length < 2) {
      return new Keyword(name);
    }
    return `:${name}`;
  }

  /** A complete form: its frame's marks apply (a discard drops it), then it takes its place. */
  private add(value: unknown, at: number): void {
    const top = this.top;
    let v = value;
    while (top.marks !== undefined && top.marks.length > 0) {
      const mark = top.marks.pop()!;
      if (mark.tag === "_") return;
      v = applyTag(mark, v);
    }
    if (top.kind === Kind.Map && top.items.length % 2 === 0) v = keyName(v);
    else if (top.kind === Kind.Root && top.role === Role.Op && !isMap(v)) {
      throw new EdnSyntax(at, "expected an op map {...}");
    }
    top.items.push(v);
  }
}

function applyTag(mark: Mark, v: unknown): unknown {
  if (mark.tag !== "inst") return v;
  const t = typeof v === "string" ? new Date(v) : undefined;
  if (t === undefined || Number.isNaN(t.getTime())) {
    throw new EdnSyntax(mark.at, "malformed EDN: #inst needs a time stamp string");
  }
  return t.toISOString();
}

/** The micro-ops of a transaction name their function and key, if every item is one. */
function nameMicroOps(items: unknown[]): void {
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

function keyName(k: unknown): string {
  return typeof k === "string" ? k : jsonText(k);
}

function isMap(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Assigns without letting a key named __proto__ reach the prototype. */
function setField(o: Record<string, unknown>, name: string, value: unknown): void {
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
function sortSet(items: unknown[]): unknown[] {
  const keyed = items.map((v) => ({ v, r: rankOf(v), k: rankOf(v) === 4 ? canonicalKey(v) : "" }));
  keyed.sort((a, b) => {
    if (a.r !== b.r) return a.r - b.r;
    const x = a.r === 4 ? a.k : (a.v as number);
    const y = b.r === 4 ? b.k : (b.v as number);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return keyed.map((e) => e.v);
}

function describe(kind: Kind): string {
  return ["the text", "the map", "the vector", "the list", "the set"][kind]!;
}

function quote1(c: string): string {
  return JSON.stringify(c);
}
