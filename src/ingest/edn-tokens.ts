/**
 * The atoms of EDN as Jepsen writes them, each read from its text at an offset: strings
 * with their escapes, character literals (`\a`, `\(`, `\"`, `\newline`, `\u00e9`), numbers
 * (integers exactly: beyond 2^53 as bigints; `N` and `M` suffixes), keywords, symbols, nil,
 * true and false. A malformed atom is an EdnSyntax error at its offset; edn-read.ts turns it
 * into a located ParseError.
 */
import { quote } from "../errors.js";
import { limitText, MAX_STRING_CHARS } from "./limits.js";
import { own } from "./text.js";

export class EdnSyntax extends Error {
  /** `atEnd`: the text ended inside a form (a stream may bring the rest). */
  constructor(
    readonly offset: number,
    readonly detail: string,
    readonly atEnd = false,
  ) {
    super(detail);
  }
}

/** EDN's symbol grammar: no leading digit, nor a digit after a leading sign or dot. */
const SYMBOL = /^(?:\/|(?:[-+.](?![0-9])|[a-zA-Z*!_?$%&=<>])[-+.a-zA-Z0-9*!_?$%&=<>:#'/]*)$/;
const INTEGER = /^[-+]?(?:0|[1-9][0-9]*)N?$/;
const FLOAT = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?M?$/;

/** Is this char code a delimiter, where a token (number, symbol, keyword) ends? */
export function isDelimiter(c: number): boolean {
  switch (c) {
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 32:
    case 34: // "
    case 40: // (
    case 41: // )
    case 44: // ,
    case 59: // ;
    case 91: // [
    case 92: // \
    case 93: // ]
    case 123: // {
    case 125: // }
      return true;
    default:
      return false;
  }
}

/** The offset just past the token that starts at `from`. */
export function tokenEnd(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++;
  return i;
}

/** The token text[from, end): a number, nil, true, false or a symbol (as its name). */
export function atomValue(text: string, from: number, end: number): unknown {
  const fast = smallInteger(text, from, end);
  if (fast !== undefined) return fast;
  const token = text.slice(from, end);
  const offset = from;
  const c = token.charCodeAt(0);
  const digitFirst =
    (c >= 48 && c <= 57) ||
    ((c === 43 || c === 45) && token.length > 1 && isDigit(token.charCodeAt(1)));
  if (digitFirst) return numberValue(token, offset);
  if (token === "nil") return null;
  if (token === "true") return true;
  if (token === "false") return false;
  if (!SYMBOL.test(token)) throw new EdnSyntax(offset, `malformed EDN: bad token ${quote(token)}`);
  return own(token);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digits without a leading zero, at most 15 of them, perhaps after a minus: most numbers. */
function smallInteger(text: string, from: number, end: number): number | undefined {
  const neg = text.charCodeAt(from) === 45 ? 1 : 0;
  const n = end - from - neg;
  if (n < 1 || n > 15 || (n > 1 && text.charCodeAt(from + neg) === 48)) return undefined;
  let v = 0;
  for (let i = from + neg; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

function numberValue(token: string, offset: number): number | bigint {
  if (INTEGER.test(token)) {
    const digits = token.charCodeAt(token.length - 1) === 78 ? token.slice(0, -1) : token;
    const n = Number(digits);
    if (Number.isSafeInteger(n)) return n;
    const big = BigInt(digits.charCodeAt(0) === 43 ? digits.slice(1) : digits);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }
  if (FLOAT.test(token) && /[.eEM]/.test(token)) {
    return Number(token.charCodeAt(token.length - 1) === 77 ? token.slice(0, -1) : token);
  }
  throw new EdnSyntax(offset, `malformed EDN: bad token ${quote(token)}`);
}

/** Names of keywords already seen: a history repeats a few dozen of them millions of times. */
const keywordNames = new Map<string, string>();

/** The name (without its colon) of the keyword text[from, end), which starts with ":". */
export function keywordName(text: string, from: number, end: number): string {
  const token = text.slice(from, end);
  const known = keywordNames.get(token);
  if (known !== undefined) return known;
  const name = own(token.charCodeAt(1) === 58 ? token.slice(2) : token.slice(1)); // ::auto-resolved
  if (name.length === 0 || !SYMBOL.test(name)) {
    throw new EdnSyntax(from, `malformed EDN: bad keyword ${quote(token)}`);
  }
  if (keywordNames.size < 10_000) keywordNames.set(own(token), name);
  return name;
}

/** The string that starts with the quote at `from`, and the offset past its closing quote. */
export function readString(text: string, from: number): { value: string; end: number } {
  let i = from + 1;
  let escaped = false;
  for (;;) {
    if (i >= text.length) {
      throw new EdnSyntax(from, "a string is not closed (truncated file?)", true);
    }
    const c = text.charCodeAt(i);
    if (c === 34) break;
    if (c === 92) {
      escaped = true;
      i++;
    }
    i++;
  }
  if (i - from - 1 > MAX_STRING_CHARS) throw new EdnSyntax(from, limitText.string);
  const raw = text.slice(from + 1, i);
  return { value: escaped ? own(decodeEscapes(raw, from + 1)) : own(raw), end: i + 1 };
}

const ESCAPES: Record<string, string> = {
  t: "\t",
  r: "\r",
  n: "\n",
  b: "\b",
  f: "\f",
  "\\": "\\",
  '"': '"',
};

function decodeEscapes(raw: string, offset: number): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (m, e: string, at: number) => {
    if (e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    const s = ESCAPES[e];
    if (s === undefined) {
      throw new EdnSyntax(offset + at, `malformed EDN: bad escape ${quote(m)} in a string`);
    }
    return s;
  });
}

const CHAR_NAMES: Record<string, string> = {
  newline: "\n",
  space: " ",
  tab: "\t",
  return: "\r",
  backspace: "\b",
  formfeed: "\f",
};

/** The character literal at `from` (a backslash) as a one-character string, and its end. */
export function readChar(text: string, from: number): { value: string; end: number } {
  const c = text.charCodeAt(from + 1);
  if (Number.isNaN(c)) throw new EdnSyntax(from, "malformed EDN: a backslash at the end", true);
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (!isLetter) {
    // Any single character, brackets and quotes included; a surrogate pair is one character.
    const n = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    return { value: text.slice(from + 1, from + 1 + n), end: from + 1 + n };
  }
  const end = tokenEnd(text, from + 1);
  const name = text.slice(from + 1, end);
  if (name.length === 1) return { value: name, end };
  const named = Object.hasOwn(CHAR_NAMES, name) ? CHAR_NAMES[name] : undefined;
  if (named !== undefined) return { value: named, end };
  if (/^u[0-9a-fA-F]{4}$/.test(name)) {
    return { value: String.fromCharCode(Number.parseInt(name.slice(1), 16)), end };
  }
  if (/^o[0-7]{1,3}$/.test(name) && Number.parseInt(name.slice(1), 8) <= 0o377) {
    return { value: String.fromCharCode(Number.parseInt(name.slice(1), 8)), end };
  }
  throw new EdnSyntax(from, `malformed EDN: bad character literal ${quote(`\\${name}`)}`);
}
