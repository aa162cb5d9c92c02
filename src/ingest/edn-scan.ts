/**
 * Finds the top-level op maps of an EDN history as its text streams past, without parsing
 * them, so that edn-read.ts reads one map at a time: files of any size stay in a bounded buffer
 * and every op keeps the line and column where its map starts. A history is either maps one
 * after another, or one vector or list of maps. The scanner knows just enough EDN to find
 * where a map ends: strings and their escapes, `;` comments, character literals (`\(`), tags
 * such as `#jepsen.history.Op{...}`, and the nesting of (), [], {} and #{}.
 */
import { ParseError } from "../errors.js";
import { limitText, MAX_ELEMENT_CHARS } from "./limits.js";

/** One top-level map's text and where it starts (1-based line and column). */
export type ElementHandler = (text: string, line: number, column: number) => void;

enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  OpenParen = 40,
  CloseParen = 41,
  Comma = 44,
  Semicolon = 59,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  ByteOrderMark = 0xfeff,
}

enum Mode {
  Code,
  String,
  Comment,
}

const closerOf: Record<number, number> = {
  [Ch.OpenParen]: Ch.CloseParen,
  [Ch.OpenBracket]: Ch.CloseBracket,
  [Ch.OpenBrace]: Ch.CloseBrace,
};

export class EdnElementScanner {
  private line = 1;
  private col = 0;
  private mode = Mode.Code;
  private escaped = false;
  private charLiteral = false;
  /** The closing characters expected, innermost last (the history's own [ or ( included). */
  private readonly stack: number[] = [];
  /** Nesting depth at which op maps sit: 0 bare maps, 1 inside [...] or (...), -1 not known yet. */
  private base = -1;
  private ended = false;
  private parts: string[] = [];
  private partsLength = 0;
  private elem: { line: number; column: number } | undefined;
  /** Inside a tag such as #jepsen.history.Op before its map's `{`: how many chars so far. */
  private tagLength = -1;
  private readonly opened = { line: 0, column: 0 };

  constructor(
    private readonly file: string,
    private readonly onElement: ElementHandler,
  ) {}

  /** Scans the next piece of text (chunk borders may fall anywhere). */
  push(text: string): void {
    let seg = this.elem ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Ch.Newline) {
        this.line++;
        this.col = 0;
        if (this.mode === Mode.Comment) this.mode = Mode.Code;
        continue;
      }
      this.col++;
      if (this.mode === Mode.String) {
        if (this.escaped) this.escaped = false;
        else if (c === Ch.Backslash) this.escaped = true;
        else if (c === Ch.Quote) this.mode = Mode.Code;
        continue;
      }
      if (this.mode === Mode.Comment) continue;
      if (this.charLiteral) {
        this.charLiteral = false;
        continue;
      }
      if (c === Ch.Space || c === Ch.Comma || c === Ch.Tab || c === Ch.Return) continue;
      if (c === Ch.Semicolon) {
        this.mode = Mode.Comment;
      } else if (this.elem !== undefined) {
        if (this.insideElement(c)) {
          this.keep(text.slice(seg, i + 1));
          seg = -1;
          this.flush();
        }
      } else if (this.betweenElements(c)) {
        seg = i;
      }
    }
    if (seg >= 0 && this.elem !== undefined) this.keep(text.slice(seg));
  }

  /** Where the next character would be (1-based), to locate what stops the text there. */
  position(): { line: number; column: number } {
    return { line: this.line, column: this.col + 1 };
  }

  private keep(part: string): void {
    this.partsLength += part.length;
    if (this.partsLength > MAX_ELEMENT_CHARS) {
      this.fail(limitText.element, this.elem!.line, this.elem!.column);
    }
    this.parts.push(part);
  }

  /** The end of the text: everything opened must have been closed. */
  end(): void {
    if (this.mode === Mode.String) {
      this.fail("a string is not closed (truncated file?)", this.opened.line, this.opened.column);
    }
    if (this.elem !== undefined) {
      this.fail(
        "the op map starting here is not closed (truncated file?)",
        this.elem.line,
        this.elem.column,
      );
    }
    if (this.base === 1 && !this.ended) {
      this.fail(
        "the history's list of ops is not closed (truncated file?)",
        this.opened.line,
        this.opened.column,
      );
    }
  }

  /** A char between op maps; true if it starts one. */
  private betweenElements(c: number): boolean {
    if (c === Ch.ByteOrderMark && this.line === 1 && this.col === 1) return false;
    if (this.ended) this.fail("unexpected text after the end of the history");
    if (this.base === -1 && (c === Ch.OpenBracket || c === Ch.OpenParen)) {
      this.base = 1;
      this.stack.push(closerOf[c]!);
      this.opened.line = this.line;
      this.opened.column = this.col;
      return false;
    }
    if (this.base === 1 && c === this.stack[0]) {
      this.stack.pop();
      this.ended = true;
      return false;
    }
    if (c !== Ch.OpenBrace && c !== Ch.Hash) {
      this.fail(`expected an op map {...}, found ${JSON.stringify(String.fromCharCode(c))}`);
    }
    if (this.base === -1) this.base = 0;
    this.elem = { line: this.line, column: this.col };
    if (c === Ch.OpenBrace) this.stack.push(Ch.CloseBrace);
    else this.tagLength = 1;
    return true;
  }

  /** A char inside an op map; true if it closes the map. */
  private insideElement(c: number): boolean {
    if (this.tagLength > 0) return this.insideTag(c);
    if (c === Ch.Quote) {
      this.mode = Mode.String;
      this.opened.line = this.line;
      this.opened.column = this.col;
    } else if (c === Ch.Backslash) {
      this.charLiteral = true;
    } else if (c === Ch.OpenBrace || c === Ch.OpenBracket || c === Ch.OpenParen) {
      this.stack.push(closerOf[c]!);
    } else if (c === Ch.CloseBrace || c === Ch.CloseBracket || c === Ch.CloseParen) {
      const expected = this.stack.pop();
      if (expected !== c) {
        const want =
          expected === undefined ? "nothing" : JSON.stringify(String.fromCharCode(expected));
        this.fail(`found ${JSON.stringify(String.fromCharCode(c))} where ${want} was expected`);
      }
      return this.stack.length === this.base;
    }
    return false;
  }

  /** A char after the `#` that starts an op: a tag name, then the record's map. */
  private insideTag(c: number): boolean {
    if (c === Ch.OpenBrace) {
      if (this.tagLength === 1) this.fail("expected an op map {...}, found a set #{...}");
      this.tagLength = -1;
      this.stack.push(Ch.CloseBrace);
    } else if (closerOf[c] !== undefined || isCloser(c) || c === Ch.Quote || c === Ch.Backslash) {
      this.fail(
        `expected a tagged op map #tag{...}, found ${JSON.stringify(String.fromCharCode(c))}`,
      );
    } else {
      this.tagLength++;
    }
    return false;
  }

  private flush(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join("");
    this.parts = [];
    this.partsLength = 0;
    const { line, column } = this.elem!;
    this.elem = undefined;
    this.onElement(text, line, column);
  }

  private fail(detail: string, line = this.line, column = this.col): never {
    throw new ParseError({ file: this.file, line, column }, detail);
  }
}

function isCloser(c: number): boolean {
  return c === Ch.CloseBrace || c === Ch.CloseBracket || c === Ch.CloseParen;
}
