/**
 * `--out`: atomic for regular files and new paths, straight to anything else (never
 * replacing a device or FIFO), through symlinks to their targets, and checked before any
 * checking starts.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWritable, writeOutput } from "../src/cli/output.js";
import { UsageError } from "../src/errors.js";
import { tmpPath } from "./support/tmp.js";

function folder(): string {
  const dir = tmpPath("out");
  mkdirSync(dir);
  return dir;
}

describe("writeOutput", () => {
  it("a new path, and a regular file replaced atomically with its permissions kept", () => {
    const dir = folder();
    const path = join(dir, "report.json");
    checkWritable(path);
    writeOutput(path, "one");
    chmodSync(path, 0o640);
    writeOutput(path, "two");
    expect(readFileSync(path, "utf8")).toBe("two");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["report.json"]); // no temporary file left
  });

  it("a symlink is followed: the target gets the report, the link stays a link", () => {
    const dir = folder();
    const target = join(dir, "real.txt");
    writeFileSync(target, "old");
    const link = join(dir, "link.txt");
    symlinkSync("real.txt", link);
    checkWritable(link);
    writeOutput(link, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("new");
    const dangling = join(dir, "dangling.txt");
    symlinkSync("later.txt", dangling);
    writeOutput(dangling, "made");
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "later.txt"), "utf8")).toBe("made");
  });

  it("a FIFO is written straight, and stays a FIFO", async () => {
    const fifo = join(folder(), "pipe");
    execFileSync("mkfifo", [fifo]);
    checkWritable(fifo);
    const reading = (async () => {
      const fh = await open(fifo, "r");
      const text = await fh.readFile("utf8");
      await fh.close();
      return text;
    })();
    // The write blocks until the reader has opened the FIFO: run it once that can happen.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const writing = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          writeOutput(fifo, "through the pipe");
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
    await writing;
    expect(await reading).toBe("through the pipe");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("/dev/null is written straight and stays a character device", () => {
    const before = statSync("/dev/null");
    checkWritable("/dev/null");
    writeOutput("/dev/null", "discarded");
    const after = lstatSync("/dev/null");
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
    expect(readdirSync("/dev").some((f) => f.startsWith(".null."))).toBe(false);
  });
});

describe("checkWritable, before any checking", () => {
  it("refuses a folder, a missing folder, and a path under a file", () => {
    const dir = folder();
    const file = join(dir, "f");
    writeFileSync(file, "");
    for (const path of [dir, join(dir, "missing", "r.json"), join(file, "r.json")]) {
      expect(() => checkWritable(path), path).toThrow(UsageError);
    }
  });

  it("a read-only folder: the check agrees with what a write would do", () => {
    const dir = folder();
    chmodSync(dir, 0o555);
    const path = join(dir, "r.json");
    let writes = true;
    try {
      writeFileSync(join(dir, "probe"), "");
    } catch {
      writes = false; // not root: the folder really is read-only
    }
    let checked = true;
    try {
      checkWritable(path);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).toMatch(/not writable/);
      checked = false;
    }
    expect(checked).toBe(writes);
    chmodSync(dir, 0o755);
  });
});
