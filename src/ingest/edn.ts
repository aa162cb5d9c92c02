/**
 * Reader for Jepsen's EDN histories as they are found in the wild: op maps one per line (or
 * spread over several), or all inside one top-level vector or list, with `;` comments, sets,
 * records such as #jepsen.history.Op{...}, keywords and nil. edn-stream.ts finds each map
 * as the text streams and edn-read.ts reads it into the history vocabulary. Every op reaches
 * the sink with the line where its map starts.
 */
import { EdnOpStream } from "./edn-stream.js";
import type { EventSink } from "./formats.js";
import { forEachChunk, type TextInput } from "./text.js";

export async function readEdn(input: TextInput, sink: EventSink): Promise<void> {
  const ops = new EdnOpStream(input.name, sink);
  await forEachChunk(
    input,
    (text) => ops.push(text),
    () => ops.position(),
  );
  ops.end();
}

/**
 * Does a file's head (leading whitespace removed) look like an EDN history? A map whose first
 * key is a keyword, alone or first in a vector or list, a Jepsen record, or a `;` comment.
 */
export function looksLikeEdn(head: string): boolean {
  return /^(?:;|#jepsen|[[(]?\s*(?:\{\s*:|#jepsen\.|;))/.test(head);
}
