/** Growable typed-array columns: the compact storage behind a History (about 60 bytes an op). */

export class Int32Column {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** A right-sized copy, so that the builder's slack is not kept alive. */
  freeze(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class Float64Column {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  freeze(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export class Uint8Column {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  freeze(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

/** Interns names (processes, sessions, nodes, keys) to dense ids; a Map, so user data never meets a prototype. */
export class Interner<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<unknown, number>();
  id(v: T): number {
    const k = internKey(v);
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(k, id);
    }
    return id;
  }
  find(v: T): number | undefined {
    return this.ids.get(internKey(v));
  }
}

/** Numbers and strings stay distinct (key 1 is not key "1"); structured keys compare by JSON. */
export function internKey(v: unknown): unknown {
  if (typeof v === "number") return v;
  if (typeof v === "string") return `s:${v}`;
  return `j:${JSON.stringify(v)}`;
}

/** The map's value for the key, inserting `make()` first if there is none. */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
