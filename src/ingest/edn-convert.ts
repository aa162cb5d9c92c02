/**
 * Turns what edn-data parses into the history schema's vocabulary, so that an EDN op and its
 * JSON twin become the same event. Keywords that name things (map keys; the values of :type,
 * :f, :process, :key, :session, :node, :datacenter; a micro-op's function and key) lose their
 * colon: `:nemesis` -> "nemesis", `[:r :x nil]` -> ["r", "x", null]. Every other keyword keeps
 * it (`:timed-out` -> ":timed-out"), so it stays distinct from the string "timed-out". Sets
 * become arrays in a fixed order, records and tagged values their plain content, nil null.
 * Integers beyond 2^53 and malformed symbols are noted in `issues` for the caller to locate.
 */

/** Problems found while converting; the caller turns them into located ParseErrors. */
export interface Issues {
  /** A symbol that is not valid EDN (most often a malformed number such as 1.2.3). */
  badToken?: string;
  /** Some integer lost precision (edn-data reads integers as doubles). */
  unsafeInteger: boolean;
}

type Entries = [unknown, unknown][];

const nameFields = new Set(["type", "f", "process", "key", "session", "node", "datacenter"]);

/** EDN's symbol grammar: no leading digit, nor a digit after a leading sign or dot. */
const SYMBOL = /^(?:\/|(?:[-+.](?![0-9])|[a-zA-Z*!_?$%&=<>])[-+.a-zA-Z0-9*!_?$%&=<>:#'/]*)$/;

/** The op of an edn-data map or record (`{map}` or `{tag, val: {map}}`), or undefined. */
export function convertOp(parsed: unknown, issues: Issues): Record<string, unknown> | undefined {
  let node = parsed;
  while (isObject(node) && "tag" in node && "val" in node) node = node.val;
  if (!isObject(node) || !("map" in node)) return undefined;
  const op: Record<string, unknown> = {};
  for (const [k, v] of node.map as Entries) {
    const name = keyName(k, issues);
    setField(op, name, convertField(name, v, issues));
  }
  return op;
}

/** One field of an op: names lose their colon, a :value of micro-ops has its own rules. */
export function convertField(name: string, v: unknown, issues: Issues): unknown {
  if (nameFields.has(name)) return asName(v, issues);
  if (name === "value" && isMicroOpList(v)) return v.map((m) => convertMicroOp(m, issues));
  return convertValue(v, issues);
}

/** Any EDN value, by the rules in the header. */
export function convertValue(v: unknown, issues: Issues): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) issues.unsafeInteger = true;
    return v;
  }
  if (typeof v === "bigint") {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) issues.unsafeInteger = true;
    return n;
  }
  if (Array.isArray(v)) return v.map((x) => convertValue(x, issues));
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) issues.badToken ??= "#inst";
    return Number.isNaN(v.getTime()) ? null : v.toISOString();
  }
  if (isObject(v)) return convertWrapped(v, issues);
  return v;
}

/** edn-data's wrappers: {key}, {sym}, {char}, {map}, {set}, {list}, {tag, val}. */
function convertWrapped(o: Record<string, unknown>, issues: Issues): unknown {
  if ("key" in o) return `:${String(o.key)}`;
  if ("map" in o) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of o.map as Entries)
      setField(out, keyName(k, issues), convertValue(v, issues));
    return out;
  }
  if ("set" in o)
    return (o.set as unknown[]).map((x) => convertValue(x, issues)).sort(compareValues);
  if ("tag" in o) return convertValue(o.val, issues);
  if ("list" in o) return convertValue(o.list, issues);
  if ("char" in o) return String(o.char);
  if ("sym" in o) {
    const sym = String(o.sym);
    if (!SYMBOL.test(sym)) issues.badToken ??= sym;
    return sym;
  }
  return o;
}

function convertMicroOp(m: unknown[], issues: Issues): unknown[] {
  return m.map((x, i) => (i < 2 ? asName(x, issues) : convertValue(x, issues)));
}

/** A transaction's value: micro-ops [f k v], each a vector that starts with a keyword. */
function isMicroOpList(v: unknown): v is unknown[][] {
  if (!Array.isArray(v) || v.length === 0) return false;
  return v.every((m) => Array.isArray(m) && m.length >= 2 && isKeyword(m[0]));
}

function asName(v: unknown, issues: Issues): unknown {
  return isKeyword(v) ? v.key : convertValue(v, issues);
}

function keyName(k: unknown, issues: Issues): string {
  if (isKeyword(k)) return k.key;
  if (typeof k === "string") return k;
  const v = convertValue(k, issues);
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Assigns without letting a key named __proto__ reach the prototype. */
function setField(o: Record<string, unknown>, name: string, value: unknown): void {
  if (name === "__proto__") {
    Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[name] = value;
  }
}

function isKeyword(v: unknown): v is { key: string } {
  return isObject(v) && typeof v.key === "string" && Object.keys(v).length === 1;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const rankOf = (v: unknown): number =>
  v === null
    ? 0
    : typeof v === "boolean"
      ? 1
      : typeof v === "number"
        ? 2
        : typeof v === "string"
          ? 3
          : Array.isArray(v)
            ? 4
            : 5;

/** A total order on converted values: by kind, then numbers, strings, arrays element-wise. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2) return Number(a) - Number(b);
  if (ra === 3) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ra === 4) {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = compareValues(x[i], y[i]);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }
  return ra === 5 ? compareValues(JSON.stringify(a), JSON.stringify(b)) : 0;
}
