/** The history schema, compiled once by ajv; the first violation becomes a SchemaError. */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { SchemaError } from "../errors.js";
import type { RawEvent } from "../history/builder.js";
import { schemaPath } from "../paths.js";

let compiled: ValidateFunction | undefined;

function eventValidator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(schemaPath("history.schema.json"), "utf8"));
    // The schema is checked against the 2020-12 meta-schema by the tests, not on every run:
    // that check alone more than doubles the start-up cost.
    const ajv = new Ajv2020({
      allErrors: false,
      strict: true,
      allowUnionTypes: true,
      validateSchema: false,
    });
    ajv.addSchema(schema);
    compiled = ajv.getSchema(`${schema.$id}#/$defs/event`)!;
  }
  return compiled;
}

/** Checks one event; throws a SchemaError naming the field's JSON pointer and what was expected. */
export function validateEvent(ev: unknown, file: string, line: number, ordinal: number): RawEvent {
  const validate = eventValidator();
  if (validate(ev)) return ev as RawEvent;
  const err = validate.errors?.[0];
  const pointer =
    err?.keyword === "required"
      ? `${err.instancePath}/${String(err.params.missingProperty)}`
      : (err?.instancePath ?? "");
  const index =
    typeof ev === "object" && ev !== null && typeof (ev as RawEvent).index === "number"
      ? (ev as RawEvent).index
      : ordinal;
  const got = err?.keyword === "required" ? "" : `, got ${preview(valueAt(ev, pointer))}`;
  const expected = err ? describe(err.keyword, err.message, err.params) : "a valid event";
  throw new SchemaError({ file, line, opIndex: index, pointer }, `expected ${expected}${got}`);
}

function describe(keyword: string, message: string | undefined, params: Record<string, unknown>) {
  if (keyword === "enum")
    return `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if (keyword === "required") return `a field "${String(params.missingProperty)}"`;
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
  const s = JSON.stringify(v) ?? "nothing";
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
