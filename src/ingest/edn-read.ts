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
import {
  applyTag,
  childRole,
  closerOf,
  describe,
  type Frame,
  finish,
  isMap,
  Kind,
  keyName,
  keywordAt,
  Role,
} from "./edn-frames.js";
import { atomValue, EdnSyntax, keywordName, readChar, readString, tokenEnd } from "./edn-tokens.js";
import { locate, type TextAt } from "./json-value.js";
import { limitText, MAX_DEPTH, MAX_STRING_CHARS } from "./limits.js";

/** What is read at the top: an op map, or one field's value (a column of a log line). */
export type Root = { op: true } | { field: string };

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
      const next = i < text.length ? this.step(i) : -1;
      if (next < 0) return this.atEnd(i);
      i = next;
    }
    return { value: this.top0.items[0], end: i };
  }

  /** Reads what starts at `i`; returns the offset after it, or -1 where the reading stops. */
  private step(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 32 || c === 44 || (c >= 9 && c <= 13)) return i + 1;
    if (c === 58) {
      const end = this.tokenEnd(i);
      this.add(keywordAt(this.top, this.field, keywordName(text, i, end)), i);
      return end;
    }
    if (c === 34) {
      const s = readString(text, i);
      this.add(s.value, i);
      return s.end;
    }
    if (c === 123 || c === 91 || c === 40) {
      this.open(c === 123 ? Kind.Map : c === 91 ? Kind.Vector : Kind.List, i);
      return i + 1;
    }
    if (c === 125 || c === 93 || c === 41) {
      // In a stream of ops, the closer of the list that holds them ends the reading.
      if (this.top === this.top0 && this.top0.role === Role.Op) return -1;
      this.close(c, i);
      return i + 1;
    }
    if (c === 59) {
      const nl = text.indexOf("\n", i);
      return nl < 0 ? text.length : nl + 1;
    }
    if (c === 35) return this.hash(i);
    if (c === 92) {
      const ch = readChar(text, i);
      this.tokenEnd(ch.end - 1);
      this.add(ch.value, i);
      return ch.end;
    }
    const end = this.tokenEnd(i);
    this.add(atomValue(text, i, end), i);
    return end;
  }

  /**
   * Where the token at `i` ends. In a stream of ops a token that runs to the end of the text
   * may go on in the next chunk (and an op must still close after it): the text ended early.
   */
  private tokenEnd(i: number): number {
    const end = tokenEnd(this.text, i);
    // A keyword or symbol becomes a string: the string limit holds for it too.
    if (end - i > MAX_STRING_CHARS) throw new EdnSyntax(i, limitText.string);
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
    this.stack.push({
      kind,
      role: childRole(this.top, this.field, kind),
      items: [],
      start: at,
      marks: undefined,
    });
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
    this.add(finish(frame), frame.start);
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
