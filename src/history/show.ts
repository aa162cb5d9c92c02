/** How values and keys from a history are shown to a person: JSON, shortened. */
import { jsonText } from "./value-text.js";

export function showValue(v: unknown, max = 60): string {
  const s = v === undefined ? "nothing" : jsonText(v); // no throw on bigints, no recursion
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** `null` is the single register of a history without keys. */
export function showKey(k: unknown): string {
  return k === null ? "the register" : typeof k === "string" ? k : showValue(k);
}

/** "key x" in a sentence, or "the register" for a history without keys. */
export function keyPhrase(k: unknown): string {
  return k === null || k === undefined ? "the register" : `key ${showKey(k)}`;
}
