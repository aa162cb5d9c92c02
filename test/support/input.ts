/** Test input for the readers: text as a stream of byte chunks of a chosen size, and error capture. */
import { decodeUtf8 } from "../../src/ingest/decode.js";
import type { EventSink } from "../../src/ingest/formats.js";
import { sourceChunks } from "../../src/ingest/source.js";
import type { TextInput } from "../../src/ingest/text.js";

/** The bytes of `data` in chunks of `size` bytes (cut anywhere, even inside a character). */
export async function* byteChunks(
  data: string | Uint8Array,
  size: number,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** A reader's input, through the same decoding as a file's. */
export function textInput(data: string | Uint8Array, chunkBytes = 1 << 22, name = "t"): TextInput {
  return { name, chunks: decodeUtf8(sourceChunks({ stream: byteChunks(data, chunkBytes), name })) };
}

/** What a reader hands its sink: each event and its line. */
export async function readAll(
  read: (input: TextInput, sink: EventSink) => Promise<void>,
  input: TextInput,
): Promise<{ ev: Record<string, unknown>; line: number }[]> {
  const got: { ev: Record<string, unknown>; line: number }[] = [];
  await read(input, (ev, line) => got.push({ ev: ev as Record<string, unknown>, line }));
  return got;
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}
