/**
 * One field of a log line from its EDN text (edn-read.ts does the reading), with every
 * failure a ParseError at the line and column of the offending token.
 */
import { ParseError, quote } from "../errors.js";
import { nameFields } from "./edn-frames.js";
import { readEdn } from "./edn-read.js";
import type { TextAt } from "./json-value.js";
import { own } from "./text.js";

/** One EDN value (a field of a log line), converted as the op field `name`. */
export function parseEdnField(name: string, text: string, at: TextAt): unknown {
  const simple = simpleField(name, text);
  if (simple !== NOT_SIMPLE) return simple;
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

const NOT_SIMPLE = Symbol("not simple");

/** A small integer as the reader reads it (edn-tokens.ts, smallInteger): at most 15 digits. */
const INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;
const PAIR = /^\[(-?(?:0|[1-9]\d{0,14})) (-?(?:0|[1-9]\d{0,14}))\]$/;
const NAME = /^:[a-zA-Z][-a-zA-Z0-9]{0,63}$/;

/**
 * The forms nearly every log line holds, read without the reader: nil, a small integer, a
 * pair of them (`:cas [1 4]`), a plain keyword where the field names things (`:read`). The
 * values are the reader's (test/ingest-jepsen-log.test.ts compares them); the reader's setup
 * for each field was a fifth of reading Jepsen's etcd logs. Anything else is NOT_SIMPLE.
 */
function simpleField(name: string, text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 110) return text === "nil" ? null : NOT_SIMPLE;
  if (c === 58) return nameFields.has(name) && NAME.test(text) ? own(text.slice(1)) : NOT_SIMPLE;
  if (c === 91) {
    const pair = PAIR.exec(text);
    return pair === null ? NOT_SIMPLE : [Number(pair[1]), Number(pair[2])];
  }
  return INTEGER.test(text) ? Number(text) : NOT_SIMPLE;
}
