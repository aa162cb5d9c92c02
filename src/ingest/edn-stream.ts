/**
 * The op maps of an EDN history, read as its text streams past: maps one after another, or
 * inside one top-level vector or list, with `;` comments between them. Each map is read by
 * edn-read.ts straight from the buffered text. A map that the end of the buffer cuts short
 * is read again from its start once more text has come (once the buffer has at least
 * doubled and a "}" has come, so a long map costs linear time), and none may pass
 * MAX_ELEMENT_CHARS, so the buffer stays bounded. Every op reaches the sink with the line where its map starts.
 */
import { ParseError } from "../errors.js";
import { EdnReader } from "./edn-read.js";
import { EdnSyntax } from "./edn-tokens.js";
import type { EventSink } from "./formats.js";
import { limitText, MAX_ELEMENT_CHARS } from "./limits.js";

export class EdnOpStream {
  private readonly reader = new EdnReader({ op: true });
  private buf = "";
  private pos = 0;
  /** Line number at `linePos`, and the offset (in `buf`, maybe negative) where that line starts. */
  private line = 1;
  private linePos = 0;
  private lineStart = 0;
  /** 0: no list seen yet; 1: inside the top-level list; 2: after it; -1: bare maps. */
  private state = 0;
  private closer = 0;
  private readonly opened = { line: 0, column: 0 };
  private inComment = false;
  /** Do not try the cut map again before the buffer holds this many chars from its start. */
  private retryAt = 0;

  constructor(
    private readonly file: string,
    private readonly sink: EventSink,
  ) {}

  push(text: string): void {
    this.dropBefore(this.pos);
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    if (this.retryAt > 0) {
      // A map cut short: it cannot end before a "}" comes, and it may not grow past the limit.
      const length = this.buf.length - this.pos;
      if (length > MAX_ELEMENT_CHARS) this.fail(this.pos, limitText.element);
      if (length < this.retryAt || !text.includes("}")) return;
    }
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.state === 1) {
      throw new ParseError(
        { file: this.file, ...this.opened },
        "the history's list of ops is not closed (truncated file?)",
      );
    }
  }

  /** Where the text read so far ends (for an error found there, such as invalid UTF-8). */
  position(): { line: number; column: number } {
    return this.at(this.buf.length);
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    this.retryAt = 0;
    let i = this.pos;
    if (this.inComment) i = this.skipComment(i);
    while (i < buf.length) {
      const c = buf.charCodeAt(i);
      if (c === 32 || c === 44 || (c >= 9 && c <= 13)) i++;
      else if (c === 59) i = this.skipComment(i);
      else if (this.state === 2) this.fail(i, "unexpected text after the end of the history");
      else if (this.state === 0 && (c === 91 || c === 40)) {
        this.state = 1;
        this.closer = c === 91 ? 93 : 41;
        Object.assign(this.opened, this.at(i));
        i++;
      } else if (this.state === 1 && c === this.closer) {
        this.state = 2;
        i++;
      } else {
        const end = this.readOp(i, c, final);
        if (end < 0) break;
        i = end;
      }
    }
    this.pos = Math.min(i, buf.length);
  }

  /** Reads the op at `i`; returns the offset after it, or -1 if the buffer cuts it short. */
  private readOp(i: number, c: number, final: boolean): number {
    if (c !== 123 && c !== 35) {
      this.fail(i, `expected an op map {...}, found ${JSON.stringify(String.fromCharCode(c))}`);
    }
    if (c === 35 && this.buf.charCodeAt(i + 1) === 123) {
      this.fail(i, "expected an op map {...}, found a set #{...}");
    }
    if (this.state === 0) this.state = -1;
    let result: { value: unknown; end: number };
    try {
      result = this.reader.read(this.buf, i);
    } catch (e) {
      if (!(e instanceof EdnSyntax)) throw e;
      if (e.atEnd && !final) {
        if (this.buf.length - i > MAX_ELEMENT_CHARS) this.fail(i, limitText.element);
        this.retryAt = 2 * (this.buf.length - i);
        return -1;
      }
      throw new ParseError({ file: this.file, ...this.at(e.offset) }, e.detail);
    }
    if (result.end - i > MAX_ELEMENT_CHARS) this.fail(i, limitText.element);
    if (result.value !== undefined) this.sink(result.value, this.at(i).line);
    return result.end;
  }

  private skipComment(i: number): number {
    const nl = this.buf.indexOf("\n", i);
    this.inComment = nl < 0;
    return nl < 0 ? this.buf.length : nl + 1;
  }

  /** Line and column (1-based) of offset `i` of the buffer, which must not be behind `linePos`. */
  private at(i: number): { line: number; column: number } {
    this.countLines(i);
    return { line: this.line, column: i - this.lineStart + 1 };
  }

  private countLines(to: number): void {
    const buf = this.buf;
    let nl = buf.indexOf("\n", this.linePos);
    while (nl >= 0 && nl < to) {
      this.line++;
      this.lineStart = nl + 1;
      nl = buf.indexOf("\n", nl + 1);
    }
    this.linePos = to;
  }

  /** Drops the text before `from` (already read), keeping the line count. */
  private dropBefore(from: number): void {
    if (from === 0) return;
    this.countLines(from);
    this.buf = from === this.buf.length ? "" : this.buf.slice(from);
    this.lineStart -= from;
    this.linePos -= from;
    this.pos -= from;
  }

  private fail(i: number, detail: string): never {
    throw new ParseError({ file: this.file, ...this.at(i) }, detail);
  }
}
