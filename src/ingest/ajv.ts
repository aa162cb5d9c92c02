/**
 * The one ajv configuration for the schemas in schemas/. The CLI's bundle does not compile
 * with it at run time: scripts/bundle.js writes each validator out at build time with ajv's
 * standalone code, from the same compilation (see event-validator.ts, report-validator.ts).
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { schemaPath } from "../paths.js";

/** `source` keeps each function's code, for ajv's standalone module (build time only). */
export function newAjv(source = false): Ajv2020 {
  // The schemas are checked against the 2020-12 meta-schema by the tests, not on every run:
  // that check alone more than doubles the start-up cost.
  return new Ajv2020({
    allErrors: false,
    strict: true,
    allowUnionTypes: true,
    validateSchema: false,
    ...(source ? { code: { source: true, esm: true } } : {}),
  });
}

export function readSchema(name: string): { $id: string } {
  return JSON.parse(readFileSync(schemaPath(name), "utf8"));
}

/** The validator of one history event: `#/$defs/event` of the history schema. */
export function compileEventValidator(ajv: Ajv2020): ValidateFunction {
  const schema = readSchema("history.schema.json");
  ajv.addSchema(schema);
  return ajv.getSchema(`${schema.$id}#/$defs/event`)!;
}

export function compileReportValidator(ajv: Ajv2020): ValidateFunction {
  return ajv.compile(readSchema("report.schema.json"));
}
