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

async function writeChunk(out: NodeJS.WritableStream, text: string): Promise<number> {
  if (!out.write(text)) await once(out, "drain");
  return Buffer.byteLength(text);
}
