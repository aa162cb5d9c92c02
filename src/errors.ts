/**
 * The named errors for unusable input. Findings about a history are never thrown; these are
 * for input that cannot be read as a history at all. Each carries where the problem is, so
 * the CLI can print one precise line: file, line, column or byte offset, op index, and field
 * pointer. A message is always one line: control characters in it (from a file name or a
 * quoted piece of the input) are escaped, and quoted input is cut (see `quote`).
 */

export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
  /** Byte offset in the (decompressed) input, where lines and columns are not enough. */
  byte?: number;
  /** The op's `index` field, or its ordinal among the file's events. */
  opIndex?: number;
  /** JSON pointer of the offending field inside the op, e.g. "/type". */
  pointer?: string;
}

/** The longest detail a message keeps; the rest is cut. */
const MAX_DETAIL = 1000;

export abstract class CausewayInputError extends Error {
  abstract readonly kind: "parse" | "schema" | "structure" | "file";
  readonly location: InputLocation;
  readonly detail: string;
  constructor(location: InputLocation, detail: string) {
    const safe = cut(escapeControls(detail), MAX_DETAIL);
    super(`${formatLocation(location)}: ${safe}`);
    this.location = location;
    this.detail = safe;
  }
}

/** The text is not valid JSON / EDN / log syntax, not UTF-8, or past an input limit. */
export class ParseError extends CausewayInputError {
  readonly kind = "parse";
  override readonly name = "ParseError";
}

/** An op does not match schemas/history.schema.json. */
export class SchemaError extends CausewayInputError {
  readonly kind = "schema";
  override readonly name = "SchemaError";
}

/** The events do not form a history: unpaired completions, indices going backwards, no ops. */
export class StructureError extends CausewayInputError {
  readonly kind = "structure";
  override readonly name = "StructureError";
}

/** The file cannot be opened, decompressed, or its format cannot be recognised. */
export class FileError extends CausewayInputError {
  readonly kind = "file";
  override readonly name = "FileError";
}

/** Bad command-line arguments (not input data). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export function formatLocation(loc: InputLocation): string {
  let s = escapeControls(loc.file);
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.column !== undefined) s += `:${loc.column}`;
  const extra: string[] = [];
  if (loc.byte !== undefined) extra.push(`byte ${loc.byte}`);
  if (loc.opIndex !== undefined) extra.push(`op ${loc.opIndex}`);
  if (loc.pointer !== undefined) extra.push(`field ${escapeControls(loc.pointer) || "/"}`);
  return extra.length > 0 ? `${s} (${extra.join(", ")})` : s;
}

/**
 * A piece of input text for a message: in double quotes, control characters escaped, cut to
 * about `max` characters, so that a hostile file cannot move the cursor, clear the screen or
 * write a second line, and a 50 MB string does not become a 50 MB message.
 */
export function quote(text: string, max = 60): string {
  return `"${cut(escapeControls(text.replace(/["\\]/g, "\\$&")), max)}"`;
}

/**
 * C0 and C1 controls, DEL, line and paragraph separators and the bidirectional overrides,
 * which a terminal would act on; each becomes a \uXXXX escape (\n, \r, \t keep their names).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  CONTROLS.lastIndex = 0;
  if (!CONTROLS.test(text)) return text;
  return text.replace(CONTROLS, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** The text, cut to `max` characters with "..." and the number of characters left out. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(0, max - 3);
  // Do not split a surrogate pair.
  const end = isHighSurrogate(text.charCodeAt(keep - 1)) ? keep - 1 : keep;
  return `${text.slice(0, end)}... (${text.length - end} more characters)`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
