/**
 * Strict UTF-8 decoding of a byte stream, chunk by chunk. Invalid UTF-8 is never replaced
 * by U+FFFD (a write of byte ff and a read of byte fe would then compare equal): the valid
 * text before it is handed on, then a Utf8Error carries its byte offset, and the reader that
 * counted the lines so far turns it into a located ParseError. Validation is Node's native
 * `isAscii` (then latin1 decodes the chunk) or `isUtf8`; the exact offset of a bad byte is
 * searched for only on the error path. A byte order mark at
 * the start is dropped, for text chunks too.
 */
import { isAscii, isUtf8 } from "node:buffer";

const EMPTY = new Uint8Array(0);

/** Invalid UTF-8 at `byte` (the offset of the first byte of the bad sequence in the stream). */
export class Utf8Error extends Error {
  constructor(
    readonly byte: number,
    readonly detail: string,
  ) {
    super(`invalid UTF-8 at byte ${byte}: ${detail}`);
  }
}

export async function* decodeUtf8(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string, void, undefined> {
  let pending: Uint8Array = EMPTY;
  let offset = 0; // bytes of the stream before `pending`
  let atStart = true;
  for await (const chunk of chunks) {
    let text: string;
    let error: Utf8Error | undefined;
    if (typeof chunk === "string") {
      if (pending.length > 0) throw truncated(offset, pending);
      text = chunk;
    } else {
      const work = pending.length > 0 ? concat(pending, chunk) : chunk;
      const bytes = Buffer.from(work.buffer, work.byteOffset, work.length);
      if (isAscii(bytes)) {
        // Most histories are ASCII: valid UTF-8 already, and latin1 decodes it faster.
        text = bytes.toString("latin1");
        offset += work.length;
        pending = EMPTY;
      } else {
        const end = work.length - incompleteTail(work);
        let valid = end;
        if (!isUtf8(work.subarray(0, end))) {
          valid = firstInvalid(work.subarray(0, end));
          error = invalidAt(offset + valid, work[valid]);
        }
        text = bytes.toString("utf8", 0, valid);
        offset += end;
        pending = Uint8Array.from(work.subarray(end)); // a copy: the chunk may be reused
      }
    }
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) yield text;
    if (error !== undefined) throw error;
  }
  if (pending.length > 0) throw truncated(offset, pending);
}

function invalidAt(byte: number, value: number | undefined): Utf8Error {
  const what = value === undefined ? "a byte" : `byte 0x${hex(value)}`;
  return new Utf8Error(byte, `${what} that does not start a valid UTF-8 sequence`);
}

function truncated(offset: number, pending: Uint8Array): Utf8Error {
  return new Utf8Error(
    offset,
    `the input ends inside a character (bytes ${[...pending].map(hex).join(" ")})`,
  );
}

/** How many bytes at the end start a character that the next chunk may complete (0 to 3). */
function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (c < 0xc0) return 0;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return need > k ? k : 0;
  }
  return 0;
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode 15,
 * table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), or b.length.
 */
export function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const [n, lo, hi] = sequenceOf(c);
    if (n === 0 || i + n > b.length) return i;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return b.length;
}

/** Length of the sequence a lead byte starts, and the range of its second byte. */
function sequenceOf(c: number): [number, number, number] {
  if (c >= 0xc2 && c <= 0xdf) return [2, 0x80, 0xbf];
  if (c === 0xe0) return [3, 0xa0, 0xbf];
  if (c === 0xed) return [3, 0x80, 0x9f];
  if (c >= 0xe1 && c <= 0xef) return [3, 0x80, 0xbf];
  if (c === 0xf0) return [4, 0x90, 0xbf];
  if (c >= 0xf1 && c <= 0xf3) return [4, 0x80, 0xbf];
  if (c === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function hex(c: number): string {
  return c.toString(16).padStart(2, "0");
}
