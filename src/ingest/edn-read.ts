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
import { atomValue, EdnSyntax, keywordName, readChar, readString, tokenEnd } from "./edn-tokens.js";
import {
  applyTag,
  isMap,
  Keyword,
  keyName,
  type Mark,
  nameMicroOps,
  setField,
  sortSet,
} from "./edn-values.js";
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

interface Frame {
  readonly kind: Kind;
  readonly role: Role;
  readonly items: unknown[];
  readonly start: number;
  marks: Mark[] | undefined;
}

/** What is read at the top: an op map, or one field's value (a column of a log line). */
export type Root = { op: true } | { field: string };

function closerOf(kind: Kind): number {
  return kind === Kind.List ? 41 : kind === Kind.Vector ? 93 : 125;
}

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
    return new EdnReader(root, depth).read(text, from);
  } catch (e) {
    if (e instanceof EdnSyntax) throw new ParseError(locate(text, e.offset, at), e.detail);
    throw e;
  }
}

/**
 * A reader of forms of one kind, used again and again (a stream of ops reuses one). Errors
 * are EdnSyntax at an offset; those caused by the text ending inside a form say so
 * (`atEnd`), so that a streaming caller can wait for more text instead.
 */
export class EdnReader {
  private readonly stack: Frame[] = [];
  private readonly top0: Frame;
  private readonly field: string | undefined;
  private text = "";

  constructor(
    root: Root,
    private readonly depth = 0,
  ) {
    this.field = "field" in root ? root.field : undefined;
    const role = "op" in root ? Role.Op : Role.Plain;
    this.top0 = { kind: Kind.Root, role, items: [], start: 0, marks: undefined };
  }

  read(text: string, from: number): { value: unknown; end: number } {
    this.text = text;
    this.stack.length = 0;
    this.stack.push(this.top0);
    this.top0.items.length = 0;
    this.top0.marks = undefined;
    let i = from;
    while (this.top0.items.length === 0) {
      if (i >= text.length) return this.atEnd(i);
      const c = text.charCodeAt(i);
      if (c === 32 || c === 44 || (c >= 9 && c <= 13)) i++;
      else if (c === 58) {
        const end = this.tokenEnd(i);
        this.add(this.keyword(keywordName(text, i, end)), i);
        i = end;
      } else if (c === 34) {
        const s = readString(text, i);
        this.add(s.value, i);
        i = s.end;
      } else if (c === 123 || c === 91 || c === 40) {
        this.open(c === 123 ? Kind.Map : c === 91 ? Kind.Vector : Kind.List, i);
        i++;
      } else if (c === 125 || c === 93 || c === 41) {
        // In a stream of ops, the closer of the list that holds them ends the reading.
        if (this.top === this.top0 && this.top0.role === Role.Op) return this.atEnd(i);
        this.close(c, i);
        i++;
      } else if (c === 59) {
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? text.length : nl + 1;
      } else if (c === 35) i = this.hash(i);
      else if (c === 92) {
        const ch = readChar(text, i);
        this.tokenEnd(ch.end - 1);
        this.add(ch.value, i);
        i = ch.end;
      } else {
        const end = this.tokenEnd(i);
        this.add(atomValue(text, i, end), i);
        i = end;
      }
    }
    return { value: this.top0.items[0], end: i };
  }

  /**
   * Where the token at `i` ends. In a stream of ops a token that runs to the end of the text
   * may go on in the next chunk (and an op must still close after it): the text ended early.
   */
  private tokenEnd(i: number): number {
    const end = tokenEnd(this.text, i);
    if (end === this.text.length && this.top0.role === Role.Op) {
      throw new EdnSyntax(
        this.top.start,
        `${describe(this.top.kind)} starting here is not closed`,
        true,
      );
    }
    return end;
  }

  private atEnd(i: number): { value: unknown; end: number } {
    const top = this.top;
    if (top !== this.top0) {
      throw new EdnSyntax(top.start, `${describe(top.kind)} starting here is not closed`, true);
    }
    if (top.marks !== undefined && top.marks.length > 0) {
      throw new EdnSyntax(top.marks[0]!.at, "malformed EDN: a tag with no value after it", true);
    }
    return { value: undefined, end: i };
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /** `#{` a set, `#_` a discard, `##Inf`, or a tag; returns the offset after it. */
  private hash(i: number): number {
    const text = this.text;
    if (i + 1 >= text.length) throw new EdnSyntax(i, "malformed EDN: a # at the end", true);
    const next = text.charCodeAt(i + 1);
    if (next === 123) {
      this.open(Kind.Set, i);
      return i + 2;
    }
    if (next === 95) {
      this.mark("_", i);
      return i + 2;
    }
    const end = this.tokenEnd(i + 1);
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

  private close(c: number, at: number): void {
    const frame = this.top;
    const want = closerOf(frame.kind);
    if (frame === this.top0 || want !== c) {
      const expected = frame === this.top0 ? "nothing" : JSON.stringify(String.fromCharCode(want));
      throw new EdnSyntax(
        at,
        `malformed EDN: found ${JSON.stringify(String.fromCharCode(c))} where ${expected} was expected`,
      );
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

function describe(kind: Kind): string {
  return ["the text", "the map", "the vector", "the list", "the set"][kind]!;
}
