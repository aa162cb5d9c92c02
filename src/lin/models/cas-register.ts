/**
 * A compare-and-set register per key (Knossos's `cas-register`, Porcupine's etcd model):
 * read, write, and cas [from to], which takes effect only when the register holds `from`.
 * A failed cas is dropped before it gets here: Knossos treats :fail as not having happened.
 */
import { parseRegisterOp } from "./register.js";
import { Kind, registerModel } from "./registers.js";

export const casRegister = registerModel({
  id: "cas-register",
  title: "Compare-and-set register",
  fs: ["read", "write", "cas"],
  defaultInitial: null,
  parse(f, value, indeterminate) {
    if (f !== "cas") return parseRegisterOp(f, value, indeterminate);
    if (!Array.isArray(value) || value.length !== 2) {
      return { unreadable: "bad-value", f: "cas", expected: "a list [from to]", value };
    }
    return { kind: Kind.cas, a: value[0], b: value[1] };
  },
});
