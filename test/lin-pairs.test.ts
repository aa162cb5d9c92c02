/**
 * The [value, hash] tables behind the configuration cache and the string table (src/lin/pairs.ts):
 * every pair placed is found on its probe, before and after the table doubles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { doubled, home, mask, overFull, pairTable, place } from "../src/lin/pairs.js";

/** The value found for `hash` on its probe (the first of that hash), or 0 when the probe ends. */
function find(slots: Int32Array, hash: number): number {
  const m = mask(slots);
  for (let at = home(hash) & m; ; at = (at + 1) & m) {
    if (slots[2 * at] === 0) return 0;
    if (slots[2 * at + 1] === hash) return slots[2 * at]!;
  }
}

describe("pair tables", () => {
  it("find every pair placed, before and after doubling, and keep nothing else", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 300, size: "max" }),
        (hashes) => {
          let slots = pairTable(16);
          hashes.forEach((h, i) => {
            if (overFull(slots, i + 1)) slots = doubled(slots);
            place(slots, i + 1, h);
          });
          for (const table of [slots, doubled(slots)]) {
            hashes.forEach((h, i) => {
              expect(find(table, h)).toBe(i + 1);
            });
            let held = 0;
            for (let at = 0; at < table.length; at += 2) if (table[at] !== 0) held++;
            expect(held).toBe(hashes.length);
            // At most three quarters full.
            expect(held * 4).toBeLessThanOrEqual((table.length / 2) * 3);
          }
        },
      ),
      { seed: 10, numRuns: 200 },
    );
  });

  it("start empty and are written before read (all zero)", () => {
    const t = pairTable(8);
    expect(t.length).toBe(16);
    expect(t.every((x) => x === 0)).toBe(true);
  });
});
