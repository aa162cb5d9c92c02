/**
 * The shipped schemas are valid JSON Schema 2020-12 (the runtime skips this check to start
 * faster), and every event that validateEvent lets through unvalidated is one the schema accepts.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventValidator } from "../src/ingest/event-validator.js";
import { isPlainOp } from "../src/ingest/schema.js";
import { seeded } from "./support/fc.js";

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

describe("events taken without the validator", () => {
  /** Absent `absent` times in ten; else from `arb`. */
  const field = <T>(arb: fc.Arbitrary<T>, absent: number) =>
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: absent },
      { arbitrary: arb, weight: 10 - absent },
    );
  const event = fc
    .record({
      type: field(fc.constantFrom("invoke", "ok", "fail", "info", "done", ""), 1),
      process: field(
        fc.oneof(fc.integer(), fc.string(), fc.double(), fc.bigInt(), fc.constant(null)),
        1,
      ),
      f: field(fc.oneof(fc.constantFrom("read", "write", "cas", "txn"), fc.string(), fc.nat()), 1),
      value: field(fc.anything(), 5),
      error: field(fc.anything(), 7),
      index: field(fc.oneof(fc.nat(), fc.integer({ max: -1 })), 8),
      time: field(fc.oneof(fc.double(), fc.string()), 8),
    })
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));

  it("are all events the schema accepts", () => {
    const validate = eventValidator();
    let plain = 0;
    fc.assert(
      fc.property(event, (ev) => {
        if (!isPlainOp(ev)) return;
        plain++;
        expect(validate(ev), JSON.stringify(validate.errors)).toBe(true);
      }),
      seeded(2000),
    );
    expect(plain).toBeGreaterThan(50);
    expect(isPlainOp({ type: "ok", process: 0, f: "read", value: [1, 2], error: ":x" })).toBe(true);
    expect(isPlainOp({ type: "ok", process: 0, f: "txn", value: [] })).toBe(false);
    expect(isPlainOp({ type: "ok", process: 2 ** 60, f: "read" })).toBe(false);
  });
});
