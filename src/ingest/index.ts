/** Loads a history file of any supported format into a validated, normalised History. */
import { readSync } from "node:fs";
import { FileError } from "../errors.js";
import { HistoryBuilder } from "../history/builder.js";
import { type IndependentMode, splitIndependentKeys } from "../history/independent.js";
import type { History } from "../history/model.js";
import { type ReadProgress, withFile } from "./chunks.js";
import { type Format, formats } from "./formats.js";
import { validateEvent } from "./schema.js";

export interface LoadOptions {
  /** Force a format instead of detecting it. */
  format?: string;
  onProgress?: ReadProgress;
  /** How to read a keyless history of [key value] tuples (Jepsen's independent keys). */
  independentKeys?: IndependentMode;
}

export function loadHistory(file: string, options: LoadOptions = {}): History {
  const format = options.format ? formatById(options.format, file) : detectFormat(file);
  const builder = new HistoryBuilder(file, { checkTime: format.checkTime });
  let ordinal = 0;
  format.read(
    file,
    (event, line) => builder.add(validateEvent(event, file, line, ordinal++), line),
    options.onProgress,
  );
  return splitIndependentKeys(builder.finish(), options.independentKeys);
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

export function detectFormat(file: string): Format {
  const head = readHead(file)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.length === 0) throw new FileError({ file }, "the file is empty");
  const f = formats.find((x) => x.detect(head));
  if (!f) {
    throw new FileError(
      { file },
      `unrecognised format (starts with ${JSON.stringify(head.slice(0, 24))}); known: ${formats.map((x) => `${x.id} (${x.description})`).join("; ")}`,
    );
  }
  return f;
}

function readHead(file: string): string {
  return withFile(file, (fd) => {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, 4096, 0);
    return buf.subarray(0, n).toString("utf8");
  });
}
