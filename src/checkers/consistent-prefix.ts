/**
 * consistent-prefix: a session that has observed a write B never afterwards observes a state
 * without a write A that came before B; nor do the reads of one transaction. "Before" is
 * happens-before (causal order, (so ∪ rf)+) by default, or real time (A completed before B
 * began, as Jepsen's causal-reverse test defines it) with an option.
 *
 * Formally (Viotti and Vukolic 2016, after Terry 2013): (ar ; (vis minus ss)) is contained in
 * vis, with the order of A and B proven by the history rather than by the store's
 * arbitration. DDIA figure 5-5: an observer sees the answer before the question.
 */
import { observationsOf } from "../history/observations.js";
import { causalReasons } from "./causal/reasons.js";
import { memoryLimitOption } from "./options.js";
import { explainPrefixViolation } from "./prefix/explain.js";
import { checkPrefix, type PrefixOrder, type PrefixViolation } from "./prefix/result.js";
import { assumeOption, assumptionOf } from "./session/assume.js";
import { sessionReasons } from "./session/reasons.js";
import type { Checker } from "./types.js";

export type ConsistentPrefixAnomaly = PrefixViolation;

export const consistentPrefix: Checker<PrefixViolation> = {
  id: "consistent-prefix",
  title: "Consistent prefix",
  description:
    "A session that observed a write never afterwards observes a state without a write that happened before it.",
  references: [
    "Terry, Replicated data consistency explained through baseball, CACM 2013",
    "Viotti and Vukolic, Consistency in non-transactional distributed storage systems, 2016",
    "Kleppmann, Designing Data-Intensive Applications, figure 5-5",
  ],
  requires: [
    "session (or process) on every op",
    "register reads and writes (read/write/cas, r/w micro-ops, list appends); values written once per key, or versions",
  ],
  decides: "consistent-prefix",
  options: [
    {
      name: "prefixOrder",
      type: "string",
      choices: ["causal", "real-time"],
      default: "causal",
      help: "the order of the writes a prefix must keep: causal (happens-before) or real-time (one completed before the other began)",
    },
    assumeOption,
    memoryLimitOption,
  ],
  check(history, options) {
    const o = observationsOf(history, options.initial ?? null);
    const order = (options.prefixOrder ?? "causal") as PrefixOrder;
    return checkPrefix(history, o, options, order, assumptionOf(options));
  },
  explain: { "prefix-violation": explainPrefixViolation },
  reasons: { ...sessionReasons, ...causalReasons },
};
