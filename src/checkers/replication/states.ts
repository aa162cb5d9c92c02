/**
 * What each replica holds of each key, as its apply and repair events say, replayed in
 * history order: the version of its state (a number, or the join of its siblings' vectors),
 * the writes it names, and the event that set it. An event states the whole state of its
 * key at the replica (a rollback states an older one), so the latest event is the state.
 */
import type { History } from "../../history/model.js";
import { includes, opVersion, type Version } from "./versions.js";
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

  /**
   * Does the replica's state of the key include a write at version v? A number: its state's
   * version is at least v. A vector: one of the writes it holds has a vector that includes v
   * (a join of siblings includes more than any one of them holds); a state that names no
   * write is judged by its version.
   */
  includesWrite(node: number, key: number, v: Version): boolean {
    const have = this.version(node, key);
    if (typeof v === "number" || have === undefined) return includes(have, v);
    const held = this.heldWrites(node, key);
    if (held.length === 0) return includes(have, v);
    return held.some((w) => includes(this.writes.version(w), v));
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
