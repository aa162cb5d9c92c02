/**
 * One JSON value from its text, read exactly and within the limits (limits.ts). JSON.parse
 * is the fast path; it is native and does not recurse, but rounds integers beyond 2^53. So
 * when the parsed value holds a number of that size, the text is parsed again with
 * lossless-json, which reads such integers as bigints (a safe integer stays a number), and
 * 9007199254740993 stays distinct from 9007199254740992. A long text (only a long one can
 * nest deep or hold a long string) is also checked against the depth and string limits,
 * before lossless-json, which recurses, ever sees it.
 */
import {
  type ParseError as JsoncError,
  parse as jsoncParse,
  printParseErrorCode,
} from "jsonc-parser";
import { parse as losslessParse } from "lossless-json";
import { ParseError, quote } from "../errors.js";
import { checkValue, hasUnsafeNumber, limitText, MAX_DEPTH, MAX_STRING_CHARS } from "./limits.js";
import { own } from "./text.js";

/** Where a piece of text starts in its file (1-based). */
export interface TextAt {
  file: string;
  line: number;
  column: number;
}

/** Texts shorter than this can neither nest past MAX_DEPTH nor hold a string past the limit. */
const SHORT = 2 * MAX_DEPTH;

/** The value of `text`, which starts at `file`:`line`:`column` (no object per call: this runs per line). */
export function parseJsonValue(text: string, file: string, line: number, column: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(text, { file, line, column });
  }
  return checkParsed(value, text, file, line, column);
}

/** What JSON.parse made of `text`, checked against the limits and read again if it must be exact. */
export function checkParsed(
  value: unknown,
  text: string,
  file: string,
  line: number,
  column: number,
): unknown {
  if (text.length > SHORT) {
    const problem = checkValue(value, false);
    if (problem !== undefined) throw limitError(text, { file, line, column }, problem.detail);
  }
  return hasUnsafeNumber(value) ? parseExactly(text) : value;
}

/** Integer literals beyond 2^53 as bigints; JSON.parse's meaning otherwise (last duplicate key wins). */
function parseExactly(text: string): unknown {
  // A copy, so that the strings cut out of it do not keep the whole input chunk alive.
  return losslessParse(own(text), null, {
    parseNumber: exactNumber,
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

export function exactNumber(digits: string): number | bigint {
  const n = Number(digits);
  if (Number.isSafeInteger(n) || !INTEGER.test(digits)) return n;
  return BigInt(digits);
}

/** Locates a JSON syntax error with jsonc-parser (JSON.parse's messages carry no position on Node 20). */
export function jsonSyntaxError(text: string, at: TextAt): ParseError {
  // jsonc-parser recurses: past the depth limit, say that instead (and where).
  const deep = scanLimits(text);
  if (deep !== undefined) return limitError(text, at, deep.detail);
  const errors: JsoncError[] = [];
  jsoncParse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  const offset = first?.offset ?? 0;
  const what = first ? printParseErrorCode(first.error) : "InvalidJSON";
  return new ParseError(
    locate(text, offset, at),
    `malformed JSON: ${humanise(what)} near ${quote(text.slice(offset, offset + 20))}`,
  );
}

function limitError(text: string, at: TextAt, detail: string): ParseError {
  const found = scanLimits(text);
  return new ParseError(locate(text, found?.offset ?? 0, at), found?.detail ?? detail);
}

/**
 * The first place where the text nests past MAX_DEPTH or a string runs past the string
 * limit, by a scan that knows strings and escapes (error path only).
 */
function scanLimits(text: string): { offset: number; detail: string } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92) i++;
      }
      if (i - start - 1 > MAX_STRING_CHARS) return { offset: start, detail: limitText.string };
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return { offset: i, detail: limitText.depth };
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

/** The file position of `offset` in `text`, which starts at `at`. */
export function locate(text: string, offset: number, at: TextAt): TextAt {
  let lines = 0;
  let lineStart = -1;
  for (let nl = text.indexOf("\n"); nl >= 0 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    lines++;
    lineStart = nl;
  }
  if (lines === 0) return { file: at.file, line: at.line, column: at.column + offset };
  return { file: at.file, line: at.line + lines, column: offset - lineStart };
}

function humanise(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
