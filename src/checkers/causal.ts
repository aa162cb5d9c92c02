/**
 * causal: causal consistency for differentiated histories (each value written at most once
 * per key), by the bad patterns of Bouajjani, Enea, Guerraoui and Hamza, "On verifying
 * causal consistency" (POPL 2017). With po session order, rf reads-from and co = (po ∪ rf)+,
 * a history is causally consistent (CC) exactly when none of CyclicCO, WriteCOInitRead,
 * ThinAirRead, WriteCORead occurs; causal convergence (CCv) adds CyclicCF, causal memory
 * (CM) WriteHBInitRead and CyclicHB. Where the history gives a version order (numbers,
 * vectors, list positions; or an assumption states one), it is read as the store's
 * arbitration: it joins co in CyclicCO and in deciding which of two writes came first, and a
 * version vector must include every write of its key in the op's causal past.
 */

import type { History } from "../history/model.js";
import { observationsOf } from "../history/observations.js";
import type { CausalAnomaly } from "./causal/anomalies.js";
import {
  explainCyclicCf,
  explainCyclicCo,
  explainCyclicHb,
  explainThinAirRead,
  explainVersionExcludesCause,
  explainWriteCoInitRead,
  explainWriteCoRead,
  explainWriteHbInitRead,
} from "./causal/explain.js";
import { causalReasons } from "./causal/reasons.js";
import { runCausal } from "./causal/run.js";
import { memoryLimitOption } from "./options.js";
import { assumeOption, assumptionOf } from "./session/assume.js";
import type { Checker, CheckOptions, CheckResult } from "./types.js";

export type { CausalAnomaly } from "./causal/anomalies.js";

export const causalLevels = ["cc", "ccv", "cm"] as const;
export type CausalLevel = (typeof causalLevels)[number];

export const causal: Checker<CausalAnomaly> = {
  id: "causal",
  title: "Causal consistency",
  description:
    "No op may see the effects of causality out of order: the bad patterns of causal consistency (CC), convergence (CCv) or causal memory (CM), each proven by a path or cycle.",
  references: [
    "Bouajjani, Enea, Guerraoui and Hamza, On verifying causal consistency, POPL 2017",
    "Ahamad, Neiger, Burns, Kohli and Hutto, Causal memory, Distributed Computing 1995",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016",
  ],
  requires: [
    "session (or process) on every op",
    "register reads and writes (read/write/cas, r/w micro-ops); each value written at most once per key, or versions on reads",
  ],
  decides: "causal",
  options: [
    {
      name: "causalLevel",
      type: "string",
      choices: causalLevels,
      default: "cc",
      help: "which causal model to decide: cc (causal consistency), ccv (causal convergence) or cm (causal memory)",
    },
    assumeOption,
    memoryLimitOption,
  ],
  check(history: History, options: CheckOptions): CheckResult<CausalAnomaly> {
    const o = observationsOf(history, options.initial ?? null);
    const level = (options.causalLevel ?? "cc") as CausalLevel;
    return runCausal(history, o, options, level, assumptionOf(options));
  },
  explain: {
    "cyclic-co": explainCyclicCo,
    "thin-air-read": explainThinAirRead,
    "write-co-init-read": explainWriteCoInitRead,
    "write-co-read": explainWriteCoRead,
    "version-excludes-cause": explainVersionExcludesCause,
    "cyclic-cf": explainCyclicCf,
    "write-hb-init-read": explainWriteHbInitRead,
    "cyclic-hb": explainCyclicHb,
  },
  reasons: causalReasons,
};
