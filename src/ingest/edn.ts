/**
 * Reader for Jepsen's EDN histories as they are found in the wild: op maps one per line (or
 * spread over several), or all inside one top-level vector or list, with `;` comments, sets,
 * records such as #jepsen.history.Op{...}, keywords and nil. The scanner (edn-scan.ts) finds
 * each map's text as the text streams; edn-read.ts reads it into the history vocabulary.
 * Every op reaches the sink with the line where its map starts.
 */
import { parseEdnOp } from "./edn-parse.js";
import { EdnElementScanner } from "./edn-scan.js";
import type { EventSink } from "./formats.js";
import { forEachChunk, type TextInput } from "./text.js";

export async function readEdn(input: TextInput, sink: EventSink): Promise<void> {
  const file = input.name;
  const scanner = new EdnElementScanner(file, (text, line, column) => {
    const op = parseEdnOp(text, { file, line, column });
    if (op !== undefined) sink(op, line);
  });
  await forEachChunk(
    input,
    (text) => scanner.push(text),
    () => scanner.position(),
  );
  scanner.end();
}

/**
 * Does a file's head (leading whitespace removed) look like an EDN history? A map whose first
 * key is a keyword, alone or first in a vector or list, a Jepsen record, or a `;` comment.
 */
export function looksLikeEdn(head: string): boolean {
  return /^(?:;|#jepsen|[[(]?\s*(?:\{\s*:|#jepsen\.|;))/.test(head);
}
