/**
 * Named scenarios, one per figure of DDIA chapter 5 (DESIGN.md section 1). Each preset's
 * default seed produces the anomalies its figure shows (`anomalies`, as checker/kind); its
 * correct variant changes only what the book says fixes the scenario (reads from the leader,
 * strict quorums with read repair, conflict avoidance, causal delivery, siblings) and
 * produces no ground-truth label at all, except `correctAllows`: conflicts that version
 * vectors detect and keep as siblings, which is the fix, not a fault.
 */
import type { ReplicationInput, SimInput } from "../options.js";
import { leaderlessPresets } from "./leaderless.js";
import { multiLeaderPresets } from "./multi-leader.js";
import { singleLeaderPresets } from "./single-leader.js";
import type { Preset } from "./types.js";

export type { Preset } from "./types.js";

export const presets: readonly Preset[] = [
  ...singleLeaderPresets,
  ...multiLeaderPresets,
  ...leaderlessPresets,
];

/** Aliases: the figure as a whole names the scenario its checker is about. */
const aliases: Record<string, string> = { "fig-5-8": "fig-5-8-all-to-all" };

export function findPreset(name: string): Preset | undefined {
  const target = aliases[name] ?? name;
  return presets.find((p) => p.name === target);
}

export const presetNames: readonly string[] = [
  ...presets.map((p) => p.name),
  ...Object.keys(aliases),
].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));

/** A preset's options (its correct variant if asked), with the caller's options over them. */
export function presetInput(preset: Preset, correct: boolean, over: SimInput = {}): SimInput {
  const base = correct ? merge(preset.options, preset.correct) : preset.options;
  return merge(base, over);
}

function merge(a: SimInput, b: SimInput): SimInput {
  const out: SimInput = { ...a, ...b };
  if (a.replication || b.replication) {
    out.replication = { ...a.replication, ...b.replication } as ReplicationInput;
  }
  return out;
}
