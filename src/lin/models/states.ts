/**
 * Interning for model states, so that the search core sees every state as a small integer
 * and compares states with `===` (the hash and equality of each model live here). Values
 * are interned first (`Values`; strings in strings.ts, as ropes); a structured state is a vector of value ids, interned by
 * `VectorTable`; a map of registers updates its hash incrementally (`RegisterStates`).
 */
import { valueKey } from "../../history/vocabulary.js";
import { StringTable } from "./strings.js";

/**
 * Value ids: numbers and strings stay distinct, structured values compare by JSON. Strings
 * live in a StringTable, so that appending to one (kv) shares it instead of copying it; other
 * values take ids from the same sequence and are kept in a map.
 */
export class Values {
  private readonly strings = new StringTable();
  private readonly others = new Map<number, unknown>();
  private readonly ids = new Map<unknown, number>();
  private otherBytes = 0;

  /** Approximate bytes held, counted against the search's memory bound. */
  get bytes(): number {
    return this.strings.bytes + this.otherBytes;
  }

  id(v: unknown): number {
    if (typeof v === "string") return this.strings.intern(v);
    const k = valueKey(v ?? null);
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.strings.reserve();
      this.others.set(id, v ?? null);
      this.ids.set(k, id);
      // The value, its key and two map entries.
      this.otherBytes += 96 + (typeof k === "string" ? k.length : 0);
    }
    return id;
  }

  value(id: number): unknown {
    return this.strings.isText(id) ? this.strings.text(id) : this.others.get(id);
  }

  /** The id of the concatenation of two values (a value that is not a string counts as its text, null as ""). */
  concat(a: number, b: number): number {
    if (this.strings.isText(a) && this.strings.isText(b)) return this.strings.append(a, b);
    return this.id(`${this.value(a) ?? ""}${this.value(b) ?? ""}`);
  }
}

/** A 32-bit mix of a slot and a value id (murmur3's finaliser). */
export function mix(slot: number, value: number): number {
  let h = Math.imul(slot + 1, 0x9e3779b1) ^ value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashVector(vec: ArrayLike<number>, length = vec.length): number {
  let h = length;
  for (let i = 0; i < length; i++) h = (h + mix(i, vec[i]!)) | 0;
  return h;
}

/** Interns integer vectors (of any length) to dense ids. */
export class VectorTable {
  private data: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private used = 0;
  private start = new Int32Array(256);
  private length = new Int32Array(256);
  private hashes = new Int32Array(256);
  private readonly buckets = new Map<number, number | number[]>();
  size = 0;

  /** The id of `vec[0..len)`, whose hash is `hash` (see hashVector). */
  id(vec: ArrayLike<number>, len: number, hash: number): number {
    const found = this.buckets.get(hash);
    if (found !== undefined) {
      if (typeof found === "number") {
        if (this.same(found, vec, len)) return found;
      } else {
        for (const id of found) if (this.same(id, vec, len)) return id;
      }
    }
    const id = this.add(vec, len, hash);
    if (found === undefined) this.buckets.set(hash, id);
    else if (typeof found === "number") this.buckets.set(hash, [found, id]);
    else found.push(id);
    return id;
  }

  /** Approximate bytes held, counted against the search's memory bound. */
  get bytes(): number {
    return this.data.byteLength + 3 * this.start.byteLength + 48 * this.buckets.size;
  }

  get(id: number): Int32Array {
    const s = this.start[id]!;
    return this.data.subarray(s, s + this.length[id]!);
  }

  hash(id: number): number {
    return this.hashes[id]!;
  }

  private same(id: number, vec: ArrayLike<number>, len: number): boolean {
    if (this.length[id] !== len) return false;
    const s = this.start[id]!;
    for (let i = 0; i < len; i++) if (this.data[s + i] !== vec[i]) return false;
    return true;
  }

  private add(vec: ArrayLike<number>, len: number, hash: number): number {
    if (this.used + len > this.data.length) {
      this.data = grow(this.data, Math.max(this.data.length * 2, this.used + len));
    }
    if (this.size === this.start.length) {
      this.start = grow(this.start, this.size * 2);
      this.length = grow(this.length, this.size * 2);
      this.hashes = grow(this.hashes, this.size * 2);
    }
    const id = this.size++;
    this.start[id] = this.used;
    this.length[id] = len;
    this.hashes[id] = hash;
    for (let i = 0; i < len; i++) this.data[this.used++] = vec[i]!;
    return id;
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * A map of `width` registers, each starting at its own value. With one register the state is
 * the value id itself; with more it is the id of the interned vector of value ids.
 */
export class RegisterStates {
  readonly init: number;
  private readonly table = new VectorTable();
  private readonly scratch: Int32Array;

  constructor(initialValues: readonly number[]) {
    this.width = initialValues.length;
    this.scratch = Int32Array.from(initialValues);
    this.init =
      this.width === 1
        ? initialValues[0]!
        : this.table.id(this.scratch, this.width, hashVector(this.scratch));
  }

  readonly width: number;

  get bytes(): number {
    return this.table.bytes;
  }

  get(state: number, slot: number): number {
    return this.width === 1 ? state : this.table.get(state)[slot]!;
  }

  set(state: number, slot: number, value: number): number {
    if (this.width === 1) return value;
    const vec = this.table.get(state);
    const old = vec[slot]!;
    if (old === value) return state;
    const hash = (this.table.hash(state) - mix(slot, old) + mix(slot, value)) | 0;
    this.scratch.set(vec);
    this.scratch[slot] = value;
    return this.table.id(this.scratch, this.width, hash);
  }

  /** The value ids of every slot. */
  all(state: number): readonly number[] {
    return this.width === 1 ? [state] : [...this.table.get(state)];
  }
}
