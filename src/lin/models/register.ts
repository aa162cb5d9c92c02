/**
 * A read/write register per key (Herlihy & Wing 1990's running example; Knossos's
 * `register`): a read returns the last value written, or the initial value (nil).
 */
import type { FClass } from "../../history/vocabulary.js";
import { Kind, type ParsedOp, registerModel } from "./registers.js";

export function parseRegisterOp(
  f: FClass,
  value: unknown,
  indeterminate: boolean,
): ParsedOp | null | undefined {
  switch (f) {
    case "read":
      return indeterminate ? null : { kind: Kind.read, a: value };
    case "write":
      return { kind: Kind.write, a: value };
    default:
      return undefined;
  }
}

export const register = registerModel({
  id: "register",
  title: "Read/write register",
  fs: ["read", "write"],
  defaultInitial: null,
  parse: parseRegisterOp,
});
