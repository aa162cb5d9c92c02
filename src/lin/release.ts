/**
 * Handing the memory of searches let go back at once. A search's cache and states are typed
 * arrays, which V8 frees only when a full collection finds them unreachable; it starts one
 * when the memory outside its heap has grown by a margin (about 64 MiB) since the last, so a
 * process could hold that much more than the searches' limit, and more again when a search
 * lets others go to make room (README, Memory). So when a search is let go, or one that held
 * much ends, or a table grown in its place was large, the thread asks V8 for a full
 * collection: a few milliseconds, since the heap itself stays small (the arrays are outside
 * it). "Much" is an eighth of the memory limit of the search running last on this thread: far
 * from the limit, V8's own schedule is left alone, since memory handed back is faulted in
 * again by the next search.
 *
 * Only where the process allows it: V8 offers a collection to new contexts when its expose-gc
 * flag is set, which the CLI's launcher does (bin/causeway.js); a program calling the library
 * keeps its own V8 settings, and then V8's schedule decides.
 */
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;
let threshold = Number.POSITIVE_INFINITY;

/** The memory limit of the searches on this thread (bytes). */
export function releaseLimit(limit: number): void {
  threshold = Math.max(2 ** 20, limit / 8);
}

/** Hands back `bytes` that just became unreachable now, if they are much (see above). */
export function released(bytes: number): void {
  if (bytes >= threshold) releaseNow();
}

/** Runs a full collection of this thread's heap, when the process allows it. */
export function releaseNow(): void {
  if (collect === undefined) {
    const gc = runInNewContext("typeof gc === 'function' ? gc : null") as unknown;
    collect = typeof gc === "function" ? (gc as () => void) : null;
  }
  collect?.();
}
