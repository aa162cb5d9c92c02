/**
 * Text forms of history values: JSON-like data (null, booleans, numbers, strings, arrays,
 * plain objects) that may also hold bigints, the exact reading of integers beyond 2^53.
 * JSON.stringify throws on a bigint and recurses (a value nested some thousands of levels
 * deep overflows the stack), so both forms here are written with an explicit stack.
 *
 * - `canonicalKey`: one string per value, for Map keys and interning. Object keys are sorted
 *   (two maps with the same entries are equal) and a bigint is written with an `n` suffix,
 *   which no JSON text has outside a string, so 2n, 2 and "2" stay three values.
 * - `jsonText`: JSON for people and messages, keys in their order, bigints as plain digits.
 */

/** Deeper than any reader lets through (ingest stops at 1000 levels); guards against cycles. */
const MAX_NESTING = 100_000;

export function canonicalKey(v: unknown): string {
  return write(v, true);
}

export function jsonText(v: unknown): string {
  return write(v, false);
}

interface Frame {
  readonly items: readonly unknown[] | undefined;
  readonly obj: Record<string, unknown> | undefined;
  readonly keys: readonly string[] | undefined;
  i: number;
  written: number;
}

function write(root: unknown, canonical: boolean): string {
  const first = scalar(root, canonical);
  if (first !== undefined) return first;
  const stack: Frame[] = [];
  let out = open(root, stack, canonical);
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    let v: unknown;
    if (f.items !== undefined) {
      if (f.i >= f.items.length) {
        out += "]";
        stack.pop();
        continue;
      }
      if (f.i > 0) out += ",";
      v = f.items[f.i++];
    } else {
      const keys = f.keys!;
      if (f.i >= keys.length) {
        out += "}";
        stack.pop();
        continue;
      }
      const k = keys[f.i++]!;
      v = f.obj![k];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      out += `${f.written++ > 0 ? "," : ""}${JSON.stringify(k)}:`;
    }
    const s = scalar(v, canonical);
    if (s !== undefined) out += s;
    else {
      if (stack.length >= MAX_NESTING) throw new RangeError("value nested too deeply");
      out += open(v, stack, canonical);
    }
  }
  return out;
}

/** Pushes the frame of an array or object and returns its opening bracket. */
function open(v: unknown, stack: Frame[], canonical: boolean): string {
  if (Array.isArray(v)) {
    stack.push({ items: v, obj: undefined, keys: undefined, i: 0, written: 0 });
    return "[";
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (canonical) keys.sort();
  stack.push({ items: undefined, obj, keys, i: 0, written: 0 });
  return "{";
}

/** The text of a value that is not an array or object, or undefined for those. */
function scalar(v: unknown, canonical: boolean): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return String(v);
    case "bigint":
      return canonical ? `${v}n` : String(v);
    case "boolean":
      return v ? "true" : "false";
    case "object":
      if (v === null) return "null";
      if (v instanceof Date) return JSON.stringify(v);
      return undefined;
    default:
      return "null";
  }
}

/**
 * JSON.stringify for documents that may hold bigints (reports citing values, keys or
 * versions beyond 2^53): each bigint is written as its plain digits, exactly, which JSON
 * allows. JSON.stringify itself throws on them.
 */
export function stringifyExact(doc: unknown, indent?: number): string {
  const digits: string[] = [];
  const mark = `\u0000${Math.random().toString(36).slice(2)}:`;
  const text = JSON.stringify(
    doc,
    (_key, v) => {
      if (typeof v !== "bigint") return v;
      digits.push(v.toString());
      return `${mark}${digits.length - 1}`;
    },
    indent,
  );
  if (digits.length === 0) return text;
  const quoted = JSON.stringify(mark).slice(1, -1);
  return text.replace(
    new RegExp(`"${escapeRegExp(quoted)}(\\d+)"`, "g"),
    (_m, i: string) => digits[Number(i)]!,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
