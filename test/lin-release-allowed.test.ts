/**
 * The CLI's launcher does not leave V8's expose-gc flag set (worker threads booted under it
 * start without Node's snapshot, twice as slowly): it lets release.ts set it for the moment it
 * takes a collector. A program calling the library, which has not allowed it, keeps its own
 * settings (test/lin-release.test.ts sets the flag itself, as such a program may).
 */
import { setImmediate as tick } from "node:timers/promises";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { allowCollection, collectionAllowed, releaseNow } from "../src/lin/release.js";

const exposed = () => runInNewContext("typeof gc") === "function";

describe("a collector taken for the moment", () => {
  it("collects when allowed, and leaves the flag as it found it", async () => {
    expect(exposed()).toBe(false);
    expect(collectionAllowed()).toBe(false);
    allowCollection();
    expect(collectionAllowed()).toBe(true);
    const table = new WeakRef(new Int32Array(8 * 2 ** 20));
    await tick(); // a WeakRef keeps its target alive until the job that made it ends
    releaseNow();
    expect(table.deref()).toBeUndefined();
    expect(exposed()).toBe(false);
  });
});
