/**
 * Reads a file in fixed-size chunks and decodes UTF-8 across chunk borders, so that a
 * history of any size streams through a bounded buffer. Readers build on this.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { FileError } from "../errors.js";

export const CHUNK_BYTES = 1 << 22;

export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/** Calls `onText` with each decoded chunk in order; returns the file size. */
export function forEachChunk(
  file: string,
  onText: (text: string) => void,
  onProgress?: ReadProgress,
  chunkBytes = CHUNK_BYTES,
): number {
  return withFile(file, (fd) => {
    const total = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(chunkBytes);
    const decoder = new StringDecoder("utf8");
    let done = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      done += n;
      onText(decoder.write(n === chunkBytes ? buf : buf.subarray(0, n)));
      onProgress?.(done, total);
    }
    const rest = decoder.end();
    if (rest.length > 0) onText(rest);
    return total;
  });
}

/** Opens a file for reading, runs `use`, closes it; open failures and folders become FileErrors. */
export function withFile<T>(file: string, use: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new FileError({ file }, `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return use(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EISDIR")
      throw new FileError({ file }, "is a directory");
    throw e;
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `onPiece` with the file's text cut at newlines and at chunk borders: each piece is a
 * whole line, or part of a line that spans a border (`starts`: it begins a line; `ends`: a
 * newline ends it). Nothing is accumulated, so a line of any length streams.
 */
export function forEachLinePiece(
  file: string,
  onPiece: (text: string, starts: boolean, ends: boolean) => void,
  onProgress?: ReadProgress,
  chunkBytes = CHUNK_BYTES,
): void {
  let atLineStart = true;
  forEachChunk(
    file,
    (text) => {
      let start = 0;
      let nl = text.indexOf("\n");
      while (nl >= 0) {
        onPiece(stripCr(text.slice(start, nl)), atLineStart, true);
        atLineStart = true;
        start = nl + 1;
        nl = text.indexOf("\n", start);
      }
      if (start < text.length) {
        onPiece(text.slice(start), atLineStart, false);
        atLineStart = false;
      }
    },
    onProgress,
    chunkBytes,
  );
}

/** Calls `onLine` with every line (without its newline) and its 1-based number. */
export function forEachLine(
  file: string,
  onLine: (text: string, line: number) => void,
  onProgress?: ReadProgress,
  chunkBytes = CHUNK_BYTES,
): void {
  let carry = "";
  let line = 0;
  forEachLinePiece(
    file,
    (text, starts, ends) => {
      if (starts && ends) onLine(text, ++line);
      else if (!ends) carry += text;
      else {
        onLine(stripCr(carry + text), ++line);
        carry = "";
      }
    },
    onProgress,
    chunkBytes,
  );
  if (carry.length > 0) onLine(stripCr(carry), ++line);
}

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}
