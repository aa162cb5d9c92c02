/**
 * The history event validator, compiled by ajv on first use. In the CLI's bundle this module
 * is replaced by the same validator written out at build time (scripts/bundle.js).
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import { compileEventValidator, newAjv } from "./ajv.js";

let compiled: ValidateFunction | undefined;

export function eventValidator(): ValidateFunction {
  compiled ??= compileEventValidator(newAjv());
  return compiled;
}
