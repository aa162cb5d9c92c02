/**
 * Loads a history from any source (a path, "-" for standard input, text, a stream, or event
 * objects) into a validated, normalised History. Text is decoded strictly (decode.ts), its
 * format detected from a buffered head (never by seeking, so pipes work), and read as it
 * streams; every event is checked against the schema and paired by the HistoryBuilder.
 */
import { FileError, quote, StructureError } from "../errors.js";
import { HistoryBuilder } from "../history/builder.js";
import { type IndependentMode, splitIndependentKeys } from "../history/independent.js";
import type { History } from "../history/model.js";
import { decodeUtf8, type Utf8Error } from "./decode.js";
import { addEvents } from "./events.js";
import { type Format, formats } from "./formats.js";
import { validateEvent } from "./schema.js";
import { type HistorySource, type ReadProgress, sourceChunks, sourceName } from "./source.js";
import { endOf, peekHead, type TextInput, utf8ErrorAt } from "./text.js";

export { type HistorySource, type ReadProgress, sourceName } from "./source.js";

export interface LoadOptions {
  /** Force a format (json, jsonl, edn, jepsen-log) instead of detecting it. */
  format?: string;
  /** Called as bytes are read, with the total when the source is a regular file. */
  onProgress?: ReadProgress;
  /** How to read a keyless history of [key value] tuples (Jepsen's independent keys). */
  independentKeys?: IndependentMode;
}

export async function loadHistory(
  source: HistorySource,
  options: LoadOptions = {},
): Promise<History> {
  const name = sourceName(source);
  let history: History;
  if (typeof source !== "string" && "events" in source) {
    const builder = new HistoryBuilder(name, "events");
    await addEvents(source.events, name, builder);
    history = builder.finish();
  } else {
    const text: TextInput = { name, chunks: decodeUtf8(sourceChunks(source, options.onProgress)) };
    const { format, input } = await chooseFormat(text, options.format);
    const builder = new HistoryBuilder(name, format.id);
    let ordinal = 0;
    await format.read(input, (event, line) =>
      builder.add(validateEvent(event, name, line, ordinal++), line),
    );
    history = builder.finish();
  }
  if (history.size === 0) {
    throw new StructureError({ file: name }, "no ops found: the input holds no operation events");
  }
  return splitIndependentKeys(history, options.independentKeys);
}

export function formatById(id: string, file: string): Format {
  const f = formats.find((x) => x.id === id);
  if (!f)
    throw new FileError(
      { file },
      `unknown format "${id}" (known: ${formats.map((x) => x.id).join(", ")})`,
    );
  return f;
}

/** The format whose signature the head of a text has (leading whitespace removed), if any. */
export function detectFormat(head: string): Format | undefined {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  return start.length === 0 ? undefined : formats.find((x) => x.detect(start));
}

/** The forced format, or the one detected from the head; the input replays the head. */
async function chooseFormat(
  text: TextInput,
  forced: string | undefined,
): Promise<{ format: Format; input: TextInput }> {
  if (forced !== undefined) return { format: formatById(forced, text.name), input: text };
  const { head, input, error } = await peekHead(text);
  const format = detectFormat(head);
  if (format !== undefined) return { format, input };
  if (error !== undefined) throw locatedAtEnd(text.name, head, error);
  const start = head.trimStart();
  if (start.length === 0) throw new FileError({ file: text.name }, "the input is empty");
  throw new FileError(
    { file: text.name, line: 1, column: 1 },
    `unrecognised format (starts with ${quote(start.slice(0, 24))}); known: ${formats.map((x) => `${x.id} (${x.description})`).join("; ")}`,
  );
}

function locatedAtEnd(name: string, head: string, error: Utf8Error) {
  const { line, column } = endOf(head);
  return utf8ErrorAt(name, error, line, column);
}
