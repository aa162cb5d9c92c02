/**
 * One field of a log line from its EDN text (edn-read.ts does the reading), with every
 * failure a ParseError at the line and column of the offending token.
 */
import { ParseError, quote } from "../errors.js";
import { readEdn } from "./edn-read.js";
import type { TextAt } from "./json-value.js";

/** One EDN value (a field of a log line), converted as the op field `name`. */
export function parseEdnField(name: string, text: string, at: TextAt): unknown {
  const { value, end } = readEdn(text, 0, { field: name }, at, 1);
  if (value === undefined) throw new ParseError(at, `expected an EDN value, found ${quote(text)}`);
  expectNothingAfter(text, end, at);
  return value;
}

function expectNothingAfter(text: string, end: number, at: TextAt): void {
  const skipped = text.slice(end).search(/[^\s,]/);
  if (skipped < 0 || text.charCodeAt(end + skipped) === 59) return; // nothing, or a ; comment
  const rest = text.slice(end + skipped);
  throw new ParseError(
    { ...at, column: at.column + end + skipped },
    `expected one EDN value, found more after it: ${quote(rest)}`,
  );
}
