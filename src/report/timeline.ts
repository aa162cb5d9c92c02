/**
 * The timeline of a history as report data: every op in a compact columnar encoding, so that
 * the HTML report can draw a history of 100k ops without the History itself. Optional in a
 * report (the JSON report stays small by default); src/timeline.ts builds it from a History,
 * and src/report/html/cited.ts builds one from the ops a report's anomalies cite.
 *
 * Columns are arrays of one entry per op, in op order. Strings are interned (`process` holds
 * indices into `processes`, ...). Positions, lines and times are delta-coded: an invocation's
 * from the previous op's invocation, a completion's from its own invocation.
 */

export interface Timeline {
  /** Number of ops: the length of every column. */
  ops: number;
  /** What positions count: the history's events in real-time order, or source lines (when built from cited ops). */
  positions: "event" | "line";
  /** The op ids (OpDetail.id) when they are not 0, 1, 2, ... (a timeline of cited ops). */
  id?: number[];
  processes: (string | number)[];
  sessions: (string | number)[];
  fs: string[];
  keys: unknown[];
  nodes: string[];
  /** One character per op: o ok, f fail, i info (or never completed), e a lone event. */
  status: string;
  process: number[];
  session: number[];
  f: number[];
  /** Index into `keys`; -1: the op has no key. */
  key: number[];
  /** Index into `nodes` (the replica that served the op); -1: not recorded. */
  node: number[];
  /** Invocation position minus the previous op's (the first op's from 0). */
  invPos: number[];
  /** Completion position minus invocation position; -1: never completed; 0 for a lone event. */
  cmpPos: number[];
  /** Source line of the invocation, minus the previous op's. */
  invLine: number[];
  /** Source line of the completion minus that of the invocation; -1: never completed. */
  cmpLine: number[];
  /** Invocation time minus the last time before it; null: no time. Absent when no op has a time. */
  invTime?: (number | null)[];
  /** Completion time minus invocation time; null: never completed, or no time. */
  cmpTime?: (number | null)[];
  /** The op's value where its JSON is short; null where it is left out (see `omitted`). */
  value: unknown[];
  /** Ops whose value is left out because it is long. */
  omitted: number[];
}

/** Values whose JSON is longer than this are left out of a timeline. */
export const MAX_TIMELINE_VALUE = 64;

/** A column of absolute numbers as deltas from the previous entry (NaN entries stay null and are skipped). */
export function deltas(values: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) out[i] = null;
    else {
      out[i] = v - last;
      last = v;
    }
  }
  return out;
}

/** The inverse of `deltas`: absolute numbers, NaN where null. */
export function undeltas(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = Number.NaN;
    else {
      last += v;
      out[i] = last;
    }
  }
  return out;
}
