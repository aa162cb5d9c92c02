/**
 * Text for XML 1.0 documents from untrusted strings. XML 1.0 forbids most control characters
 * even as character references, and lone surrogates and U+FFFE/U+FFFF cannot be encoded; they
 * become visible \uXXXX escapes, as in the text report. Then & < > and quotes are escaped, and
 * in attributes line breaks and tabs become character references so that parsers keep them.
 */
import { escapeControls } from "../checkers/phrases.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot carry
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

/** A string with every character XML 1.0 cannot carry replaced by a visible escape. */
export function xmlSafe(s: string): string {
  // With the u flag a valid surrogate pair is one code point, outside the class: only lone ones match.
  return escapeControls(s).replace(
    FORBIDDEN,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Character data. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An attribute value, without its quotes. */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;")
    .replace(/\r/g, "&#13;");
}

/** ` name="value"` for each attribute. */
export function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}
