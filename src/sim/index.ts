/**
 * The replication simulator: seeded discrete-event runs of single-leader, multi-leader and
 * leaderless replication that write a history in Causeway's JSON Lines vocabulary and, beside
 * it, the ground truth: every op the simulator knows to break a property, labelled with the
 * checker id and anomaly kind that should find it. See src/sim/truth/ for each label's
 * definition and src/sim/presets/ for the scenarios of DDIA chapter 5.
 */
export type {
  Conflicts,
  Fault,
  LeaderlessOptions,
  MultiLeaderOptions,
  ReplicationInput,
  ReplicationOptions,
  Routing,
  SimInput,
  SimOptions,
  SingleLeaderOptions,
  Workload,
} from "./options.js";
export type { HistoryEvent, TruthLabel } from "./output.js";
export { findPreset, type Preset, presetInput, presetNames, presets } from "./presets/index.js";
export { SIMULATOR_VERSION, simulate, type WriteSummary, writeSimulation } from "./run.js";
export { resolveOptions } from "./validate.js";
