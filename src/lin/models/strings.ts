/**
 * String values interned so that an append costs O(1) and shares what it appends to: a string
 * built by appends is a rope node (the id of the string it extends, the id of the piece
 * appended), never a copy, so a key holding a 3,000-character value costs the search a few
 * words per state rather than the characters (Porcupine's kv histories append long strings).
 * Equal strings still get one id, however they were built: each id carries a polynomial hash
 * of its characters (two 32-bit hashes, combined in O(1) on append) and its length, the table
 * looks strings up by them, and a match of another shape is confirmed on the characters, so an
 * id is exact, never a guess. Strings read from the history are leaves that keep their text.
 */

import { doubled, home, mask, overFull, pairTable } from "../pairs.js";
import { released } from "../release.js";

const B1 = 0x01000193;
const B2 = 0x5bd1e995;
/** No table yet: see the constructor. */
const NONE = new Int32Array(0);

/** B^len for both hashes: multiplying a hash by it shifts it past `len` characters. */
function power(len: number): [number, number] {
  let p1 = 1;
  let p2 = 1;
  let x1 = B1;
  let x2 = B2;
  for (let e = len; e > 0; e >>>= 1) {
    if (e & 1) {
      p1 = Math.imul(p1, x1);
      p2 = Math.imul(p2, x2);
    }
    x1 = Math.imul(x1, x1);
    x2 = Math.imul(x2, x2);
  }
  return [p1, p2];
}

/** Fields of a string's record: the string it extends (-1 for a leaf), the piece appended, its length, its hashes. */
const PARENT = 0;
const PIECE = 1;
const LENGTH = 2;
const H1 = 3;
const H2 = 4;
const STRIDE = 5;

export class StringTable {
  size = 0;
  /** Strings in the table (ids less reserved ones). */
  private entries = 0;
  /** Approximate bytes held, counted against the search's memory bound. */
  bytes = 0;
  /** One record per id, fields side by side: one cache line read per string looked at. */
  private rec = NONE;
  /** Pairs [id + 1 (0: none), first hash] (pairs.ts), at most three quarters full. */
  private slots = NONE;
  private readonly leaves = new Map<number, string>();
  /** B^length of strings appended as pieces (values of the history), by id: 0 when not known. */
  private powers = NONE;
  /** Appends confirmed equal to a string built another way: (string, piece) to its id. */
  private readonly aliases = new Map<string, number>();

  constructor() {
    // Each table is stored a second time here, past its initializer, as in cache.ts: V8 then
    // knows from the first table on that these fields change when a table grows.
    this.rec = new Int32Array(256 * STRIDE);
    this.slots = pairTable(512);
    this.powers = new Int32Array(512);
    this.bytes = this.rec.byteLength + this.slots.byteLength + this.powers.byteLength;
  }

  /** A fresh id for a value that is not a string: lookups never find it. */
  reserve(): number {
    const id = this.newId();
    this.rec[id * STRIDE + PARENT] = -1;
    this.rec[id * STRIDE + LENGTH] = -1;
    return id;
  }

  /** Whether `id` is a string's (not a reserved id). */
  isText(id: number): boolean {
    return this.rec[id * STRIDE + LENGTH]! >= 0;
  }

