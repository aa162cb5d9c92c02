/**
 * How values, keys and names from a history are shown to a person: as JSON, shortened. Strings
 * from a history are untrusted: control characters, bidirectional overrides and line
 * separators are escaped, and long values are cut, so that no history can draw on a terminal
 * or forge a line of a report.
 */
import { jsonText } from "../value-text.js";

/** Characters that must not reach a terminal or a report raw. */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Escapes what a terminal would interpret (keeps newlines): the last pass over any text output. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A value as JSON, control characters escaped, cut to `max` characters. */
export function showValue(v: unknown, max = 60): string {
  // jsonText: bigints as their exact digits, and no recursion on deep values.
  const s = v === undefined ? "nothing" : jsonText(v);
  return cut(escapeControls(s), max);
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** A key or a name: plain when it is a short printable string, else as a JSON value. */
export function showName(k: unknown, max = 60): string {
  if (typeof k === "string" && k.length > 0 && !UNSAFE_OR_NEWLINE.test(k) && k.length <= max) {
    return k;
  }
  return showValue(k, max);
}

/** `null` is the single register of a history without keys. */
export function showKey(k: unknown): string {
  return k === null || k === undefined ? "the register" : showName(k);
}

/** "key x" in a sentence, or "the register" for a history without keys. */
export function keyPhrase(k: unknown): string {
  return k === null || k === undefined ? "the register" : `key ${showName(k)}`;
}

/**
 * Two values side by side; when they are long strings sharing a long prefix, the prefix is
 * shown once as "…" so that the part where they differ is visible.
 */
export function showPair(x: unknown, y: unknown, max = 60): [string, string] {
  if (typeof x !== "string" || typeof y !== "string" || Math.max(x.length, y.length) <= max - 2) {
    return [showValue(x, max), showValue(y, max)];
  }
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  const from = Math.max(0, n - 8);
  if (from < 8) return [showValue(x, max), showValue(y, max)];
  const tail = (s: string) =>
    `"…${cut(escapeControls(JSON.stringify(s.slice(from)).slice(1)), max)}`;
  return [`${tail(x)} (… = the first ${from} characters, the same in both)`, tail(y)];
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "1 op", "2 ops". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
