/**
 * Colour in the text report, as a rendering option. A line is plain text, or pieces of which
 * some carry a style; each piece is escaped on its own (control characters from a history
 * become visible escapes), and only then wrapped in the SGR codes of its style, so that no
 * string from a history can reach the terminal raw, coloured or not.
 */
import { escapeControls } from "../checkers/phrases.js";

export type Style = "bad" | "good" | "doubt" | "faint" | "strong";

export type Piece = string | { text: string; style: Style };
export type Line = string | Piece[];

const sgr: Record<Style, string> = {
  bad: "\u001b[1;31m",
  good: "\u001b[32m",
  doubt: "\u001b[33m",
  faint: "\u001b[2m",
  strong: "\u001b[1m",
};
const RESET = "\u001b[0m";

export function styled(text: string, style: Style): Piece {
  return { text, style };
}

/** The lines as text: every piece escaped, and coloured when `colour` is set. */
export function paint(lines: readonly Line[], colour: boolean): string {
  const piece = (p: Piece) => {
    if (typeof p === "string") return escapeControls(p);
    const text = escapeControls(p.text);
    return colour && text !== "" ? `${sgr[p.style]}${text}${RESET}` : text;
  };
  return lines.map((l) => (typeof l === "string" ? piece(l) : l.map(piece).join(""))).join("\n");
}
