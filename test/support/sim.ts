/** Runs the simulator in tests: the history as JSON Lines text and the ground-truth labels. */
import { writeFileSync } from "node:fs";
import type { History } from "../../src/history/model.js";
import { loadHistory } from "../../src/ingest/index.js";
import { type SimInput, simulate, type TruthLabel } from "../../src/sim/index.js";
import { tmpPath } from "./tmp.js";

export interface SimRun {
  lines: string[];
  labels: TruthLabel[];
}

export function run(input: SimInput): SimRun {
  const labels: TruthLabel[] = [];
  const lines: string[] = [];
  for (const ev of simulate(input, (l) => labels.push(l))) lines.push(JSON.stringify(ev));
  return { lines, labels };
}

/** "checker/kind" to count. */
export function counts(labels: readonly TruthLabel[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of labels) out[`${l.checker}/${l.kind}`] = (out[`${l.checker}/${l.kind}`] ?? 0) + 1;
  return out;
}

/** Writes the run's history to a file and loads it; awaits, so that an async loadHistory needs no change here. */
export async function load(r: SimRun, name = "sim.jsonl"): Promise<History> {
  const file = tmpPath(name);
  writeFileSync(file, `${r.lines.join("\n")}\n`);
  return await loadHistory(file);
}
