import { valueKey } from "./vocabulary.js";

/** Growable typed-array columns: the compact storage behind a History (about 60 bytes an op). */

type TypedArray = Int32Array | Float64Array | Uint8Array;

interface Column<A extends TypedArray> {
  data: A;
  length: number;
  push(v: number): number;
  set(i: number, v: number): void;
  /** A right-sized copy, so that the builder's slack is not kept alive. */
  freeze(): A;
}

/**
 * One column class per element type, made by one factory: each class keeps its own
 * monomorphic call sites on the ingest hot path, and the logic is written once.
 */
function columnOf<A extends TypedArray>(make: (n: number) => A) {
  return class implements Column<A> {
    data: A;
    length = 0;
    constructor(capacity = 1024) {
      this.data = make(capacity);
    }
    push(v: number): number {
      if (this.length === this.data.length) {
        const next = make(this.data.length * 2);
        next.set(this.data);
        this.data = next;
      }
      this.data[this.length] = v;
      return this.length++;
    }
    set(i: number, v: number): void {
      this.data[i] = v;
    }
    freeze(): A {
      return this.data.slice(0, this.length) as A;
    }
  };
}

export const Int32Column = columnOf((n) => new Int32Array(n));
export const Float64Column = columnOf((n) => new Float64Array(n));
export const Uint8Column = columnOf((n) => new Uint8Array(n));
export type Int32Column = InstanceType<typeof Int32Column>;
export type Float64Column = InstanceType<typeof Float64Column>;
export type Uint8Column = InstanceType<typeof Uint8Column>;

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
