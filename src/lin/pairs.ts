/**
 * Open-addressing tables of [value, hash] pairs in one Int32Array, probed linearly, a value of
 * 0 marking an empty slot: the configuration cache (cache.ts) and the string table
 * (models/strings.ts) find their records through them. A probe compares the hash in the table
 * and reads a record only when it matches, so a miss costs one or two reads of memory rather
 * than one per occupied slot; and a table grows by walking the old one in order, reading no
 * record. Each owner writes its own lookup loop (what a match is differs), over `mask` and
 * `home`.
 */

/** A table of `pairs` empty slots, written before it is read (see below). */
export function pairTable(pairs: number): Int32Array<ArrayBuffer> {
  // A fresh table that is read first maps the kernel's shared zero page, and the first write to
  // each page then replaces it, which flushes the TLB of every core running the process (the
  // other worker threads), at a cost that rivals the search.
  return new Int32Array(2 * pairs).fill(0);
}

/** The mask of a table's slot numbers (slot `at` is at 2 * at). */
export function mask(slots: Int32Array): number {
  return (slots.length >>> 1) - 1;
}

/** The slot where a hash's probe starts, before masking. */
export function home(hash: number): number {
  const h = Math.imul(hash, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** Whether a table holding `entries` pairs is over three quarters full. */
export function overFull(slots: Int32Array, entries: number): boolean {
  return entries * 8 > slots.length * 3;
}

/** Puts [value, hash] in the first empty slot of its probe. */
export function place(slots: Int32Array, value: number, hash: number): void {
  const m = mask(slots);
  let at = home(hash) & m;
  while (slots[2 * at] !== 0) at = (at + 1) & m;
  slots[2 * at] = value;
  slots[2 * at + 1] = hash;
}

/**
 * The table twice as large, with every pair of `old`: walking `old` in order, a pair at position
 * i moves to i or i plus the old size (or just past, in a run), so both tables are read and
 * written nearly in order.
 */
export function doubled(old: Int32Array): Int32Array<ArrayBuffer> {
  const slots = pairTable(old.length);
  for (let i = 0; i < old.length; i += 2) {
    if (old[i] !== 0) place(slots, old[i]!, old[i + 1]!);
  }
  return slots;
}
