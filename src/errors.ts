/**
 * The named errors for unusable input. Findings about a history are never thrown; these are
 * for input that cannot be read as a history at all. Each carries where the problem is, so
 * the CLI can print one precise line: file, line, column or op index, and field pointer.
 */

export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
  /** The op's `index` field, or its ordinal among the file's events. */
  opIndex?: number;
  /** JSON pointer of the offending field inside the op, e.g. "/type". */
  pointer?: string;
}

export abstract class CausewayInputError extends Error {
  abstract readonly kind: "parse" | "schema" | "structure" | "file";
  readonly location: InputLocation;
  readonly detail: string;
  constructor(location: InputLocation, detail: string) {
    super(`${formatLocation(location)}: ${detail}`);
    this.location = location;
    this.detail = detail;
  }
}

/** The text is not valid JSON / EDN / log syntax. */
export class ParseError extends CausewayInputError {
  readonly kind = "parse";
  override readonly name = "ParseError";
}

/** An op does not match schemas/history.schema.json. */
export class SchemaError extends CausewayInputError {
  readonly kind = "schema";
  override readonly name = "SchemaError";
}

/** The events do not form a history: unpaired completions, indices or times going backwards. */
export class StructureError extends CausewayInputError {
  readonly kind = "structure";
  override readonly name = "StructureError";
}

/** The file cannot be opened or its format cannot be recognised. */
export class FileError extends CausewayInputError {
  readonly kind = "file";
  override readonly name = "FileError";
}

/** Bad command-line arguments (not input data). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function formatLocation(loc: InputLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.column !== undefined) s += `:${loc.column}`;
  const extra: string[] = [];
  if (loc.opIndex !== undefined) extra.push(`op ${loc.opIndex}`);
  if (loc.pointer !== undefined) extra.push(`field ${loc.pointer || "/"}`);
  return extra.length > 0 ? `${s} (${extra.join(", ")})` : s;
}
