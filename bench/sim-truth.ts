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
import type { History } from "../src/history/model.js";
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
  const ids = CHECKED.filter((c) => c.labelled(input)).map((c) => c.id);
  for (const a of agreement(h, labels, ids)) {
    const found = new Set(a.found);
    const truth = new Set(a.truth);
    const s = row.scores[a.id]!;
    s.runs++;
    s.labels += truth.size;
    for (const x of found)
      if (truth.has(x)) s.truePositives++;
      else s.falsePositives++;
    for (const x of truth) if (!found.has(x)) s.falseNegatives++;
  }
}

/** What a checker flags on one run and what the simulator labelled for it, compared as CHECKED says. */
export interface Agreement {
  id: string;
  /** Sorted: what each anomaly is about, and what each label is about. */
  found: unknown[];
  truth: unknown[];
  undecided: string[];
}

const ascending = (x: unknown, y: unknown) =>
  (x as number) < (y as number) ? -1 : x === y ? 0 : 1;

/** Each checker of `ids` (all in CHECKED) on `h`, beside the simulator's labels for it. */
export function agreement(
  h: History,
  labels: readonly TruthLabel[],
  ids: readonly string[],
): Agreement[] {
  return ids.map((id) => {
    const c = CHECKED.find((x) => x.id === id)!;
    const checker = findChecker(id)!;
    const result = checker.check(
      h,
      resolveOptions([checker], { ...c.raw, maxAnomalies: Number.MAX_SAFE_INTEGER }),
    );
    return {
      id,
      found: result.anomalies.map(c.found).sort(ascending),
      truth: labels
        .filter((l) => l.checker === id)
        .map(c.truth)
        .sort(ascending),
      undecided: result.undecided.map((u) => u.code),
    };
  });
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
