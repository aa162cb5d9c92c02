/**
 * Precision and recall of the checkers that exist against the simulator's ground truth: for
 * every preset and its correct variant, over seeds 1..N, the ops each checker flags versus
 * the ops the simulator labelled for it (by completion index).
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

/** A checker held to the truth: which runs the simulator labels for it, and what it is compared by. */
interface Judged {
  id: string;
  /** The runs whose truth speaks of this checker; elsewhere its cell says "not labelled". */
  labelled(input: SimInput): boolean;
  /** What an anomaly is about (a completion index, or a key for linearizable) and what a label is about. */
  found(a: AnomalyBase): unknown;
  truth(l: TruthLabel): unknown;
  raw?: Record<string, unknown>;
}

/** The completion index of the op an anomaly names in `field` (the read, the write, the later write). */
const opAt =
  (field: string) =>
  (a: AnomalyBase): number => {
    const id = (a as unknown as Record<string, { op: number }>)[field]!.op;
    return a.ops.find((o) => o.id === id)!.index;
  };
const byIndex = (l: TruthLabel) => l.index;
const always = () => true;

export const CHECKED: readonly Judged[] = [
  { id: "read-your-writes", labelled: always, found: opAt("read"), truth: byIndex },
  { id: "monotonic-reads", labelled: always, found: opAt("read"), truth: byIndex },
  { id: "monotonic-writes", labelled: always, found: opAt("later"), truth: byIndex },
  { id: "writes-follow-reads", labelled: always, found: opAt("write"), truth: byIndex },
  {
    id: "consistent-prefix",
    // The simulator knows what each session could have learned on single-leader runs only.
    labelled: (input) => input.replication?.mode === "single-leader",
    found: opAt("read"),
    truth: byIndex,
  },
  {
    id: "linearizable",
    // It names one op per key, which need not be the simulator's: compared by key.
    labelled: registerRun,
    found: (a) => (a as unknown as { keys: unknown[] }).keys[0],
    truth: (l) => l.key,
    raw: { model: "register" },
  },
];

export interface Score {
  /** Runs whose truth speaks of the checker (0: "not labelled"). */
  runs: number;
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
      for (const c of CHECKED)
        row.scores[c.id] = {
          runs: 0,
          labels: 0,
          truePositives: 0,
          falsePositives: 0,
          falseNegatives: 0,
        };
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
  for (const c of CHECKED) {
    if (!c.labelled(input)) continue;
    const checker = findChecker(c.id)!;
    const result = checker.check(
      h,
      resolveOptions([checker], { ...c.raw, maxAnomalies: Number.MAX_SAFE_INTEGER }),
    );
    const found = new Set<unknown>(result.anomalies.map(c.found));
    const truth = new Set<unknown>(labels.filter((l) => l.checker === c.id).map(c.truth));
    const s = row.scores[c.id]!;
    s.runs++;
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

/** One table cell: "labels · precision · recall", or "not labelled". */
export function scoreCell(s: Score): string {
  return s.runs === 0 ? "not labelled" : `${s.labels} · ${precision(s)} · ${recall(s)}`;
}

/** Register runs with numeric versions, where the simulator labels linearizability. */
function registerRun(input: SimInput): boolean {
  const r = input.replication as { conflicts?: string } | undefined;
  return (input.workload ?? "register") === "register" && r?.conflicts !== "siblings";
}
