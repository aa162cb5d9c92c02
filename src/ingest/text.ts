/**
 * Decoded text as the readers see it: chunks of a source (about 4 MiB each, cut anywhere),
 * cut again at newlines here so that no reader accumulates more than one element. The head
 * of the text is buffered for format detection and then replayed, so nothing is read twice
 * and nothing seeks. Invalid UTF-8 arrives as a Utf8Error after the valid text before it;
 * the code that counted lines up to there turns it into a ParseError at its line and column.
 */
import { ParseError } from "../errors.js";
import { Utf8Error } from "./decode.js";
import { limitText, MAX_ELEMENT_CHARS } from "./limits.js";
import { replayed } from "./source.js";

export interface TextInput {
  /** The name in every error: the path, "<stdin>", or a program's name for its source. */
  readonly name: string;
  readonly chunks: AsyncIterable<string>;
}

/**
 * A string of its own. V8 cuts a string of 13 characters or more out of its source as a
 * view that keeps the whole source alive: one such value kept in the History would keep
 * its 4 MiB chunk of the input with it. Shorter ones are copied already.
 */
export function own(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** The first `size` characters (or all, if fewer) and the same input, still whole. */
export async function peekHead(
  input: TextInput,
  size = 4096,
): Promise<{ head: string; input: TextInput; error: Utf8Error | undefined }> {
  const it = input.chunks[Symbol.asyncIterator]();
  const taken: string[] = [];
  let length = 0;
  let error: Utf8Error | undefined;
  let done = false;
  try {
    while (length < size) {
      const next = await it.next();
      if (next.done) {
        done = true;
        break;
      }
      taken.push(next.value);
      length += next.value.length;
    }
  } catch (e) {
    if (!(e instanceof Utf8Error)) throw e;
    error = e;
    done = true;
  }
  const head = taken.join("").slice(0, size);
  const rest = done ? undefined : it;
  const chunks = error === undefined ? replayed(taken, rest) : thenThrow(taken, error);
  return { head, input: { name: input.name, chunks }, error };
}

async function* thenThrow(chunks: string[], error: Error): AsyncGenerator<string> {
  while (chunks.length > 0) yield chunks.shift()!;
  throw error;
}

/** Where a Utf8Error is: the position just after `before`, the text read so far on its line. */
export function utf8ErrorAt(name: string, e: Utf8Error, line: number, column: number): ParseError {
  return new ParseError({ file: name, line, column, byte: e.byte }, e.detail);
}

/** The line and column just after a piece of text that starts at line 1, column 1. */
export function endOf(text: string): { line: number; column: number } {
  let line = 1;
  let from = 0;
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) {
    line++;
    from = nl + 1;
  }
  return { line, column: text.length - from + 1 };
}

/** Every chunk in order; `at` says where the reader is, to locate invalid UTF-8. */
export async function forEachChunk(
  input: TextInput,
  onText: (text: string) => void,
  at: () => { line: number; column: number },
): Promise<void> {
  try {
    for await (const text of input.chunks) onText(text);
  } catch (e) {
    if (!(e instanceof Utf8Error)) throw e;
    const { line, column } = at();
    throw utf8ErrorAt(input.name, e, line, column);
  }
}

/**
 * Calls `onPiece` with the text cut at newlines and at chunk borders: each piece is a whole
 * line, or part of a line that spans a border (`starts`: it begins a line; `ends`: a newline
 * ends it). A "\r" before the newline is dropped. Nothing is accumulated.
 */
export async function forEachLinePiece(
  input: TextInput,
  onPiece: (text: string, starts: boolean, ends: boolean) => void,
): Promise<void> {
  let atLineStart = true;
  let line = 1;
  let column = 1;
  await forEachChunk(
    input,
    (text) => {
      let start = 0;
      let nl = text.indexOf("\n");
      while (nl >= 0) {
        onPiece(stripCr(text.slice(start, nl)), atLineStart, true);
        atLineStart = true;
        line++;
        column = 1;
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      if (start < text.length) {
        onPiece(text.slice(start), atLineStart, false);
        atLineStart = false;
        column += text.length - start;
      }
    },
    () => ({ line, column }),
  );
}

/**
 * Calls `onLine` with every line (without its newline) and its 1-based number. A line past
 * MAX_ELEMENT_CHARS is a ParseError at its start, before it is joined into one string.
 */
export async function forEachLine(
  input: TextInput,
  onLine: (text: string, line: number) => void,
): Promise<void> {
  let parts: string[] = [];
  let length = 0;
  let line = 0;
  const tooLong = () =>
    new ParseError({ file: input.name, line: line + 1, column: 1 }, limitText.line);
  await forEachLinePiece(input, (text, starts, ends) => {
    if (starts && ends) {
      if (text.length > MAX_ELEMENT_CHARS) throw tooLong();
      onLine(text, ++line);
      return;
    }
    length += text.length;
    if (length > MAX_ELEMENT_CHARS) throw tooLong();
    parts.push(text);
    if (ends) {
      onLine(stripCr(parts.join("")), ++line);
      parts = [];
      length = 0;
    }
  });
  if (parts.length > 0) onLine(stripCr(parts.join("")), ++line);
}

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}