  /** The id of `s`. */
  intern(s: string): number {
    let a = 0;
    let b = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = (Math.imul(a, B1) + c) | 0;
      b = (Math.imul(b, B2) + c) | 0;
    }
    const m = mask(this.slots);
    for (let at = home(a) & m; ; at = (at + 1) & m) {
      const id = this.slots[2 * at]! - 1;
      if (id < 0) return this.add(at, -1, -1, s.length, a, b, s);
      if (this.slots[2 * at + 1] === a && this.matches(id, b, s.length) && this.text(id) === s) {
        return id;
      }
    }
  }

  /** The id of `text(prefix) + text(suffix)`. */
  append(prefix: number, suffix: number): number {
    const rec = this.rec;
    const ls = rec[suffix * STRIDE + LENGTH]!;
    if (ls === 0) return prefix;
    const lp = rec[prefix * STRIDE + LENGTH]!;
    if (lp === 0) return suffix;
    const len = lp + ls;
    if (len > 0x3fffffff) throw new RangeError("Invalid string length");
    const at = this.powerOf(suffix);
    const p1 = at < 0 ? power(ls)[0] : this.powers[at]!;
    const p2 = at < 0 ? power(ls)[1] : this.powers[at + 1]!;
    const a = (Math.imul(rec[prefix * STRIDE + H1]!, p1) + rec[suffix * STRIDE + H1]!) | 0;
    const b = (Math.imul(rec[prefix * STRIDE + H2]!, p2) + rec[suffix * STRIDE + H2]!) | 0;
    const slots = this.slots;
    const m = mask(slots);
    for (let slot = home(a) & m; ; slot = (slot + 1) & m) {
      const id = slots[2 * slot]! - 1;
      if (id < 0) return this.add(slot, prefix, suffix, len, a, b, undefined);
      if (slots[2 * slot + 1] !== a || !this.matches(id, b, len)) continue;
      if (rec[id * STRIDE + PARENT] === prefix && rec[id * STRIDE + PIECE] === suffix) return id;
      if (this.sameAs(id, prefix, suffix)) return id;
    }
  }

  /** The characters of string `id`. */
  text(id: number): string {
    const leaf = this.leaves.get(id);
    if (leaf !== undefined) return leaf;
    // Down the chain of prefixes to a leaf, then the pieces in order. A piece is a value of
    // the history (a leaf) unless a model appends a built string, hence the recursion.
    const tail: number[] = [];
    let x = id;
    while (!this.leaves.has(x)) {
      tail.push(this.rec[x * STRIDE + PIECE]!);
      x = this.rec[x * STRIDE + PARENT]!;
    }
    const parts = [this.leaves.get(x)!];
    for (let i = tail.length - 1; i >= 0; i--) parts.push(this.text(tail[i]!));
    return parts.join("");
  }

  /** Whether string `id` (of matching hashes and length) spells prefix + suffix; remembered. */
  private sameAs(id: number, prefix: number, suffix: number): boolean {
    const key = `${prefix},${suffix}`;
    const known = this.aliases.get(key);
    if (known !== undefined) return known === id;
    if (this.text(id) !== this.text(prefix) + this.text(suffix)) return false;
    if (this.rec[id * STRIDE + PARENT] === -1) {
      // A leaf read off the history, built now by appends: remember how, so that the next
      // append of the same piece to the same string is recognised without comparing text.
      this.rec[id * STRIDE + PARENT] = prefix;
      this.rec[id * STRIDE + PIECE] = suffix;
    } else {
      this.aliases.set(key, id);
      this.bytes += 64 + key.length;
    }
    return true;
  }

  /** Whether string `id`, whose first hash matched in its slot, has this second hash and length. */
  private matches(id: number, b: number, len: number): boolean {
    const r = id * STRIDE;
    return this.rec[r + H2] === b && this.rec[r + LENGTH] === len;
  }

  /**
   * Where `powers` holds B^length(id) for both hashes, computed once; -1 for an id too large
   * to keep them for (a built string appended as a piece: never by the models here).
   */
  private powerOf(id: number): number {
    if (2 * id + 1 >= this.powers.length) {
      if (id >= 1 << 20) return -1;
      const bigger = new Int32Array(Math.max(this.powers.length * 2, 2 * id + 2));
      bigger.set(this.powers);
      this.bytes += bigger.byteLength - this.powers.byteLength;
      this.powers = bigger;
      released(bigger.byteLength / 2);
    }
    if (this.powers[2 * id] === 0) {
      // B is odd, so its powers never are 0.
      const [p1, p2] = power(this.rec[id * STRIDE + LENGTH]!);
      this.powers[2 * id] = p1;
      this.powers[2 * id + 1] = p2;
    }
    return 2 * id;
  }

  private newId(): number {
    const id = this.size++;
    if ((id + 1) * STRIDE > this.rec.length) {
      const bigger = new Int32Array(this.rec.length * 2);
      bigger.set(this.rec);
      this.bytes += bigger.byteLength - this.rec.byteLength;
      this.rec = bigger;
      released(bigger.byteLength / 2);
    }
    return id;
  }

  private add(
    at: number,
    prefix: number,
    suffix: number,
    len: number,
    a: number,
    b: number,
    leaf: string | undefined,
  ): number {
    const id = this.newId();
    const r = id * STRIDE;
    this.rec[r + PARENT] = prefix;
    this.rec[r + PIECE] = suffix;
    this.rec[r + LENGTH] = len;
    this.rec[r + H1] = a;
    this.rec[r + H2] = b;
    if (leaf !== undefined) {
      this.leaves.set(id, leaf);
      this.bytes += 64 + leaf.length;
    }
    this.slots[2 * at] = id + 1;
    this.slots[2 * at + 1] = a;
    this.entries++;
    if (overFull(this.slots, this.entries)) this.rehash();
    return id;
  }

  /** Doubles the table (pairs.ts). */
  private rehash(): void {
    const old = this.slots;
    this.slots = doubled(old);
    this.bytes += this.slots.byteLength - old.byteLength;
    released(old.byteLength);
  }
}
