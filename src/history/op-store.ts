/**
 * The ops a HistoryBuilder has paired so far, column by column (op-columns.ts), with the names
 * interned and the rare fields (vectors, transactions, extra fields, integers beyond 2^53)
 * kept only for the ops that have them; `finish` turns them into a History.
 */

import type { RawEvent } from "./builder.js";
import { Interner } from "./columns.js";
import { type History, type MicroOp, Status, type VersionVector } from "./model.js";
import {
  EventNumberColumns,
  Float64Column,
  finishIds,
  Int32Column,
  TimeColumns,
  Uint8Column,
} from "./op-columns.js";
import { rankVersions } from "./version-rank.js";
import { isTxn } from "./vocabulary.js";

/** The fields stored in columns; anything else goes to `extras`. A switch: this runs for every field of every event. */
function isCoreField(field: string): boolean {
  switch (field) {
    case "type":
    case "process":
    case "f":
    case "key":
    case "value":
    case "time":
    case "index":
    case "session":
    case "node":
    case "version":
      return true;
    default:
      return false;
  }
}

export class OpStore {
  readonly status = new Uint8Column();
  readonly process = new Int32Column();
  readonly session = new Int32Column();
  readonly f = new Int32Column();
  readonly node = new Int32Column();
  readonly key = new Int32Column();
  readonly invPos = new Int32Column();
  readonly cmpPos = new Int32Column();
  readonly version = new Float64Column();
  readonly lines = new EventNumberColumns(() => new Int32Column(), -1, this.invPos, this.cmpPos);
  readonly indices = new EventNumberColumns(
    () => new Float64Column(),
    Number.NaN,
    this.invPos,
    this.cmpPos,
  );
  readonly times = new TimeColumns();
  readonly value: unknown[] = [];
  private readonly vectors = new Map<number, VersionVector>();
  private readonly txns = new Map<number, readonly MicroOp[]>();
  private readonly extras = new Map<number, Record<string, unknown>>();
  private readonly bigVersions = new Map<number, bigint>();
  private readonly bigTimes = new Map<number, { inv?: bigint; cmp?: bigint }>();

  readonly processes = new Interner<string | number>();
  readonly sessions = new Interner<string | number>();
  readonly fs = new Interner<string>();
  readonly nodes = new Interner<string>();
  readonly keys = new Interner<unknown>();

  /** A new op, indeterminate until completed, for an invocation (or a lone event) at position `pos`. */
  open(ev: RawEvent, pos: number, index: number, line: number): number {
    const id = this.status.push(Status.info);
    const process = ev.process ?? 0;
    this.process.push(this.processes.id(process));
    this.session.push(this.sessions.id(ev.session ?? process));
    this.f.push(this.fs.id(ev.f ?? (isTxn(ev.value) ? "txn" : "")));
    this.node.push(ev.node === undefined ? -1 : this.nodes.id(ev.node));
    this.key.push(ev.key === undefined ? -1 : this.keys.id(ev.key));
    this.invPos.push(pos);
    this.cmpPos.push(-1);
    this.indices.open(id, pos, index);
    this.lines.open(id, pos, line);
    this.times.push(this.timeOf(ev.time, id, "inv"));
    this.version.push(Number.NaN);
    this.value.push(ev.value ?? null);
    this.applyDetails(id, ev);
    return id;
  }

  /** Op `id` completed (its type already checked) by the event at position `pos`. */
  complete(id: number, ev: RawEvent, pos: number, index: number, line: number): void {
    this.status.set(id, Status[ev.type as "ok" | "fail" | "info"]);
    this.cmpPos.set(id, pos);
    this.indices.complete(id, pos, index);
    this.lines.complete(id, pos, line);
    if (ev.time !== undefined) this.times.set(id, this.timeOf(ev.time, id, "cmp"));
    if (ev.type === "ok" && "value" in ev) this.value[id] = ev.value ?? null;
    // Completions usually repeat their invocation's session and key: compare before interning.
    const s = ev.session;
    if (s !== undefined && s !== this.sessions.values[this.session.get(id)]) {
      this.session.set(id, this.sessions.id(s));
    }
    if (ev.node !== undefined) this.node.set(id, this.nodes.id(ev.node));
    const k = ev.key;
    const was = this.key.get(id);
    if (k !== undefined && (was < 0 || k !== this.keys.values[was]))
      this.key.set(id, this.keys.id(k));
    this.applyDetails(id, ev);
  }

  /** Version, micro-ops and extra fields; a completion's override its invocation's. */
  private applyDetails(id: number, ev: RawEvent): void {
    const v = ev.version;
    if (typeof v === "number") {
      this.version.set(id, v);
      this.bigVersions.delete(id);
    } else if (typeof v === "bigint") {
      this.version.set(id, Number.NaN);
      this.bigVersions.set(id, v);
    } else if (v !== undefined) this.vectors.set(id, new Map(Object.entries(v)));
    const value = this.value[id];
    if (isTxn(value)) this.txns.set(id, value as MicroOp[]);
    for (const field in ev) {
      if (isCoreField(field)) continue;
      let extra = this.extras.get(id);
      if (extra === undefined) {
        extra = Object.create(null) as Record<string, unknown>;
        this.extras.set(id, extra);
      }
      extra[field] = ev[field];
    }
  }

  /** The column's value for a time: the time itself, or a bigint's nearest double (kept exactly aside). */
  private timeOf(t: number | bigint | undefined, id: number, which: "inv" | "cmp"): number {
    if (typeof t !== "bigint") return t ?? Number.NaN;
    const exact = this.bigTimes.get(id) ?? {};
    exact[which] = t;
    this.bigTimes.set(id, exact);
    return Number(t);
  }

  /** The History, each column moved into right-sized storage in turn; the store is emptied. */
  finish(file: string, format: string | undefined, events: number): History {
    const size = this.status.length;
    const ranked = rankVersions(this.version, this.bigVersions);
    const times = this.times.finish();
    return {
      file,
      ...(format === undefined ? {} : { format }),
      size,
      events,
      status: this.status.freeze(),
      process: finishIds(this.process, this.processes.values.length),
      processes: this.processes.values,
      session: finishIds(this.session, this.sessions.values.length),
      sessions: this.sessions.values,
      f: finishIds(this.f, this.fs.values.length),
      fs: this.fs.values,
      node: finishIds(this.node, this.nodes.values.length),
      nodes: this.nodes.values,
      key: finishIds(this.key, this.keys.values.length),
      keys: this.keys.values,
      invPos: this.invPos.freeze(),
      cmpPos: this.cmpPos.freeze(),
      indices: this.indices.finish(),
      lines: this.lines.finish(),
      ...(times === undefined ? {} : { times }),
      version: ranked?.ranks ?? this.version.freeze(),
      ...(ranked === undefined ? {} : { versionValues: ranked.values }),
      ...(this.bigTimes.size === 0 ? {} : { bigTimes: this.bigTimes }),
      value: this.value,
      vectors: this.vectors,
      txns: this.txns,
      extras: this.extras,
    };
  }
}
