/**
 * Builds the timeline report data (src/report/timeline.ts) from a History: every op in
 * columns, strings interned, positions, lines and times delta-coded, long values left out.
 * It lives beside src/api.ts because it reads the History, which src/report never does.
 */
import { type EventSide, type History, lineOf, Status, timeOf } from "./history/model.js";
import { bareF } from "./history/vocabulary.js";
import { deltas, MAX_TIMELINE_VALUE, type Timeline } from "./report/timeline.js";
import { jsonText } from "./value-text.js";

const statusChars: Record<number, string> = {
  [Status.ok]: "o",
  [Status.fail]: "f",
  [Status.info]: "i",
  [Status.event]: "e",
};

export function buildTimeline(h: History): Timeline {
  const n = h.size;
  const invLine = column(h, lineOf, "inv");
  const timeline: Timeline = {
    ops: n,
    positions: "event",
    processes: [...h.processes],
    sessions: [...h.sessions],
    fs: h.fs.map(bareF),
    keys: [...h.keys],
    nodes: [...h.nodes],
    status: statusString(h),
    process: Array.from(h.process),
    session: Array.from(h.session),
    f: Array.from(h.f),
    key: Array.from(h.key),
    node: Array.from(h.node),
    invPos: deltas(h.invPos) as number[],
    cmpPos: offsets(h.invPos, h.cmpPos, (c) => c < 0),
    invLine: deltas(invLine) as number[],
    cmpLine: offsets(invLine, column(h, lineOf, "cmp"), (_c, i) => h.cmpPos[i]! < 0),
    ...values(h),
  };
  if (h.times !== undefined) {
    const invTime = column(h, timeOf, "inv");
    const cmpTime = column(h, timeOf, "cmp");
    timeline.invTime = deltas(invTime);
    timeline.cmpTime = Array.from(cmpTime, (c, i) =>
      h.cmpPos[i]! < 0 || Number.isNaN(c) || Number.isNaN(invTime[i]!) ? null : c - invTime[i]!,
    );
  }
  return timeline;
}

/** One side's lines or times of every op, as the accessor reads them. */
function column(
  h: History,
  read: (h: History, id: number, side: EventSide) => number,
  side: EventSide,
): Float64Array {
  const out = new Float64Array(h.size);
  for (let i = 0; i < h.size; i++) out[i] = read(h, i, side);
  return out;
}

function statusString(h: History): string {
  const chars: string[] = new Array(h.size);
  for (let i = 0; i < h.size; i++) chars[i] = statusChars[h.status[i]!]!;
  return chars.join("");
}

/** `to - from` per op, or -1 where `none` says there is no completion. */
function offsets(
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  none: (c: number, i: number) => boolean,
): number[] {
  const out: number[] = new Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = none(to[i]!, i) ? -1 : to[i]! - from[i]!;
  return out;
}

function values(h: History): Pick<Timeline, "value" | "omitted"> {
  const value: unknown[] = new Array(h.size);
  const omitted: number[] = [];
  for (let i = 0; i < h.size; i++) {
    const v = h.value[i] ?? null;
    if (v === null || typeof v === "number" || typeof v === "boolean") value[i] = v;
    else if (jsonLength(v) <= MAX_TIMELINE_VALUE) value[i] = v;
    else {
      value[i] = null;
      omitted.push(i);
    }
  }
  return { value, omitted };
}

function jsonLength(v: unknown): number {
  try {
    return jsonText(v).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
