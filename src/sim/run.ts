/**
 * Running a simulation: as an iterable of history events (labels to a callback), or
 * streamed as JSON Lines to writable streams with backpressure, in chunks, so a run of any
 * length never holds its text in memory.
 */
import { once } from "node:events";
import type { SimInput } from "./options.js";
import type { HistoryEvent, TruthLabel } from "./output.js";
import { createSimulation } from "./simulation.js";
import { resolveOptions } from "./validate.js";

const BATCH = 4096;

/** Bumped whenever the same options would give different output (benchmarks name their files after it). */
export const SIMULATOR_VERSION = 3;

/** Yields the history's events in order; each ground-truth label goes to `onLabel` (labels may cite events already yielded). */
export function* simulate(
  input: SimInput = {},
  onLabel?: (label: TruthLabel) => void,
): Generator<HistoryEvent, void, undefined> {
  const sim = createSimulation(resolveOptions(input));
  let more = true;
  while (more) {
    more = sim.step(BATCH);
    yield* sim.takeEvents();
    const labels = sim.takeLabels();
    if (onLabel) for (const l of labels) onLabel(l);
  }
}

export interface WriteSummary {
  events: number;
  labels: number;
  bytes: number;
}

/** Streams the history (and the ground truth, if asked) as JSON Lines. */
export async function writeSimulation(
  input: SimInput,
  historyOut: NodeJS.WritableStream,
  truthOut?: NodeJS.WritableStream,
): Promise<WriteSummary> {
  const sim = createSimulation(resolveOptions(input));
  const summary: WriteSummary = { events: 0, labels: 0, bytes: 0 };
  let more = true;
  while (more) {
    more = sim.step(BATCH);
    const events = sim.takeEvents();
    const labels = sim.takeLabels();
    summary.events += events.length;
    summary.labels += labels.length;
    summary.bytes += await writeLines(historyOut, events);
    if (truthOut) await writeLines(truthOut, labels);
  }
  await Promise.all([drained(historyOut), drained(truthOut)]);
  return summary;
}

/**
 * Writes the items as JSON Lines in chunks of about 64 KB: a chunk much larger would be a
 * large-object string, which only a full garbage collection frees.
 */
async function writeLines(out: NodeJS.WritableStream, items: readonly object[]): Promise<number> {
  let bytes = 0;
  let text = "";
  for (const x of items) {
    text += `${JSON.stringify(x)}\n`;
    if (text.length < CHUNK) continue;
    bytes += await writeChunk(out, text);
    text = "";
  }
  if (text.length > 0) bytes += await writeChunk(out, text);
  return bytes;
}

const CHUNK = 1 << 16;
/**
 * How much may wait in a stream's buffer before the simulation waits for it to drain: 64
 * times its high-water mark (1 MB for a file stream), so that the next chunk is built while
 * the last is written (waiting at every chunk left the simulation idle 8% of its time).
 */
const AHEAD = 64;

type Stream = NodeJS.WritableStream & {
  writableLength?: number;
  writableHighWaterMark?: number;
  writableNeedDrain?: boolean;
};

async function writeChunk(out: Stream, text: string): Promise<number> {
  const full = !out.write(text);
  const limit = AHEAD * (out.writableHighWaterMark ?? 1 << 14);
  if (full && (out.writableLength ?? Number.POSITIVE_INFINITY) > limit) await once(out, "drain");
  return Buffer.byteLength(text);
}

/** Waits until what the stream holds is written, so that the run ends with its output taken. */
async function drained(out: Stream | undefined): Promise<void> {
  if (out?.writableNeedDrain) await once(out, "drain");
}
