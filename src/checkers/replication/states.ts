/**
 * What each replica holds of each key, as its apply and repair events say, replayed in
 * history order: the version of its state (a number, or the join of its siblings' vectors),
 * the writes it names, and the event that set it. An event states the whole state of its
 * key at the replica (a rollback states an older one), so the latest event is the state.
 */
import type { History } from "../../history/model.js";
import { opVersion, type Version } from "./versions.js";
import { Ev, type ReplicationView } from "./view.js";
import type { WriteIndex } from "./writes.js";

const NONE: readonly number[] = [];

export class ReplicaStates {
  private readonly keys: number;
  private readonly numeric: Map<number, number> = new Map();
  private readonly vectors: Map<number, Version> = new Map();
  private readonly held: Map<number, readonly number[]> = new Map();
  private readonly last: Map<number, number> = new Map();
  private readonly h: History;

  constructor(
    private readonly view: ReplicationView,
    private readonly writes: WriteIndex,
  ) {
    this.h = view.h;
    this.keys = Math.max(1, view.h.keys.length);
  }

  slot(node: number, key: number): number {
    return node * this.keys + key;
  }

  /** Replays op `id` if it is an apply or repair event; returns whether it changed a state. */
  replay(id: number): boolean {
    const k = this.view.kind[id]!;
    if (k !== Ev.apply && k !== Ev.repair) return false;
    const node = this.view.node[id]!;
    const key = this.h.key[id]!;
    if (node < 0 || key < 0) return false;
    const s = this.slot(node, key);
    const v = opVersion(this.h, id);
    if (typeof v === "number") this.numeric.set(s, v);
    else {
      this.numeric.delete(s);
      if (v === undefined) this.vectors.delete(s);
      else this.vectors.set(s, v);
    }
    const named = this.writes.named(id);
    this.held.set(s, named.length === 0 ? NONE : named);
    this.last.set(s, id);
    return true;
  }

  /** The version of the replica's state of the key (undefined: it holds nothing yet). */
  version(node: number, key: number): Version | undefined {
    const s = this.slot(node, key);
    return this.numeric.get(s) ?? this.vectors.get(s);
  }

  /** The writes (ordinals) the replica's state of the key names. */
  heldWrites(node: number, key: number): readonly number[] {
    return this.held.get(this.slot(node, key)) ?? NONE;
  }

  /** The event that set the replica's state of the key, or -1. */
  lastEvent(node: number, key: number): number {
    return this.last.get(this.slot(node, key)) ?? -1;
  }

  /** Every (node, key) that some event set, as [node, key]. */
  *slots(): Generator<[number, number]> {
    for (const s of this.last.keys()) yield [Math.floor(s / this.keys), s % this.keys];
  }
}
