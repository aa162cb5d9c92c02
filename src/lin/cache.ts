/**
 * The cache of visited configurations (Lowe 2017, Porcupine): a configuration is the set
 * of linearized ops and the model state (an interned integer). If a configuration was
 * reached before, everything that follows it was explored from there already, so the search
 * does not enter it again. Storage is a chained hash table over typed arrays, with no object
 * per entry and an exact size in bytes: each entry is a record [hash, state, next, offset]
 * (one cache line per probe), and the set's window (see bitset.ts) is kept in an arena as
 * [lo, length, words...].
 */
import type { LinSet } from "./bitset.js";

const STRIDE = 4;
/** Arena offsets are int32: beyond this many words, the cache reports itself full. */
const MAX_ARENA = 2 ** 31 - 1;

export class ConfigCache {
  size = 0;
  /** Bytes held by the table's arrays. */
  bytes = 0;
  /** Bytes this cache may grow to (set by the search from the shared memory budget). */
  allowance = Number.POSITIVE_INFINITY;
  /** Set when the cache may not grow any more: the search must stop. */
  full = false;
  private capacity = 1024;
  private entries = new Int32Array(this.capacity * STRIDE);
  private buckets = new Int32Array(this.capacity).fill(-1);
  private arena = new Uint32Array(4096);
  private used = 0;

  constructor() {
    this.measure();
  }

  /** Adds the configuration (`set`, `state`) unless it is there already; true when added. */
  add(set: LinSet, state: number): boolean {
    const hash = (set.hash ^ Math.imul(state + 1, 0x9e3779b1)) | 0;
    const lo = set.lo;
    const len = set.hi > lo ? set.hi - lo : 0;
    const { entries, arena } = this;
    const words = set.words;
    let e = this.buckets[(hash ^ (hash >>> 15) ^ (hash >>> 24)) & (this.capacity - 1)]!;
    while (e >= 0) {
      const r = e * STRIDE;
      if (entries[r] === hash && entries[r + 1] === state) {
        const off = entries[r + 3]!;
        if (arena[off] === lo && arena[off + 1] === len) {
          let i = 0;
          while (i < len && arena[off + 2 + i] === words[lo + i]) i++;
          if (i === len) return false;
        }
      }
      e = entries[r + 2]!;
    }
    this.insert(set, lo, len, hash, state);
    return true;
  }

  private insert(set: LinSet, lo: number, len: number, hash: number, state: number): void {
    if (this.size === this.capacity && !this.grow()) return;
    if (this.used + len + 2 > this.arena.length && !this.growArena(len + 2)) return;
    const off = this.used;
    this.arena[off] = lo;
    this.arena[off + 1] = len;
    const words = set.words;
    // A loop, not set(subarray()): creating a typed-array view per insert costs more than the copy.
    for (let i = 0; i < len; i++) this.arena[off + 2 + i] = words[lo + i]!;
    this.used += len + 2;
    const e = this.size++;
    const b = (hash ^ (hash >>> 15) ^ (hash >>> 24)) & (this.capacity - 1);
    const r = e * STRIDE;
    this.entries[r] = hash;
    this.entries[r + 1] = state;
    this.entries[r + 2] = this.buckets[b]!;
    this.entries[r + 3] = off;
    this.buckets[b] = e;
  }

  private growArena(need: number): boolean {
    const size = Math.min(MAX_ARENA, Math.max(this.arena.length * 2, this.used + need));
    if (size < this.used + need || this.bytes + (size - this.arena.length) * 4 > this.allowance) {
      this.full = true;
      return false;
    }
    const bigger = new Uint32Array(size);
    bigger.set(this.arena);
    this.arena = bigger;
    this.measure();
    return true;
  }

  private grow(): boolean {
    const cap = this.capacity * 2;
    if (this.bytes + this.entries.byteLength + this.buckets.byteLength > this.allowance) {
      this.full = true;
      return false;
    }
    const entries = new Int32Array(cap * STRIDE);
    entries.set(this.entries);
    const buckets = new Int32Array(cap).fill(-1);
    for (let e = 0; e < this.size; e++) {
      const hash = entries[e * STRIDE]!;
      const b = (hash ^ (hash >>> 15) ^ (hash >>> 24)) & (cap - 1);
      entries[e * STRIDE + 2] = buckets[b]!;
      buckets[b] = e;
    }
    this.entries = entries;
    this.buckets = buckets;
    this.capacity = cap;
    this.measure();
    return true;
  }

  private measure(): void {
    this.bytes = this.entries.byteLength + this.buckets.byteLength + this.arena.byteLength;
  }
}
