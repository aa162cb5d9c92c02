/** The shipped schemas are valid JSON Schema 2020-12 (the runtime skips this check to start faster). */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

describe("schemas/", () => {
  it.each(["history.schema.json", "report.schema.json"])(
    "%s is a valid 2020-12 schema in strict mode",
    (name) => {
      const schema = JSON.parse(readFileSync(`schemas/${name}`, "utf8"));
      const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    },
  );
});
