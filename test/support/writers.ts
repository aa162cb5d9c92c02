/**
 * Writes event objects (the history vocabulary, bigints included) as each text format, so a
 * test can build one history and read it back from JSON, JSON Lines and EDN. Independent of
 * the code under test: bigints go through JSON.stringify as placeholders.
 */

type Event = Record<string, unknown>;

/** JSON text of a value, with bigints as plain digits (exact, as JSON allows). */
export function jsonOf(v: unknown, indent?: number): string {
  const marks: string[] = [];
  const text = JSON.stringify(
    v,
    (_k, x) => {
      if (typeof x !== "bigint") return x;
      marks.push(x.toString());
      return `\u0000big${marks.length - 1}\u0000`;
    },
    indent,
  );
  return text.replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]!);
}

export const toJsonLines = (events: Event[]): string => events.map((e) => jsonOf(e)).join("\n");

export const toJsonArray = (events: Event[], pretty = true): string =>
  pretty ? `[\n${events.map((e) => jsonOf(e)).join(",\n")}\n]` : jsonOf(events);

const NAME_FIELDS = new Set(["type", "f", "process", "key", "session", "node", "datacenter"]);
const KEYWORD = /^[a-zA-Z*!_?$%&=<>][-+.a-zA-Z0-9*!_?$%&=<>]*$/;

/** A string as an EDN string literal (the escapes EDN has; other characters as they are). */
export function ednString(s: string): string {
  return `"${s.replace(/[\\"\n\t\r]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" })[c]!)}"`;
}

/** A name: a keyword where it can be one (the reader drops its colon there), else a string. */
function ednName(v: unknown, keyword: boolean): string {
  if (typeof v === "string" && keyword && KEYWORD.test(v)) return `:${v}`;
  return ednValue(v);
}

class Raw {
  constructor(readonly text: string) {}
}

/** Any value, by an explicit stack (tests build deep values too). */
export function ednValue(root: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Raw) out.push(v.text);
    else if (v === null || v === undefined) out.push("nil");
    else if (typeof v === "string") out.push(ednString(v));
    else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
      out.push(String(v));
    } else if (Array.isArray(v)) {
      out.push("[");
      stack.push(new Raw("]"));
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i], new Raw(i > 0 ? " " : ""));
    } else {
      out.push("{");
      stack.push(new Raw("}"));
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push(x, new Raw(`${i > 0 ? ", " : ""}${ednName(k, true)} `));
      }
    }
  }
  return out.join("");
}

/** One op map: name fields as keywords where possible, a txn's micro-ops with keyword names. */
export function ednOp(e: Event): string {
  const parts = Object.entries(e).map(([k, v]) => {
    if (NAME_FIELDS.has(k)) return `:${k} ${ednName(v, true)}`;
    if (k === "value" && e.f === "txn" && Array.isArray(v)) {
      const ops = v.map((m) => {
        const [f, key, ...rest] = m as unknown[];
        return `[${ednName(f, true)} ${ednName(key, true)}${rest.map((x) => ` ${ednValue(x)}`).join("")}]`;
      });
      return `:value [${ops.join(" ")}]`;
    }
    return `${ednName(k, true)} ${ednValue(v)}`;
  });
  return `{${parts.join(", ")}}`;
}

export const toEdn = (events: Event[], inVector = false): string => {
  const body = events.map(ednOp).join("\n");
  return inVector ? `[${body}]\n` : `${body}\n`;
};
