/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): DOM helpers. Every string reaches the page as text
 * (textContent), never as markup, so nothing from a history is ever parsed as HTML.
 */

type Child = Node | string | null | undefined | false;

/** An element with a class, attributes and children; strings become text nodes. */
export function el(
  tag: string,
  cls?: string | null,
  attrs?: Record<string, string> | null,
  ...children: Child[]
): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

/** A verdict as a coloured badge. */
export function badge(verdict: string): HTMLElement {
  const words: Record<string, string> = { invalid: "INVALID" };
  return el("span", `badge v-${verdict.replace("/", "")}`, null, words[verdict] ?? verdict);
}

/** A value as short JSON, for tooltips. */
export function showValue(v: unknown, max: number): string {
  // A bigint (an integer beyond 2^53) is written as its digits.
  const raw = (JSON as unknown as { rawJSON?: (text: string) => unknown }).rawJSON;
  const exact = (_k: string, x: unknown) =>
    typeof x === "bigint" ? (raw ? raw(x.toString()) : x.toString()) : x;
  let s: string;
  try {
    s = JSON.stringify(v, exact) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
