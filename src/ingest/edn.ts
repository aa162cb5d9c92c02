/**
 * Reader for Jepsen's EDN histories as they are found in the wild: op maps one per line (or
 * spread over several), or all inside one top-level vector or list, with `;` comments, sets,
 * records such as #jepsen.history.Op{...}, keywords and nil. The scanner (edn-scan.ts) finds
 * each map's text as the file streams; edn-data parses it; edn-convert.ts maps it onto the
 * history vocabulary. Every op reaches the sink with the line where its map starts.
 */
import { forEachChunk, type ReadProgress } from "./chunks.js";
import { parseEdnOp } from "./edn-parse.js";
import { EdnElementScanner } from "./edn-scan.js";
import type { EventSink } from "./formats.js";

export function readEdn(file: string, sink: EventSink, onProgress?: ReadProgress): void {
  const scanner = new EdnElementScanner(file, (text, line, column) => {
    const op = parseEdnOp(text, { file, line, column });
    if (op !== undefined) sink(op, line);
  });
  forEachChunk(file, (text) => scanner.push(text), onProgress);
  scanner.end();
}

/**
 * Does a file's head (leading whitespace removed) look like an EDN history? A map whose first
 * key is a keyword, alone or first in a vector or list, a Jepsen record, or a `;` comment.
 */
export function looksLikeEdn(head: string): boolean {
  return /^(?:;|#jepsen|[[(]?\s*(?:\{\s*:|#jepsen\.|;))/.test(head);
}
