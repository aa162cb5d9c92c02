/** String interning for the kv model: appends share what they extend, and equal strings get one id whatever way they were built. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Values } from "../src/lin/models/states.js";
import { StringTable } from "../src/lin/models/strings.js";
import { seeded } from "./support/fc.js";

describe("StringTable", () => {
  it("gives equal strings one id, built by appends or read whole", () => {
    const t = new StringTable();
    const empty = t.intern("");
    const ab = t.append(t.append(empty, t.intern("a")), t.intern("b"));
    expect(t.text(ab)).toBe("ab");
    expect(t.intern("ab")).toBe(ab);
    // Another way to the same string: "" + "ab".
    expect(t.append(empty, t.intern("ab"))).toBe(ab);
    const abc = t.append(ab, t.intern("c"));
    expect(t.append(t.intern("a"), t.intern("bc"))).toBe(abc);
    expect(t.text(abc)).toBe("abc");
  });

  it("recognises a string of the history when appends build it", () => {
    const t = new StringTable();
    const read = t.intern("x 1 0 yx 2 0 y");
    const built = t.append(t.intern("x 1 0 y"), t.intern("x 2 0 y"));
    expect(built).toBe(read);
    expect(t.append(t.intern("x 1 0 y"), t.intern("x 2 0 y"))).toBe(read);
  });

  it("keeps ids of other values apart from every string", () => {
    const v = new Values();
    const five = v.id(5);
    expect(v.id("5")).not.toBe(five);
    expect(v.value(five)).toBe(5);
    expect(v.value(v.concat(five, v.id("x")))).toBe("5x");
    expect(v.value(v.concat(v.id(null), v.id("x")))).toBe("x");
  });

  it("agrees with plain string equality on random appends", () => {
    const piece = fc.constantFrom("", "a", "b", "ab", "ba", "aa", "x 1 y");
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 6 }), { maxLength: 12 }), (lists) => {
        const t = new StringTable();
        const ids = new Map<string, number>();
        for (const pieces of lists) {
          let id = t.intern("");
          let text = "";
          for (const p of pieces) {
            id = t.append(id, t.intern(p));
            text += p;
          }
          expect(t.text(id)).toBe(text);
          if (ids.has(text)) expect(id).toBe(ids.get(text));
          ids.set(text, id);
          expect(t.intern(text)).toBe(id);
        }
      }),
      seeded(200, 10),
    );
  });
});
