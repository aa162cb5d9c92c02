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
import { type History, Status } from "./model.js";
import { OpStore } from "./op-store.js";
import { valueKey } from "./vocabulary.js";

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

const NO_PROCESS = "\u0000none";

export class HistoryBuilder {
  private readonly file: string;
  private events = 0;
  private lastIndex = -Infinity;
  private lastIndexLine = 0;
  private readonly processState = new Map<unknown, number>();

  private readonly ops = new OpStore();
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
          `process ${show(ev.process)} invokes again while its invocation at line ${this.ops.lines.get(open, "inv")} is still pending`,
        );
      }
      this.processState.set(procKey, this.ops.open(ev, pos, index, line));
      return;
    }
    if (open >= 0) {
      this.processState.set(procKey, -(open + 1));
      this.complete(open, ev, pos, index, line);
      return;
    }
    if (typeof ev.process === "string") {
      const id = this.ops.open(ev, pos, index, line);
      this.ops.complete(id, ev, pos, index, line);
      this.ops.status.set(id, Status.event);
      return;
    }
    const prev = last === undefined ? -1 : -last - 1;
    const detail =
      prev >= 0
        ? `a second completion (${ev.type}) for the invocation at line ${this.ops.lines.get(prev, "inv")}, already completed at line ${this.ops.lines.get(prev, "cmp")}`
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

  private complete(id: number, ev: RawEvent, pos: number, index: number, line: number): void {
    const invokedF = this.ops.fs.values[this.ops.f.get(id)]!;
    if (ev.f !== undefined && invokedF !== "" && invokedF !== "txn" && ev.f !== invokedF) {
      throw this.error(
        line,
        index,
        "/f",
        `completion has f ${quote(ev.f)} but its invocation at line ${this.ops.lines.get(id, "inv")} has f ${quote(invokedF)}`,
      );
    }
    this.ops.complete(id, ev, pos, index, line);
  }

  private error(line: number, opIndex: number, pointer: string, detail: string): StructureError {
    return new StructureError({ file: this.file, line, opIndex, pointer }, detail);
  }

  /** Ends the stream: invocations still open stay indeterminate (info). */
  finish(): History {
    return this.ops.finish(this.file, this.format, this.events);
  }
}

function show(process: string | number | undefined): string {
  return process === undefined
    ? "(none)"
    : typeof process === "string"
      ? quote(process)
      : String(process);
}
