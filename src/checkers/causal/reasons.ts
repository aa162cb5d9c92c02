/** What the causality checkers' undecided, not-applicable and note codes mean, from their parameters. */
import { plural } from "../phrases.js";
import { sessionReasons } from "../session/reasons.js";

type Params = Record<string, unknown>;

export const causalReasons: Readonly<Record<string, (p: Params) => string>> = {
  "no-register-ops": sessionReasons["no-register-ops"]!,
  "writes-unrecorded": sessionReasons["writes-unrecorded"]!,
  "unrecorded-version": () =>
    "the read carries a version that no recorded write produced, so the write it observed is unknown",
  "list-order-unknown": sessionReasons["list-order-unknown"]!,
  "no-order": () =>
    "the read observed a write the history does not identify, so what it read from is unknown",
  "no-writes": () =>
    "the history has no register writes of client processes, so no read can depend on one",
  "not-differentiated": () =>
    "the read returned a value written more than once to its key (the history is not differentiated), so the write it read from is unknown",
  "learned-from-unidentified": () =>
    "the session observed a write of a session whose own knowledge was already incomplete (it had observed a value whose write cannot be identified), so what came before that write is not fully known",
  "after-cycle": () =>
    "the op comes after a cycle of causal order, so what happened before it is not an order",
  "too-many-sessions": (p) =>
    `the vector clocks of ${plural(Number(p.chains), "session chain")} over ${plural(Number(p.ops), "op")} would exceed the memory budget`,
  "too-many-vector-writes": (p) =>
    `${plural(Number(p.keys), "key")} have more writes with version vectors than can be ordered pairwise (${p.max}), so their version order is left out`,
  "not-registers": (p) =>
    `${plural(Number(p.keys), "key")} hold lists or other objects whose reads carry dependencies this check follows only in part: it finds violations through them, but cannot claim there are none`,
  "budget-exhausted": (p) =>
    `the check ran out of its time budget (${p.seconds} s; raise the time-limit option)`,
};
