/**
 * JSON and JSON Lines readers. Both hand each op object, with its line number, to a sink.
 * JSON Lines: one JSON.parse per line. A JSON array: a small scanner finds where each
 * top-level element starts and ends (strings, escapes, nesting) and JSON.parse reads the
 * element, so arrays of any size stream through the same bounded buffer as JSON Lines and
 * every element keeps its line number (JSON.parse of a whole document would lose both, and
 * fails outright past V8's 512 MB string limit).
 */
import {
  type ParseError as JsoncError,
  parse as jsoncParse,
  printParseErrorCode,
} from "jsonc-parser";
import { ParseError } from "../errors.js";
import { forEachChunk, forEachLine, type ReadProgress } from "./chunks.js";

export type ElementSink = (value: unknown, line: number) => void;

export function readJsonLines(
  file: string,
  sink: ElementSink,
  onProgress?: ReadProgress,
  chunkBytes?: number,
): void {
  forEachLine(
    file,
    (text, line) => {
      if (isBlank(text)) return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw jsonSyntaxError(file, text, line, 1);
      }
      sink(value, line);
    },
    onProgress,
    chunkBytes,
  );
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

export function readJsonArray(
  file: string,
  sink: ElementSink,
  onProgress?: ReadProgress,
  chunkBytes?: number,
): void {
  let line = 1;
  let col = 0; // column of the char being scanned, 0-based
  let depth = 0;
  let inString = false;
  let escaped = false;
  let ended = false;
  let parts: string[] = [];
  let elemLine = 0;
  let elemCol = 0;
  let elemStarted = false;
  let afterComma = false;

  const fail = (detail: string): never => {
    throw new ParseError({ file, line, column: col + 1 }, detail);
  };
  const flush = () => {
    const text = parts.join("");
    parts = [];
    if (!elemStarted) fail("expected a value before this separator");
    elemStarted = false;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw jsonSyntaxError(file, text, elemLine, elemCol);
    }
    sink(value, elemLine);
  };

  forEachChunk(
    file,
    (text) => {
      // An element still open from the previous chunk continues at this chunk's start.
      let segStart = elemStarted ? 0 : -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === Ch.Newline) {
          line++;
          col = 0;
          continue;
        }
        col++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === Ch.Backslash) escaped = true;
          else if (c === Ch.Quote) inString = false;
          continue;
        }
        if (c === 32 || c === 9 || c === 13) continue;
        if (ended) fail("unexpected text after the closing ] of the history");
        if (depth === 0) {
          if (c !== Ch.OpenBracket) fail("expected [ to open the history array");
          depth = 1;
          continue;
        }
        if (depth === 1) {
          if (c === Ch.Comma || c === Ch.CloseBracket) {
            if (segStart >= 0) parts.push(text.slice(segStart, i));
            segStart = -1;
            if (c === Ch.CloseBracket) {
              if (elemStarted) flush();
              else if (afterComma) fail("a trailing comma before ]");
              depth = 0;
              ended = true;
            } else {
              flush();
              afterComma = true;
            }
            continue;
          }
          if (!elemStarted) {
            elemStarted = true;
            elemLine = line;
            elemCol = col;
            segStart = i;
          }
        }
        if (c === Ch.Quote) inString = true;
        else if (c === Ch.OpenBrace || c === Ch.OpenBracket) depth++;
        else if (c === Ch.CloseBrace || c === Ch.CloseBracket) depth--;
      }
      if (segStart >= 0) parts.push(text.slice(segStart));
    },
    onProgress,
    chunkBytes,
  );
  if (!ended)
    fail(
      depth === 0
        ? "the file has no JSON array"
        : "the history array is not closed (truncated file?)",
    );
}

/** Locates a JSON syntax error with jsonc-parser (JSON.parse's messages carry no position on Node 20). */
export function jsonSyntaxError(file: string, text: string, line: number, col: number): ParseError {
  const errors: JsoncError[] = [];
  jsoncParse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf("\n");
  const lines = before.split("\n").length - 1;
  const column = nl >= 0 ? offset - nl : col + offset;
  const what = first ? printParseErrorCode(first.error) : "InvalidJSON";
  return new ParseError(
    { file, line: line + lines, column },
    `malformed JSON: ${humanise(what)} near ${JSON.stringify(text.slice(offset, offset + 20))}`,
  );
}

function humanise(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
