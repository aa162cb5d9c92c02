/**
 * Where a history comes from, and its bytes as an async stream of chunks: a file read
 * sequentially (so pipes, FIFOs, /dev/stdin and `<(zcat h.gz)` work: nothing seeks),
 * standard input, a string, or any async iterable. Gzip is recognised by its magic bytes,
 * whatever the name, and decompressed as it streams. Every error names the source: its path,
 * "<stdin>" for standard input, or the name a program gave.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { FileError } from "../errors.js";

export type HistorySource =
  | string
  | { text: string; name?: string }
  | { stream: AsyncIterable<Uint8Array | string>; name?: string }
  | { events: Iterable<object> | AsyncIterable<object>; name?: string };

/** Called as bytes are read: so far, and the total when the source is a regular file. */
export type ReadProgress = (bytesRead: number, totalBytes: number | undefined) => void;

export const CHUNK_BYTES = 4 * 1024 * 1024;

export const STDIN_NAME = "<stdin>";

const STDIN_PATHS = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

export function sourceName(source: HistorySource): string {
  if (typeof source === "string") return source === "-" ? STDIN_NAME : source;
  if ("text" in source) return source.name ?? "<text>";
  if ("stream" in source) return source.name ?? "<stream>";
  return source.name ?? "<events>";
}

/** The chunks of a source that is not `events`, decompressed if it is gzip. */
export function sourceChunks(
  source: Exclude<HistorySource, { events: unknown }>,
  onProgress?: ReadProgress,
  chunkBytes = CHUNK_BYTES,
): AsyncIterable<Uint8Array | string> {
  const name = sourceName(source);
  if (typeof source !== "string" && "text" in source) return textChunks(source.text, chunkBytes);
  const raw =
    typeof source !== "string"
      ? counted(source.stream, onProgress)
      : source === "-"
        ? counted(process.stdin, onProgress)
        : fileChunks(source, chunkBytes, onProgress);
  return gunzipIfCompressed(raw, name);
}

async function* textChunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function* fileChunks(
  path: string,
  size: number,
  onProgress?: ReadProgress,
): AsyncGenerator<Uint8Array> {
  if (isRegularFile(path)) yield* regularFileChunks(path, size, onProgress);
  else yield* streamedFileChunks(path, size, onProgress);
}

/** A path that names a regular file now (stat follows links); anything else, or an error, is read as a stream. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * A regular file, read with blocking calls: each one waits on the disk for about as long as
 * the thread pool's hand-over of an asynchronous one takes, and a check of many small files
 * (Jepsen's 60 etcd logs) spent a sixth of its time idle between them. Only regular files:
 * a FIFO or a terminal may wait for ever. The buffer is no larger than the file (plus one
 * byte, to see its end in one read), not 4 MiB for each small file.
 */
async function* regularFileChunks(
  path: string,
  size: number,
  onProgress?: ReadProgress,
): AsyncGenerator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new FileError({ file: path }, `cannot open: ${errorCode(e)}`);
  }
  try {
    const total = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(size, total + 1)));
    yield* filled(buf, () => readSync(fd, buf, 0, buf.length, null), total, onProgress);
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError({ file: path }, `cannot read: ${errorCode(e)}`);
  } finally {
    closeSync(fd);
  }
}

async function* streamedFileChunks(
  path: string,
  size: number,
  onProgress?: ReadProgress,
): AsyncGenerator<Uint8Array> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, "r");
  } catch (e) {
    // Linux cannot open /dev/stdin when standard input is a socket (as Node's child
    // processes have it): read it as the stream it is.
    if (errorCode(e) === "ENXIO" && STDIN_PATHS.has(path)) {
      yield* counted(process.stdin, onProgress) as AsyncIterable<Uint8Array>;
      return;
    }
    throw new FileError({ file: path }, `cannot open: ${errorCode(e)}`);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new FileError({ file: path }, "is a directory");
    const total = st.isFile() ? st.size : undefined;
    // One buffer for the whole file: each chunk is used up before the next is asked for.
    // (Reading the next chunk while this one is parsed saved no CPU and cost peak memory.)
    const buf = Buffer.allocUnsafe(size);
    yield* filled(
      buf,
      async () => (await fh.read(buf, 0, size, null)).bytesRead,
      total,
      onProgress,
    );
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError({ file: path }, `cannot read: ${errorCode(e)}`);
  } finally {
    await fh.close();
  }
}

/**
 * What `read` puts in `buf`, chunk after chunk until it reads nothing, with the bytes so far
 * for progress: each chunk is `buf` again, to be used up before the next is asked for.
 */
async function* filled(
  buf: Buffer,
  read: () => number | Promise<number>,
  total: number | undefined,
  onProgress?: ReadProgress,
): AsyncGenerator<Uint8Array> {
  let done = 0;
  for (let n = await read(); n > 0; n = await read()) {
    done += n;
    yield buf.subarray(0, n);
    onProgress?.(done, total);
  }
}

async function* counted(
  chunks: AsyncIterable<Uint8Array | string>,
  onProgress?: ReadProgress,
): AsyncGenerator<Uint8Array | string> {
  let done = 0;
  for await (const chunk of chunks) {
    done += chunk.length;
    yield chunk;
    onProgress?.(done, undefined);
  }
}

/**
 * The chunks as they are, or decompressed when the first two bytes are gzip's (1f 8b). A
 * byte chunk is valid only until the next one is asked for (a file's reuse one buffer), so
 * chunks held here while more are read, and chunks given to zlib, are copied.
 */
async function* gunzipIfCompressed(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<Uint8Array | string> {
  const it = chunks[Symbol.asyncIterator]();
  const head: (Uint8Array | string)[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < 2) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = next.value;
    if (typeof chunk === "string") {
      head.push(chunk);
      break;
    }
    bytes += chunk.length;
    head.push(bytes < 2 ? Uint8Array.from(chunk) : chunk);
  }
  const replay = replayed(head, done ? undefined : it);
  if (!isGzip(head)) {
    yield* replay;
    return;
  }
  yield* gunzip(replay, name);
}

/**
 * The chunks already taken, then the rest; stopping early closes the rest (and its file).
 * `head` is emptied as it is replayed, so its chunks are not kept for the whole read.
 */
export async function* replayed<T>(
  head: T[],
  rest: AsyncIterator<T> | undefined,
): AsyncGenerator<T> {
  try {
    while (head.length > 0) yield head.shift()!;
    if (rest === undefined) return;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest?.return?.();
  }
}

function isGzip(head: (Uint8Array | string)[]): boolean {
  const bytes: number[] = [];
  for (const c of head) {
    if (typeof c === "string") return false;
    for (const b of c.subarray(0, 2 - bytes.length)) bytes.push(b);
    if (bytes.length === 2) break;
  }
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function* gunzip(
  chunks: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<Uint8Array> {
  const z = createGunzip({ chunkSize: 1 << 20 });
  const input = Readable.from(copied(chunks), { objectMode: false });
  input.on("error", (e) => z.destroy(e));
  input.pipe(z);
  try {
    for await (const chunk of z) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError({ file: name }, `cannot decompress (gzip): ${gzipProblem(e)}`);
  } finally {
    input.destroy();
    z.destroy();
  }
}

async function* copied(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  for await (const c of chunks) yield typeof c === "string" ? c : Buffer.from(c);
}

function gzipProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "Z_BUF_ERROR") return "the data ends early (truncated file?)";
  return e instanceof Error ? e.message : String(e);
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}
