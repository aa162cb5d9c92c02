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
 * Only where the process allows it: V8 offers a collection to new contexts made while its
 * expose-gc flag is set. A program that sets it has one; the CLI's launcher, which owns its
 * process, lets this module set it for the moment it makes one (`allowCollection`), and the
 * search's worker threads do as their parent does (pool.ts). The flag is not left set: a
 * worker thread booted under it cannot start from Node's snapshot and takes twice as long
 * (bench/RESULTS.md, "Parallel keys: the coordinating thread steps aside"). A program calling
 * the library otherwise keeps its own V8 settings, and then V8's schedule decides.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;
let threshold = Number.POSITIVE_INFINITY;
let allowed = false;

/** Lets this thread set V8's expose-gc flag for a moment when it first needs a collection. */
export function allowCollection(): void {
  allowed = true;
}

/** Whether this thread may set the flag (its workers may then too). */
export function collectionAllowed(): boolean {
  return allowed;
}

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
  if (collect === undefined) collect = collector();
  collect?.();
}

/**
 * A context's gc function, if V8 offers one, or if this thread may set the flag for a moment;
 * undefined (ask again next time) when another thread set the flag back meanwhile.
 */
function collector(): (() => void) | null | undefined {
  const take = () => runInNewContext("typeof gc === 'function' ? gc : null") as (() => void) | null;
  const gc = take();
  if (gc !== null || !allowed) return gc;
  setFlagsFromString("--expose-gc");
  try {
    return take() ?? undefined;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}
