/**
 * A key-value map of strings (Porcupine's kv model): get returns the key's current string,
 * put replaces it, append concatenates to it; every key starts as "" (empty string). Keys
 * are independent objects, so each is checked on its own (P-compositionality).
 */
import { Kind, registerModel } from "./registers.js";

export const kv = registerModel({
  id: "kv",
  title: "Key-value map with append",
  fs: ["get", "put", "append"],
  defaultInitial: "",
  refutes: true,
  parse(f, value, indeterminate) {
    switch (f) {
      case "read":
        return indeterminate ? null : { kind: Kind.read, a: value ?? "" };
      case "write":
        return { kind: Kind.write, a: value ?? "" };
      case "append":
        return { kind: Kind.append, a: value ?? "" };
      default:
        return undefined;
    }
  },
});
