/**
 * The cache of visited configurations (Lowe 2017, Porcupine): a configuration is the set
 * of linearized ops and the model state (an interned integer). If a configuration was
 * reached before, everything that follows it was explored from there already, so the search
 * does not enter it again. Storage has no object per entry and an exact size in bytes: each
 * entry is a record [state, lo, length, words of the set's window...] (see bitset.ts) in
 * chunks that never move (4 KiB, doubling up to 1 MiB), found through a table of [record
 * offset, hash] pairs (pairs.ts): nearly every configuration the search meets is new, and a
 * miss reads no record. Only the table is ever copied to grow, so growing needs little more
 * memory than it adds, and the bytes it will take are known before it happens (`growth`): the
 * search asks its budget first.
 */
import type { LinSet } from "./bitset.js";
import { doubled, home, mask, overFull, pairTable, place } from "./pairs.js";
import { released } from "./release.js";

const SHIFT = 18;
const CHUNK = 1 << SHIFT;
const FIRST_CHUNK = 1024;
const HEADER = 3;
/** Pairs in the first table (4 KiB). */
const FIRST_SLOTS = 512;
/** No table yet: see the constructor. */
const NONE = new Int32Array(0);
/** Record offsets are int32: at most this many chunks (8 GiB), the first of them empty. */
const MAX_CHUNKS = 2 ** (31 - SHIFT) - 1;

export class ConfigCache {
  size = 0;
  /** Bytes held by the table and the chunks. */
  bytes = 0;
  /** Bytes the cache may hold; to grow past them, `add` says -1 and changes nothing. */
  allowance = Number.POSITIVE_INFINITY;
  /** Pairs [record offset (0: empty), hash], at most three quarters full. */
  private slots = NONE;
  /**
   * The chunks of records. The first is empty, so that no record is at offset 0 (an empty
   * slot), and the array holds arrays from the start: V8 then never changes its kind, which
   * would throw away the search's compiled code.
   */
  private readonly chunks: Int32Array[] = [NONE];
  /** Words used in the last chunk. */
  private used = 0;
  private last = NONE;

  constructor() {
    // The table is stored a second time here, past its initializer: V8 then knows from the
    // first cache on that the field changes, instead of learning it when a table first grows
    // and throwing away the search's code compiled on the promise that it would not.
    this.slots = pairTable(FIRST_SLOTS);
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
    const slots = this.slots;
    const m = mask(slots);
    for (let at = home(hash) & m; ; at = (at + 1) & m) {
      const ref = slots[2 * at]!;
      if (ref === 0) break;
      if (slots[2 * at + 1] === hash && this.same(ref, state, set, lo, len)) return 0;
    }
    const need = this.pendingGrowth(HEADER + len);
    if (need > 0 && this.bytes + need > this.allowance) return -1;
    if (!this.makeRoom(HEADER + len)) return -2;
    this.insert(hash, state, set, lo, len);
    return 1;
  }

  private same(ref: number, state: number, set: LinSet, lo: number, len: number) {
    const chunk = this.chunks[ref >>> SHIFT]!;
    const r = ref & (CHUNK - 1);
    if (chunk[r] !== state || chunk[r + 1] !== lo || chunk[r + 2] !== len) return false;
    const words = set.words;
    for (let i = 0; i < len; i++) if (chunk[r + HEADER + i] !== (words[lo + i]! | 0)) return false;
    return true;
  }

  /** Bytes that inserting a record of `size` words needs first: a new chunk, a bigger table. */
  private pendingGrowth(size: number): number {
    let bytes = 0;
    if (this.used + size > this.last.length) bytes += 4 * this.nextChunk(size);
    if (this.full()) bytes += 8 * this.slots.length;
    return bytes;
  }

  /** Whether one more entry would fill the table past three quarters. */
  private full(): boolean {
    return overFull(this.slots, this.size + 1);
  }

  private makeRoom(size: number): boolean {
    if (this.used + size > this.last.length) {
      // A window of over 262k words (8M ops in flight) has no room: the search is out of memory.
      if (size > CHUNK || this.chunks.length === MAX_CHUNKS) return false;
      this.last = new Int32Array(this.nextChunk(size));
      this.chunks.push(this.last);
      this.used = 0;
      this.bytes += this.last.byteLength;
    }
    if (this.full()) this.rehash();
    return true;
  }

  private insert(hash: number, state: number, set: LinSet, lo: number, len: number): void {
    const chunk = this.last;
    const r = this.used;
    chunk[r] = state;
    chunk[r + 1] = lo;
    chunk[r + 2] = len;
    const words = set.words;
    for (let i = 0; i < len; i++) chunk[r + HEADER + i] = words[lo + i]!;
    this.used += HEADER + len;
    place(this.slots, ((this.chunks.length - 1) << SHIFT) + r, hash);
    this.size++;
  }

  private nextChunk(size: number): number {
    let words = Math.min(CHUNK, Math.max(FIRST_CHUNK, 2 * this.last.length));
    while (words < size && words < CHUNK) words *= 2;
    return words;
  }

  /** Doubles the table (pairs.ts). */
  private rehash(): void {
    const old = this.slots;
    this.slots = doubled(old);
    this.bytes += this.slots.byteLength - old.byteLength;
    released(old.byteLength);
  }
}
