/**
 * The cache of visited configurations (Lowe 2017, Porcupine): a configuration is the set
 * of linearized ops and the model state (an interned integer). If a configuration was
 * reached before, everything that follows it was explored from there already, so the search
 * does not enter it again. Storage has no object per entry and an exact size in bytes: each
 * entry is a record [hash, state, lo, length, words of the set's window...] (see bitset.ts)
 * in chunks that never move (4 KiB, doubling up to 1 MiB), found through an open-addressing table of record
 * offsets. Only that table is ever copied to grow, so growing needs little more memory than
 * it adds, and the bytes it will take are known before it happens (`growth`): the search asks
 * its budget first.
 */
import type { LinSet } from "./bitset.js";
import { released } from "./release.js";

const SHIFT = 18;
const CHUNK = 1 << SHIFT;
const FIRST_CHUNK = 1024;
const HEADER = 4;
/** Record offsets plus one are int32 (0 marks an empty slot): at most this many chunks (8 GiB). */
const MAX_CHUNKS = 2 ** (31 - SHIFT) - 1;

export class ConfigCache {
  size = 0;
  /** Bytes held by the table and the chunks. */
  bytes = 0;
  /** Bytes the cache may hold; to grow past them, `add` says -1 and changes nothing. */
  allowance = Number.POSITIVE_INFINITY;
  private slots = new Int32Array(1024);
  private readonly chunks: Int32Array[] = [];
  /** Words used in each chunk but the last. */
  private readonly ends: number[] = [];
  /** Words used in the last chunk. */
  private used = 0;
  private last = new Int32Array(0);

  constructor() {
    this.bytes = this.slots.byteLength;
  }

  /** Bytes the next growth of the table or the chunks would add (the old table counted until freed). */
  get growth(): number {
    return this.pendingGrowth(CHUNK);
  }

  /**
   * Adds the configuration (`set`, `state`): 1 when added, 0 when it was there, -1 when the
   * cache may not grow that much (`allowance`), -2 when it cannot grow at all.
   */
  add(set: LinSet, state: number): number {
    const hash = (set.hash ^ Math.imul(state + 1, 0x9e3779b1)) | 0;
    const lo = set.lo;
    const len = set.hi > lo ? set.hi - lo : 0;
    const mask = this.slots.length - 1;
    let at = home(hash) & mask;
    for (let ref = this.slots[at]!; ref !== 0; ref = this.slots[at]!) {
      if (this.same(ref, hash, state, set, lo, len)) return 0;
      at = (at + 1) & mask;
    }
    const need = this.pendingGrowth(HEADER + len);
    if (need > 0 && this.bytes + need > this.allowance) return -1;
    if (!this.makeRoom(HEADER + len)) return -2;
    this.insert(hash, state, set, lo, len);
    return 1;
  }

  private same(ref: number, hash: number, state: number, set: LinSet, lo: number, len: number) {
    const chunk = this.chunks[(ref - 1) >>> SHIFT]!;
    const r = (ref - 1) & (CHUNK - 1);
    if (chunk[r] !== hash || chunk[r + 1] !== state || chunk[r + 2] !== lo) return false;
    if (chunk[r + 3] !== len) return false;
    const words = set.words;
    for (let i = 0; i < len; i++) if (chunk[r + HEADER + i] !== (words[lo + i]! | 0)) return false;
    return true;
  }

  /** Bytes that inserting a record of `size` words needs first: a new chunk, a bigger table. */
  private pendingGrowth(size: number): number {
    let bytes = 0;
    if (this.used + size > this.last.length) bytes += 4 * this.nextChunk(size);
    if ((this.size + 1) * 2 > this.slots.length) bytes += 8 * this.slots.length;
    return bytes;
  }

  private makeRoom(size: number): boolean {
    if (this.used + size > this.last.length) {
      // A window of over 262k words (8M ops in flight) has no room: the search is out of memory.
      if (size > CHUNK || this.chunks.length === MAX_CHUNKS) return false;
      if (this.chunks.length > 0) this.ends.push(this.used);
      this.last = new Int32Array(this.nextChunk(size));
      this.chunks.push(this.last);
      this.used = 0;
      this.bytes += this.last.byteLength;
    }
    if ((this.size + 1) * 2 > this.slots.length) this.rehash();
    return true;
  }

  private insert(hash: number, state: number, set: LinSet, lo: number, len: number): void {
    const chunk = this.last;
    const r = this.used;
    chunk[r] = hash;
    chunk[r + 1] = state;
    chunk[r + 2] = lo;
    chunk[r + 3] = len;
    const words = set.words;
    for (let i = 0; i < len; i++) chunk[r + HEADER + i] = words[lo + i]!;
    this.used += HEADER + len;
    this.place(this.slots, ((this.chunks.length - 1) << SHIFT) + r + 1, hash);
    this.size++;
  }

  private nextChunk(size: number): number {
    let words = Math.min(CHUNK, Math.max(FIRST_CHUNK, 2 * this.last.length));
    while (words < size && words < CHUNK) words *= 2;
    return words;
  }

  private place(slots: Int32Array, ref: number, hash: number): void {
    const mask = slots.length - 1;
    let at = home(hash) & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = ref;
  }

  /** Doubles the table, reading the records in the order they were written (no random access). */
  private rehash(): void {
    const slots = fresh(this.slots.length * 2);
    this.chunks.forEach((chunk, c) => {
      const end = this.ends[c] ?? this.used;
      for (let r = 0; r < end; r += HEADER + chunk[r + 3]!) {
        this.place(slots, (c << SHIFT) + r + 1, chunk[r]!);
      }
    });
    const old = this.slots.byteLength;
    this.bytes += slots.byteLength - old;
    this.slots = slots;
    released(old);
  }
}

/**
 * A zeroed table, written before it is read: a fresh table that is read first maps the kernel's
 * shared zero page, and the first write to each page then replaces it, which flushes the TLB of
 * every core running the process (the other worker threads), at a cost that rivals the search.
 */
function fresh(length: number): Int32Array<ArrayBuffer> {
  return new Int32Array(length).fill(0);
}

function home(hash: number): number {
  return hash ^ (hash >>> 15) ^ (hash >>> 24);
}
