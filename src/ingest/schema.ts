/** Validation of history events against the history schema; the first violation becomes a SchemaError. */
import { cut, quote, SchemaError } from "../errors.js";
import type { RawEvent } from "../history/builder.js";
import { jsonText } from "../value-text.js";
import { eventValidator } from "./event-validator.js";

/**
 * Checks one event; throws a SchemaError naming the field's JSON pointer and what was
 * expected. ajv knows no bigints (the exact reading of integers beyond 2^53), so an event
 * that fails is checked again with each bigint where the schema looks replaced by a safe
 * integer of its sign; then the fields that must fit a number (index, process, session, the
 * counters of a version vector) are checked to hold none.
 */
export function validateEvent(ev: unknown, file: string, line: number, ordinal: number): RawEvent {
  if (isPlainOp(ev)) return ev;
  const validate = eventValidator();
  if (validate(ev)) return ev as RawEvent;
  const standIn = withStandIns(ev);
  if (standIn !== ev && validate(standIn)) {
    const problem = bigintWhereNumberNeeded(ev as Record<string, unknown>);
    if (problem === undefined) return ev as RawEvent;
    throw new SchemaError(
      { file, line, opIndex: indexOf(ev, ordinal), pointer: problem.pointer },
      problem.detail,
    );
  }
  const err = validate.errors?.[0];
  const pointer =
    err?.keyword === "required"
      ? `${err.instancePath}/${String(err.params.missingProperty)}`
      : (err?.instancePath ?? "");
  const got = err?.keyword === "required" ? "" : `, got ${preview(valueAt(ev, pointer))}`;
  const expected = err ? describe(err.keyword, err.message, err.params) : "a valid event";
  throw new SchemaError(
    { file, line, opIndex: indexOf(ev, ordinal), pointer },
    `expected ${expected}${got}`,
  );
}

const TYPES = new Set(["invoke", "ok", "fail", "info"]);

/**
 * An event that the schema accepts whatever its value and error, as the log readers make most
 * of them: a type, an integer or named process, a function other than txn, and nothing else.
 * The validator is not run on it (it was a tenth of reading Jepsen's etcd logs); a test checks
 * that the validator accepts every such event.
 */
export function isPlainOp(ev: unknown): ev is RawEvent {
  if (typeof ev !== "object" || ev === null || Array.isArray(ev)) return false;
  const { type, process, f } = ev as Record<string, unknown>;
  if (typeof type !== "string" || !TYPES.has(type)) return false;
  if (typeof process !== "string" && !Number.isSafeInteger(process)) return false;
  if (typeof f !== "string" || f === "txn") return false;
  for (const field in ev) {
    switch (field) {
      case "type":
      case "process":
      case "f":
      case "value":
      case "error":
        continue;
      default:
        return false;
    }
  }
  return true;
}

function indexOf(ev: unknown, ordinal: number): number {
  const index = typeof ev === "object" && ev !== null ? (ev as RawEvent).index : undefined;
  return typeof index === "number" ? index : ordinal;
}

/** Where the schema looks (top-level fields, vector counters, micro-op keys), bigints become safe integers. */
function withStandIns(ev: unknown): unknown {
  if (typeof ev !== "object" || ev === null || Array.isArray(ev)) return ev;
  const o = ev as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  const set = (k: string, v: unknown) => {
    copy ??= { ...o };
    copy[k] = v;
  };
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === "bigint") set(k, standIn(v));
    else if (k === "version" && isObject(v) && Object.values(v).some(isBig)) {
      set(k, Object.fromEntries(Object.entries(v).map(([r, c]) => [r, standIn(c)])));
    } else if (
      k === "value" &&
      Array.isArray(v) &&
      v.some((m) => Array.isArray(m) && isBig(m[1]))
    ) {
      set(
        k,
        v.map((m) => (Array.isArray(m) && isBig(m[1]) ? [m[0], standIn(m[1]), ...m.slice(2)] : m)),
      );
    }
  }
  return copy ?? ev;
}

function standIn(v: unknown): unknown {
  if (typeof v !== "bigint") return v;
  return v < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

const isBig = (v: unknown): boolean => typeof v === "bigint";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Fields stored as numbers: a bigint there cannot be kept exactly, so it is refused. */
function bigintWhereNumberNeeded(
  ev: Record<string, unknown>,
): { pointer: string; detail: string } | undefined {
  for (const field of ["index", "process", "session"]) {
    const v = ev[field];
    if (typeof v === "bigint") {
      return {
        pointer: `/${field}`,
        detail: `expected an integer of magnitude below 2^53, got ${preview(v)} (use a string for a ${field} this large)`,
      };
    }
  }
  const version = ev.version;
  if (isObject(version)) {
    for (const [replica, counter] of Object.entries(version)) {
      if (typeof counter === "bigint") {
        return {
          pointer: `/version/${replica.replace(/~/g, "~0").replace(/\//g, "~1")}`,
          detail: `version vector counters must be below 2^53, got ${preview(counter)}`,
        };
      }
    }
  }
  return undefined;
}

function describe(keyword: string, message: string | undefined, params: Record<string, unknown>) {
  if (keyword === "enum")
    return `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if (keyword === "required") return `a field ${quote(String(params.missingProperty))}`;
  if (keyword === "type") {
    const types = String(params.type).split(",");
    return types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ");
  }
  return message ?? keyword;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const part of pointer.split("/").slice(1)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return cur;
}

function preview(v: unknown): string {
  return v === undefined ? "nothing" : cut(jsonText(v), 60);
}
