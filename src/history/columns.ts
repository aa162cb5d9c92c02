import { valueKey } from "./vocabulary.js";

/**
 * Growable typed-array columns: the storage a History (and each derived layer) is built in.
 * They grow by chunks, so nothing is copied as they grow and no capacity is wasted beyond one
 * chunk: a doubling array copies itself at every doubling and ends with up to half its
 * capacity unused, which at 10M ops was a third of the peak. `freeze` copies a column once
 * into right-sized storage and lets its chunks go, column after column, so a finished History
 * costs its exact size plus one column.
 *
 * A chunk is 32 MiB: allocations that large are mapped by the C library on their own and
 * returned to the system when freed, while smaller ones come from its heap, which keeps what
 * is freed (at 10M ops, chunks of 512 KiB left half a gigabyte resident after the History was
 * finished). Its pages become resident only as they are written. The first chunk starts small
 * and doubles up to 64Ki entries before it takes the full size, so small histories stay small.
 */

type TypedArray = Int32Array | Float64Array | Uint8Array;

/** A growable column of numbers. */
export interface Column<A extends TypedArray> {
  readonly length: number;
  push(v: number): number;
  get(i: number): number;
  set(i: number, v: number): void;
  freeze(): A;
  moveInto<T extends TypedArray | Int8Array | Int16Array>(into: T): T;
  drain(take: (part: A, from: number) => void): void;
}

export type ColumnClass<A extends TypedArray> = new (capacity?: number) => Column<A>;

const CHUNK_BYTES = 32 * 1024 * 1024;
/** The first chunk doubles up to this many entries, then becomes a whole chunk. */
const SMALL = 1 << 16;

/**
 * One column class per element type, made by one factory: each class keeps its own
 * monomorphic call sites on the ingest hot path, and the logic is written once. (Exported
 * for tests, which take small chunks to cross their boundaries.)
 */
export function columnClass<A extends TypedArray>(
  make: (n: number) => A,
  bytesPerEntry: number,
  chunkBytes = CHUNK_BYTES,
): ColumnClass<A> {
  const bits = Math.log2(chunkBytes / bytesPerEntry);
  const chunk = 1 << bits;
  const mask = chunk - 1;
  const small = Math.min(SMALL, chunk);
  return class {
    private chunks: A[];
    private last: A;
    /** The index one past the last chunk's capacity. */
    private end: number;
    length = 0;
    /** `capacity` is only a first size (of the first chunk). */
    constructor(capacity = 256) {
      this.last = make(Math.max(Math.min(16, small), Math.min(small, capacity)));
      this.chunks = [this.last];
      this.end = this.last.length;
    }
    push(v: number): number {
      const i = this.length;
      if (i === this.end) this.grow();
      this.last[i & mask] = v;
      return this.length++;
    }
    get(i: number): number {
      return this.chunks[i >>> bits]![i & mask]!;
    }
    set(i: number, v: number): void {
      this.chunks[i >>> bits]![i & mask] = v;
    }
    /** A full chunk: the first one doubles until it is a whole chunk; then a new one begins. */
    private grow(): void {
      if (this.last.length === chunk) {
        this.last = make(chunk);
        this.chunks.push(this.last);
        this.end += chunk;
        return;
      }
      const size = this.last.length;
      const next = make(size < small ? Math.min(small, size * 2) : chunk);
      next.set(this.last);
      this.last = next;
      this.chunks[0] = next;
      this.end = next.length;
    }
    /** The values in right-sized storage of the column's type; the column is emptied. */
    freeze(): A {
      return this.moveInto(make(this.length));
    }
    /** Copies the values into `into` (at least `length` long), letting each chunk go once copied; the column is emptied. */
    moveInto<T extends TypedArray | Int8Array | Int16Array>(into: T): T {
      this.drain((part, from) => into.set(part, from));
      return into;
    }
    /** Hands each chunk's filled part to `take`, in order, and lets it go; the column is emptied. */
    drain(take: (part: A, from: number) => void): void {
      const n = this.length;
      for (let c = 0; c < this.chunks.length; c++) {
        const part = this.chunks[c]!;
        const from = c * chunk;
        take(from + part.length > n ? (part.subarray(0, n - from) as A) : part, from);
        // Each chunk goes as soon as it is taken, so a copy never doubles the column.
        this.chunks[c] = this.last = make(0);
      }
      this.chunks = [make(16)];
      this.last = this.chunks[0]!;
      this.end = 16;
      this.length = 0;
    }
  };
}

export const Int32Column = columnClass((n) => new Int32Array(n), 4);
export const Float64Column = columnClass((n) => new Float64Array(n), 8);
export const Uint8Column = columnClass((n) => new Uint8Array(n), 1);
export type Int32Column = Column<Int32Array>;
export type Float64Column = Column<Float64Array>;
export type Uint8Column = Column<Uint8Array>;

/**
 * Interns names (processes, sessions, nodes, keys) to dense ids. Numbers and strings are kept
 * in separate Maps, so key 1 is not key "1" and no string is built per lookup; structured
 * keys by their value key. Maps, so user data never meets a prototype.
 */
export class Interner<T> {
  readonly values: T[] = [];
  private readonly numbers = new Map<number, number>();
  private readonly strings = new Map<string, number>();
  private readonly others = new Map<unknown, number>();
  id(v: T): number {
    const found = this.find(v);
    if (found !== undefined) return found;
    const id = this.values.length;
    this.values.push(v);
    if (typeof v === "number") this.numbers.set(v, id);
    else if (typeof v === "string") this.strings.set(v, id);
    else this.others.set(valueKey(v), id);
    return id;
  }
  find(v: T): number | undefined {
    if (typeof v === "string") return this.strings.get(v);
    if (typeof v === "number") return this.numbers.get(v);
    return this.others.get(valueKey(v));
  }
}

/** The map's value for the key, inserting `make()` first if there is none. */
interface MapLike<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

export function getOrInsert<K, V>(map: MapLike<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
