/**
 * The memory of a search let go is handed back at once (src/lin/release.ts), not at V8's next
 * full collection: so that the whole process stays near the memory limit plus its base.
 */
import { setImmediate as tick } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { released, releaseLimit, releaseNow } from "../src/lin/release.js";

// As the CLI's launcher does (bin/causeway.js); a program calling the library decides itself.
setFlagsFromString("--expose-gc");

/** A weak reference to a fresh 32 MiB table nothing else holds. */
function lost(): WeakRef<Int32Array> {
  return new WeakRef(new Int32Array(8 * 2 ** 20));
}

describe("memory let go", () => {
  it("is collected when asked", async () => {
    const table = lost();
    await tick(); // a WeakRef keeps its target alive until the job that made it ends
    releaseNow();
    expect(table.deref()).toBeUndefined();
  });

  it("is collected when it is an eighth of the limit or more", async () => {
    releaseLimit(256 * 2 ** 20);
    const table = lost();
    await tick();
    released(32 * 2 ** 20);
    expect(table.deref()).toBeUndefined();
  });
});
