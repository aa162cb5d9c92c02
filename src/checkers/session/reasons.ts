/** What the session checks' undecided, not-applicable and note codes mean, from their parameters. */
import { keyPhrase, plural, showValue } from "../phrases.js";
import { assumedOrderText } from "./assume.js";

type Params = Record<string, unknown>;

export const sessionReasons: Readonly<Record<string, (p: Params) => string>> = {
  "no-order": () =>
    "the read observed a different write than the one required, and the history gives no version order between them (add a `version` to ops)",
  "read-without-version": () =>
    "the read carries no version and observed no versioned write, so it cannot be ordered against the versioned requirement",
  "ambiguous-value": (p) =>
    `the read returned a value written more than once to its key, so the write it observed is unknown: ${showValue(p.value)} is written to ${keyPhrase(p.key)} ${plural(Number(p.writes), "time")}, at lines ${(p.lines as number[]).join(", ")}${Number(p.writes) > 5 ? ", ..." : ""}${p.initial ? " (and it is the initial value)" : ""}`,
  "unrecorded-version": () =>
    "the read observed a version that no recorded write produced, and the requirement has no comparable version",
  "earlier-unidentified": () =>
    "an earlier read of the session observed a value whose write cannot be identified",
  "list-order-unknown": () =>
    "the reads of this list key are not all prefixes of one list, or a value is appended twice, so the order of its versions is unknown",
  "writes-unrecorded": () =>
    "no op in the history writes the key the read observed, so the history leaves its writes out and the order of its values cannot be known",
  "assumed-order": assumedOrderText,
  "budget-exhausted": (p) =>
    `the check ran out of its time budget (${p.seconds} s) after ${p.done} of ${p.total} events; raise the time-limit option`,
  "no-register-ops": () =>
    "the history has no register reads or writes of client processes (read, write, cas, r/w micro-ops, list appends)",
  "not-a-register": (p) =>
    `${plural(Number(p.keys), "key")} (${(p.examples as unknown[]).map(keyPhrase).join(", ")}${Number(p.keys) > 5 ? ", ..." : ""}) ${Number(p.keys) === 1 ? "has" : "have"} ops that are not register reads or writes (${(p.fs as string[]).join(", ")}): their reads are not checked`,
};

/** The write-order checks' codes: the session codes, with "no-order" about two writes. */
export const writeOrderReasons: Readonly<Record<string, (p: Params) => string>> = {
  ...sessionReasons,
  "no-order": () =>
    "the write and a write its session required before it are known only by value, so the history gives no order between them (add a `version` to ops, or state what the store promises with the assume option)",
  "same-version": () =>
    "the write carries the same version as a different write its session required before it, so the history does not order them",
  "write-without-version": () =>
    "the write carries no version while what its session required before it does, so the two cannot be ordered",
  "no-register-writes": () =>
    "the history has no register writes of client processes (write, cas, w micro-ops, list appends)",
  "no-register-reads": () =>
    "the history has no register reads of client processes, so no write follows a read",
};
