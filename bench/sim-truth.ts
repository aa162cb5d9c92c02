/**
 * Precision and recall of the checkers that exist against the simulator's ground truth: for
 * every preset and its correct variant, over seeds 1..N, the reads each checker flags versus
 * the reads the simulator labelled for it (by completion index).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveOptions } from "../src/checkers/options.js";
import { findChecker } from "../src/checkers/registry.js";
import type { AnomalyBase } from "../src/checkers/types.js";
import { loadHistory } from "../src/ingest/index.js";
import { packageRoot } from "../src/paths.js";
import { type SimInput, simulate, type TruthLabel } from "../src/sim/index.js";
import { presetInput, presets } from "../src/sim/presets/index.js";

/** Compared by the read each flags; linearizable by the key it flags (it names one op per key, which need not be the simulator's). */
export const CHECKED = ["read-your-writes", "monotonic-reads", "linearizable"] as const;

export interface Score {
  labels: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface PresetScore {
  preset: string;
  correct: boolean;
  seeds: number;
  ops: number;
  scores: Record<string, Score>;
}

export async function scorePresets(seeds: number): Promise<PresetScore[]> {
  const dir = join(packageRoot(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "sim-truth.jsonl");
  const out: PresetScore[] = [];
  for (const p of presets) {
    for (const correct of [false, true]) {
      const row: PresetScore = { preset: p.name, correct, seeds, ops: 0, scores: {} };
      for (const id of CHECKED)
        row.scores[id] = { labels: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      for (let seed = 1; seed <= seeds; seed++)
        await scoreOne(presetInput(p, correct, { seed }), file, row);
      out.push(row);
    }
  }
  return out;
}

async function scoreOne(input: SimInput, file: string, row: PresetScore): Promise<void> {
  const labels: TruthLabel[] = [];
  const lines: string[] = [];
  for (const ev of simulate(input, (l) => labels.push(l))) lines.push(JSON.stringify(ev));
  writeFileSync(file, `${lines.join("\n")}\n`);
  const h = await loadHistory(file);
  row.ops += input.ops ?? 0;
  for (const id of CHECKED) {
    if (id === "linearizable" && !registerRun(input)) continue;
    const checker = findChecker(id)!;
    const raw = id === "linearizable" ? { model: "register" } : {};
    const result = checker.check(
      h,
      resolveOptions([checker], { ...raw, maxAnomalies: Number.MAX_SAFE_INTEGER }),
    );
    const mine = labels.filter((l) => l.checker === id);
    const found = new Set<unknown>(
      id === "linearizable"
        ? result.anomalies.map((a) => (a as unknown as { keys: unknown[] }).keys[0])
        : result.anomalies.map(readIndex),
    );
    const truth = new Set<unknown>(mine.map((l) => (id === "linearizable" ? l.key : l.index)));
    const s = row.scores[id]!;
    s.labels += truth.size;
    for (const x of found)
      if (truth.has(x)) s.truePositives++;
      else s.falsePositives++;
    for (const x of truth) if (!found.has(x)) s.falseNegatives++;
  }
}

/** "1.000" or "-" when there was nothing to be precise (or complete) about. */
export function precision(s: Score): string {
  const flagged = s.truePositives + s.falsePositives;
  return flagged === 0 ? "-" : (s.truePositives / flagged).toFixed(3);
}

export function recall(s: Score): string {
  const real = s.truePositives + s.falseNegatives;
  return real === 0 ? "-" : (s.truePositives / real).toFixed(3);
}

/** Register runs with numeric versions, where the simulator labels linearizability. */
function registerRun(input: SimInput): boolean {
  const r = input.replication as { conflicts?: string } | undefined;
  return (input.workload ?? "register") === "register" && r?.conflicts !== "siblings";
}

/** The completion index of the read a session anomaly is about. */
function readIndex(a: AnomalyBase): number {
  const read = (a as AnomalyBase & { read: { op: number } }).read.op;
  return a.ops.find((o) => o.id === read)!.index;
}
