/**
 * Pairs a stream of Jepsen-style events into operations and stores them column by column.
 * Every reader (JSON, JSON Lines, EDN, log lines) ends here, so the pairing rules and the
 * structural errors are the same whatever the format.
 *
 * Rules: an `invoke` opens an op on its process; the next ok/fail/info of that process
 * completes it; an invocation never completed is indeterminate (info). A completion with no
 * open invocation is an error for client processes (numbers, or no process at all); on a
 * named process (a string such as "nemesis" or "replica:n1") it is a lone event.
 *
 * Order is the events' position in the input: `index`, where given, must increase, but
 * `time` may go backwards (Jepsen's processes stamp times from different clocks). Integers
 * beyond 2^53 arrive as bigints: a bigint version makes the version column hold ranks (see
 * model.ts); a bigint time is kept exactly beside its column's nearest double.
 */
import { quote, StructureError } from "../errors.js";
import { Float64Column, Int32Column, Interner, Uint8Column } from "./columns.js";
import { type History, type MicroOp, Status, type VersionVector } from "./model.js";
import { rankVersions } from "./version-rank.js";
import { isTxn, valueKey } from "./vocabulary.js";

/** One event as a reader hands it over, already checked against the schema. */
export interface RawEvent {
  type: "invoke" | "ok" | "fail" | "info";
  process?: string | number;
  f?: string;
  key?: unknown;
  value?: unknown;
  time?: number | bigint;
  index?: number;
  session?: string | number;
  node?: string;
  version?: number | bigint | Record<string, number>;
  [field: string]: unknown;
}

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

const NO_PROCESS = "\u0000none";

export class HistoryBuilder {
  private readonly file: string;
  private events = 0;
  private lastIndex = -Infinity;
  private lastIndexLine = 0;
  private readonly processState = new Map<unknown, number>();

  private readonly status = new Uint8Column();
  private readonly process = new Int32Column();
  private readonly session = new Int32Column();
  private readonly f = new Int32Column();
  private readonly node = new Int32Column();
  private readonly key = new Int32Column();
  private readonly invPos = new Int32Column();
  private readonly cmpPos = new Int32Column();
  private readonly invIndex = new Float64Column();
  private readonly cmpIndex = new Float64Column();
  private readonly invLine = new Int32Column();
  private readonly cmpLine = new Int32Column();
  private readonly invTime = new Float64Column();
  private readonly cmpTime = new Float64Column();
  private readonly version = new Float64Column();
  private readonly value: unknown[] = [];
  private readonly vectors = new Map<number, VersionVector>();
  private readonly txns = new Map<number, readonly MicroOp[]>();
  private readonly extras = new Map<number, Record<string, unknown>>();
  private readonly bigVersions = new Map<number, bigint>();
  private readonly bigTimes = new Map<number, { inv?: bigint; cmp?: bigint }>();

  private readonly processes = new Interner<string | number>();
  private readonly sessions = new Interner<string | number>();
  private readonly fs = new Interner<string>();
  private readonly nodes = new Interner<string>();
  private readonly keys = new Interner<unknown>();

  private readonly format: string | undefined;

  /** `file` names the source in errors; `format` is the format it was read as, if any. */
  constructor(file: string, format?: string) {
    this.file = file;
    this.format = format;
  }

  /** Adds one event read at `line` (1-based) of the file. */
  add(ev: RawEvent, line: number): void {
    const pos = this.events++;
    const index = typeof ev.index === "number" ? ev.index : pos;
    this.checkIndex(ev, index, line);
    const procKey = ev.process === undefined ? NO_PROCESS : valueKey(ev.process);
    // One Map per process: its open op (id >= 0) or its last completed op (-(id + 1)).
    const last = this.processState.get(procKey);
    const open = last !== undefined && last >= 0 ? last : -1;
    if (ev.type === "invoke") {
      if (open >= 0) {
        throw this.error(
          line,
          index,
          "/process",
          `process ${show(ev.process)} invokes again while its invocation at line ${this.invLine.data[open]} is still pending`,
        );
      }
      this.processState.set(procKey, this.open(ev, pos, index, line));
      return;
    }
    if (open >= 0) {
      this.processState.set(procKey, -(open + 1));
      this.complete(open, ev, pos, index, line);
      return;
    }
    if (typeof ev.process === "string") {
      const id = this.open(ev, pos, index, line);
      this.complete(id, ev, pos, index, line);
      this.status.set(id, Status.event);
      return;
    }
    const prev = last === undefined ? -1 : -last - 1;
    const detail =
      prev >= 0
        ? `a second completion (${ev.type}) for the invocation at line ${this.invLine.data[prev]}, already completed at line ${this.cmpLine.data[prev]}`
        : `a completion (${ev.type}) of process ${show(ev.process)} with no invocation before it`;
    throw this.error(line, index, "/type", detail);
  }

