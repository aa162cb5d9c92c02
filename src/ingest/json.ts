/**
 * JSON and JSON Lines readers. Both hand each op object, with its line number, to a sink.
 * JSON Lines: one parse per line. A JSON array: a line holding one element and its comma
 * is parsed whole; anything else goes through a small scanner that finds where each top-level
 * element starts and ends (strings, escapes, nesting). Either way arrays of any size stream
 * through the same bounded buffer as JSON Lines, even on a single line, and every element
 * keeps its line number (JSON.parse of a whole document would lose both, and fails outright
 * past V8's 512 MB string limit). Each element is parsed by json-value.ts: exactly, within
 * the input limits.
 */
import { ParseError } from "../errors.js";
import type { EventSink } from "./formats.js";
import { checkParsed, parseJsonValue } from "./json-value.js";
import { limitText, MAX_ELEMENT_CHARS } from "./limits.js";
import { forEachLine, forEachLinePiece, type TextInput } from "./text.js";

export async function readJsonLines(input: TextInput, sink: EventSink): Promise<void> {
  const file = input.name;
  await forEachLine(input, (text, line) => {
    if (isBlank(text)) return;
    sink(parseJsonValue(text, file, line, 1), line);
  });
}

enum Ch {
  Newline = 10,
  Quote = 34,
  Comma = 44,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

export async function readJsonArray(input: TextInput, sink: EventSink): Promise<void> {
  const scanner = new ArrayScanner(input.name, sink);
  await forEachLinePiece(input, (text, starts, ends) => {
    if (starts && ends && scanner.takeWholeLine(text)) return;
    scanner.scan(ends ? `${text}\n` : text);
  });
  scanner.end();
}

/**
 * Finds the top-level elements of a JSON array in text fed line by line. Most histories put
 * one op per line (`{...},`): such a line is parsed whole, in one JSON.parse; anything else
 * goes through a character scanner that tracks strings, escapes and nesting.
 */
class ArrayScanner {
  private line = 1;
  private col = 0; // column of the char being scanned, 0-based
  private depth = 0;
  private inString = false;
  private escaped = false;
  private ended = false;
  private parts: string[] = [];
  private partsLength = 0;
  private elemLine = 0;
  private elemCol = 0;
  private elemStarted = false;
  private afterComma = false;

  constructor(
    private readonly file: string,
    private readonly sink: EventSink,
  ) {}

  /** A line holding exactly one element and its comma, between elements: parse it whole. */
  takeWholeLine(text: string): boolean {
    if (this.depth !== 1 || this.elemStarted || this.inString) return false;
    let start = 0;
    while (start < text.length && isBlankChar(text.charCodeAt(start))) start++;
    let end = text.length - 1;
    while (end > start && isBlankChar(text.charCodeAt(end))) end--;
    if (text.charCodeAt(start) !== Ch.OpenBrace || text.charCodeAt(end) !== Ch.Comma) return false;
    const element = text.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(element);
    } catch {
      return false; // not one element: the scanner finds the elements or locates the error
    }
    this.sink(checkParsed(value, element, this.file, this.line, start + 1), this.line);
    this.afterComma = true;
    this.line++;
    this.col = 0;
    return true;
  }

  scan(text: string): void {
    // An element still open from the previous piece continues at this piece's start.
    let segStart = this.elemStarted ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Ch.Newline) {
        this.line++;
        this.col = 0;
        continue;
      }
      this.col++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === Ch.Backslash) this.escaped = true;
        else if (c === Ch.Quote) this.inString = false;
        continue;
      }
      if (isBlankChar(c)) continue;
      if (this.ended) this.fail("unexpected text after the closing ] of the history");
      if (this.depth === 0) {
        if (c !== Ch.OpenBracket) this.fail("expected [ to open the history array");
        this.depth = 1;
        continue;
      }
      if (this.depth === 1) {
        if (c === Ch.Comma || c === Ch.CloseBracket) {
          if (segStart >= 0) this.push(text.slice(segStart, i));
          segStart = -1;
          this.separator(c);
          continue;
        }
        if (!this.elemStarted) {
          this.elemStarted = true;
          this.elemLine = this.line;
          this.elemCol = this.col;
          segStart = i;
        }
      }
      if (c === Ch.Quote) this.inString = true;
      else if (c === Ch.OpenBrace || c === Ch.OpenBracket) this.depth++;
      else if (c === Ch.CloseBrace || c === Ch.CloseBracket) this.depth--;
    }
    if (segStart >= 0) this.push(text.slice(segStart));
  }

  private push(part: string): void {
    this.partsLength += part.length;
    if (this.partsLength > MAX_ELEMENT_CHARS) {
      throw new ParseError(
        { file: this.file, line: this.elemLine, column: this.elemCol },
        limitText.element,
      );
    }
    this.parts.push(part);
  }

  end(): void {
    if (this.ended) return;
    this.fail(
      this.depth === 0
        ? "the file has no JSON array"
        : "the history array is not closed (truncated file?)",
    );
  }

  private separator(c: number): void {
    if (c === Ch.CloseBracket) {
      if (this.elemStarted) this.flush();
      else if (this.afterComma) this.fail("a trailing comma before ]");
      this.depth = 0;
      this.ended = true;
    } else {
      this.flush();
      this.afterComma = true;
    }
  }

  private flush(): void {
    const text = this.parts.join("");
    this.parts = [];
    this.partsLength = 0;
    if (!this.elemStarted) this.fail("expected a value before this separator");
    this.elemStarted = false;
    this.sink(parseJsonValue(text, this.file, this.elemLine, this.elemCol), this.elemLine);
  }

  private fail(detail: string): never {
    throw new ParseError({ file: this.file, line: this.line, column: this.col + 1 }, detail);
  }
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
