/**
 * Where a HistoryBuilder puts each op while it reads (chunked columns, columns.ts), and how
 * they are finished into a History's right-sized storage: ids narrowed to the smallest integer
 * type that holds them, lines and indices kept only if some event's differ from its position
 * plus one offset, times only if some event has one, as 32-bit integers when they all fit
 * (model.ts). The columns are finished one after another, each letting its chunks go, so the
 * finished History costs its own size plus about one column.
 */
import { Float64Column, Int32Column, Uint8Column } from "./columns.js";
import { type EventNumbers, type EventTimes, type IdColumn, NO_TIME } from "./model.js";

/** Builds EventNumbers: nothing is stored while every event's number is its position plus one offset. */
export class EventNumberColumns<C extends Int32Column | Float64Column> {
  private offset: number | undefined;
  private inv: C | undefined;
  private cmp: C | undefined;

  constructor(
    private readonly make: () => C,
    /** The number of a completion that never came. */
    private readonly none: number,
    private readonly invPos: Int32Column,
    private readonly cmpPos: Int32Column,
  ) {}

  /** The number of op `id`'s invocation at position `pos` (its positions already pushed). */
  open(id: number, pos: number, n: number): void {
    this.offset ??= n - pos;
    if (this.inv === undefined) {
      if (n === pos + this.offset) return;
      this.materialise(id);
    }
    this.inv!.push(n);
    this.cmp!.push(this.none);
  }

  /** The number of op `id`'s completion at position `pos`. */
  complete(id: number, pos: number, n: number): void {
    if (this.inv === undefined) {
      if (n === pos + this.offset!) return;
      this.materialise(this.invPos.length);
    }
    this.cmp!.set(id, n);
  }

  /** The first event that breaks the rule: the columns begin, holding the first `count` ops' numbers. */
  private materialise(count: number): void {
    this.inv = this.make();
    this.cmp = this.make();
    const offset = this.offset!;
    for (let id = 0; id < count; id++) {
      this.inv.push(this.invPos.get(id) + offset);
      const c = this.cmpPos.get(id);
      this.cmp.push(c >= 0 ? c + offset : this.none);
    }
  }

  /** Op `id`'s number of one side, for messages while reading. */
  get(id: number, side: "inv" | "cmp"): number {
    const column = side === "inv" ? this.inv : this.cmp;
    if (column !== undefined) return column.get(id);
    const pos = (side === "inv" ? this.invPos : this.cmpPos).get(id);
    return pos < 0 ? this.none : pos + this.offset!;
  }

  finish(): EventNumbers<ReturnType<C["freeze"]>> {
    const offset = this.offset ?? 0;
    if (this.inv === undefined) return { offset };
    return {
      offset,
      inv: this.inv.freeze() as ReturnType<C["freeze"]>,
      cmp: this.cmp!.freeze() as ReturnType<C["freeze"]>,
    };
  }
}

/** Builds EventTimes: doubles while reading (NaN: none), 32-bit integers at the end when they all fit. */
export class TimeColumns {
  readonly inv = new Float64Column();
  readonly cmp = new Float64Column();
  private any = false;
  private small = true;

  push(t: number): void {
    this.inv.push(t);
    this.cmp.push(Number.NaN);
    this.note(t);
  }

  set(id: number, t: number): void {
    this.cmp.set(id, t);
    this.note(t);
  }

  private note(t: number): void {
    if (Number.isNaN(t)) return;
    this.any = true;
    if (this.small && !(Number.isInteger(t) && t > NO_TIME && t <= 0x7fffffff)) this.small = false;
  }

  finish(): EventTimes | undefined {
    if (!this.any) return undefined;
    if (!this.small) return { inv: this.inv.freeze(), cmp: this.cmp.freeze() };
    return { inv: toInt32(this.inv), cmp: toInt32(this.cmp) };
  }
}

function toInt32(column: Float64Column): Int32Array {
  const out = new Int32Array(column.length);
  column.drain((part, from) => {
    for (let k = 0; k < part.length; k++) {
      const t = part[k]!;
      out[from + k] = Number.isNaN(t) ? NO_TIME : t;
    }
  });
  return out;
}

/** Ids of 0..count-1, or -1, in the narrowest signed type that holds them. */
export function finishIds(column: Int32Column, count: number): IdColumn {
  return column.moveInto(idColumn(column.length, count));
}

/** The same ids in the narrowest signed type that holds 0..count-1 and -1. */
export function narrowIds(ids: ArrayLike<number>, count: number): IdColumn {
  const out = idColumn(ids.length, count);
  for (let i = 0; i < ids.length; i++) out[i] = ids[i]!;
  return out;
}

function idColumn(n: number, count: number): IdColumn {
  return count <= 0x80 ? new Int8Array(n) : count <= 0x8000 ? new Int16Array(n) : new Int32Array(n);
}

export { Float64Column, Int32Column, Uint8Column };