  private checkIndex(ev: RawEvent, index: number, line: number): void {
    if (typeof ev.index !== "number") return;
    if (index <= this.lastIndex) {
      throw this.error(
        line,
        index,
        "/index",
        `index ${index} does not increase (line ${this.lastIndexLine} has index ${this.lastIndex})`,
      );
    }
    this.lastIndex = index;
    this.lastIndexLine = line;
  }

  private open(ev: RawEvent, pos: number, index: number, line: number): number {
    const id = this.status.push(Status.info);
    const process = ev.process ?? 0;
    this.process.push(this.processes.id(process));
    this.session.push(this.sessions.id(ev.session ?? process));
    this.f.push(this.fs.id(ev.f ?? (isTxn(ev.value) ? "txn" : "")));
    this.node.push(ev.node === undefined ? -1 : this.nodes.id(ev.node));
    this.key.push(ev.key === undefined ? -1 : this.keys.id(ev.key));
    this.invPos.push(pos);
    this.cmpPos.push(-1);
    this.invIndex.push(index);
    this.cmpIndex.push(Number.NaN);
    this.invLine.push(line);
    this.cmpLine.push(-1);
    this.invTime.push(this.timeOf(ev.time, id, "inv"));
    this.cmpTime.push(Number.NaN);
    this.version.push(Number.NaN);
    this.value.push(ev.value ?? null);
    this.applyDetails(id, ev);
    return id;
  }

  private complete(id: number, ev: RawEvent, pos: number, index: number, line: number): void {
    const invokedF = this.fs.values[this.f.data[id]!]!;
    if (ev.f !== undefined && invokedF !== "" && invokedF !== "txn" && ev.f !== invokedF) {
      throw this.error(
        line,
        index,
        "/f",
        `completion has f ${quote(ev.f)} but its invocation at line ${this.invLine.data[id]} has f ${quote(invokedF)}`,
      );
    }
    this.status.set(id, Status[ev.type as "ok" | "fail" | "info"]);
    this.cmpPos.set(id, pos);
    this.cmpIndex.set(id, index);
    this.cmpLine.set(id, line);
    if (ev.time !== undefined) this.cmpTime.set(id, this.timeOf(ev.time, id, "cmp"));
    if (ev.type === "ok" && "value" in ev) this.value[id] = ev.value ?? null;
    // Completions usually repeat their invocation's session and key: compare before interning.
    const s = ev.session;
    if (s !== undefined && s !== this.sessions.values[this.session.data[id]!]) {
      this.session.set(id, this.sessions.id(s));
    }
    if (ev.node !== undefined) this.node.set(id, this.nodes.id(ev.node));
    const k = ev.key;
    const was = this.key.data[id]!;
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

  private error(line: number, opIndex: number, pointer: string, detail: string): StructureError {
    return new StructureError({ file: this.file, line, opIndex, pointer }, detail);
  }

  /** Ends the stream: invocations still open stay indeterminate (info). */
  finish(): History {
    const ranked = rankVersions(this.version, this.bigVersions);
    return {
      file: this.file,
      ...(this.format === undefined ? {} : { format: this.format }),
      size: this.status.length,
      events: this.events,
      status: this.status.freeze(),
      process: this.process.freeze(),
      processes: this.processes.values,
      session: this.session.freeze(),
      sessions: this.sessions.values,
      f: this.f.freeze(),
      fs: this.fs.values,
      node: this.node.freeze(),
      nodes: this.nodes.values,
      key: this.key.freeze(),
      keys: this.keys.values,
      invPos: this.invPos.freeze(),
      cmpPos: this.cmpPos.freeze(),
      invIndex: this.invIndex.freeze(),
      cmpIndex: this.cmpIndex.freeze(),
      invLine: this.invLine.freeze(),
      cmpLine: this.cmpLine.freeze(),
      invTime: this.invTime.freeze(),
      cmpTime: this.cmpTime.freeze(),
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

function show(process: string | number | undefined): string {
  return process === undefined
    ? "(none)"
    : typeof process === "string"
      ? quote(process)
      : String(process);
}
