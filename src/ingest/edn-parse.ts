/**
 * Parses one piece of EDN text with edn-data and converts it (edn-convert.ts), turning every
 * failure into a ParseError at the line and column of the offending token. edn-data reports
 * no positions and lets some bad input through (malformed numbers become symbols, integers
 * beyond 2^53 lose precision), so the few such problems the conversion notes are located here
 * by re-reading the text; this runs only on the error path.
 */
import { parseEDNString } from "edn-data";
import { ParseError } from "../errors.js";
import { convertField, convertOp, type Issues } from "./edn-convert.js";

/** Where a piece of text starts in its file (1-based). */
export interface TextAt {
  file: string;
  line: number;
  column: number;
}

const options: Parameters<typeof parseEDNString>[1] = {
  mapAs: "doubleArray",
  setAs: "object",
  listAs: "array",
  keywordAs: "object",
  symbolAs: "object",
  charAs: "string",
};

/** The op of one map's text (from EdnElementScanner); undefined for a discarded `#_` form. */
export function parseEdnOp(text: string, at: TextAt): Record<string, unknown> | undefined {
  if (text.startsWith("#_")) return undefined;
  const parsed = parseText(text, text, at);
  const issues: Issues = { unsafeInteger: false };
  const op = convertOp(parsed, issues);
  checkIssues(text, at, issues);
  if (op === undefined) throw new ParseError(at, "expected an op map {...}");
  return op;
}

/** One EDN value (a field of a log line), converted as the op field `name`. */
export function parseEdnField(name: string, text: string, at: TextAt): unknown {
  const parsed = parseText(`[${text}]`, text, at);
  if (!Array.isArray(parsed) || parsed.length !== 1) {
    const what = Array.isArray(parsed) ? `${parsed.length} values` : "malformed EDN";
    throw new ParseError(at, `expected one EDN value, found ${what} in ${JSON.stringify(text)}`);
  }
  const issues: Issues = { unsafeInteger: false };
  const value = convertField(name, parsed[0], issues);
  checkIssues(text, at, issues);
  return value;
}

function parseText(edn: string, text: string, at: TextAt): unknown {
  try {
    return parseEDNString(edn, options);
  } catch (e) {
    const offset = findToken(text, (token, quoted) => quoted && badEscape(token) >= 0);
    const where = offset < 0 ? at : locate(text, offset + badEscape(text.slice(offset)), at);
    throw new ParseError(where, `malformed EDN: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkIssues(text: string, at: TextAt, issues: Issues): void {
  if (issues.badToken !== undefined) {
    const bad = issues.badToken;
    const offset = findToken(text, (token, quoted) => !quoted && token === bad);
    throw new ParseError(
      locate(text, Math.max(offset, 0), at),
      `malformed EDN: bad token ${JSON.stringify(bad)}`,
    );
  }
  if (issues.unsafeInteger) {
    const offset = findToken(text, (token, quoted) => !quoted && isUnsafeInteger(token));
    // Not found: the value came from a float such as 1e20, which is fine as a double.
    if (offset >= 0) {
      const token = text.slice(offset).match(/^[-+]?\d+N?/)?.[0] ?? "";
      throw new ParseError(
        locate(text, offset, at),
        `integer ${token} is beyond ${Number.MAX_SAFE_INTEGER} and cannot be read exactly`,
      );
    }
  }
}

function isUnsafeInteger(token: string): boolean {
  if (!/^[-+]?(0|[1-9][0-9]*)N?$/.test(token)) return false;
  const n = BigInt(token.replace(/N$/, ""));
  return n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER);
}

/** Offset within a string token's raw text of a backslash edn-data rejects, or -1. */
function badEscape(raw: string): number {
  const m = /\\(?:[^tnrbf\\"u]|u(?![0-9a-fA-F]{4}))/.exec(raw);
  return m ? m.index : -1;
}

/** Offset of the first token (atom, or string with its quotes) that passes `test`, or -1. */
function findToken(text: string, test: (token: string, quoted: boolean) => boolean): number {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ";") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (test(text.slice(i, j + 1), true)) return i;
      i = j + 1;
    } else if (/[\s,()[\]{}]/.test(c)) {
      i++;
    } else {
      let j = c === "\\" ? i + 2 : i + 1;
      while (j < text.length && !/[\s,()[\]{}";]/.test(text[j]!)) j++;
      if (test(text.slice(i, j), false)) return i;
      i = j;
    }
  }
  return -1;
}

/** The file position of `offset` in `text`, which starts at `at`. */
function locate(text: string, offset: number, at: TextAt): TextAt {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf("\n");
  if (nl < 0) return { file: at.file, line: at.line, column: at.column + offset };
  let lines = 0;
  for (let i = 0; i <= nl; i++) if (before.charCodeAt(i) === 10) lines++;
  return { file: at.file, line: at.line + lines, column: offset - nl };
}
