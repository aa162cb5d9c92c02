/**
 * Writes a report to the `--out` path. A regular file (or a new path) is written atomically:
 * to a temporary file beside it, then renamed over it, so no half-written report is left
 * behind, and the old file's permissions are kept. Anything else (a device such as
 * /dev/null, a FIFO, a socket) is written straight and never replaced: renaming over
 * /dev/null as root would turn it into a regular file. A symlink is followed to its target,
 * which is then written by the same rules; the link stays.
 *
 * `checkWritable` says before any checking starts whether the write can succeed, so that a
 * long run does not end in a failure to write its report.
 */
import {
  accessSync,
  chmodSync,
  constants,
  lstatSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

/** The path a write lands on: symlinks followed (even a dangling one, to where it points). */
export function resolveTarget(path: string): string {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(target);
    } catch {
      return target; // a new path
    }
    if (!st.isSymbolicLink()) return target;
    target = resolve(dirname(target), readlinkSync(target));
  }
  throw new UsageError(`--out ${path}: too many levels of symbolic links`);
}

/** Throws a UsageError if the report could not be written to `path`. */
export function checkWritable(path: string): void {
  const target = resolveTarget(path);
  const fail = (why: string) => {
    throw new UsageError(`cannot write the report to ${path}: ${why}`);
  };
  let st: Stats | undefined;
  try {
    st = statSync(target);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) fail("it is a directory");
  if (st !== undefined && !st.isFile()) {
    if (!canAccess(target, constants.W_OK)) fail("it is not writable");
    return;
  }
  const dir = dirname(target);
  let dirSt: Stats | undefined;
  try {
    dirSt = statSync(dir);
  } catch {
    fail(`its folder ${dir} does not exist`);
  }
  if (!dirSt?.isDirectory()) fail(`${dir} is not a folder`);
  if (!canAccess(dir, constants.W_OK | constants.X_OK)) {
    fail(`its folder ${dir} is not writable (the report is written beside it, then renamed)`);
  }
  if (st !== undefined && !canAccess(target, constants.W_OK)) fail("it is not writable");
}

/** Writes `text` to `path`: atomically for a regular file or a new path, straight otherwise. */
export function writeOutput(path: string, text: string): void {
  const target = resolveTarget(path);
  let st: Stats | undefined;
  try {
    st = statSync(target);
  } catch {
    st = undefined;
  }
  if (st !== undefined && !st.isFile()) {
    writeFileSync(target, text);
    return;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true }); // a stale one, or anything planted there
    writeFileSync(tmp, text, { flag: "wx" });
    if (st !== undefined) chmodSync(tmp, st.mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
