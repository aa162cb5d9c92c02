/**
 * The formats Causeway reads, each recognised from the first bytes of a file. A reader turns
 * its text into plain event objects in the history schema's vocabulary and hands each one,
 * with its line number, to a sink; validation and pairing are the same for all.
 */
import type { ReadProgress } from "./chunks.js";
import { looksLikeEdn, readEdn } from "./edn.js";
import { looksLikeJepsenLog, readJepsenLog } from "./jepsen-log.js";
import { readJsonArray, readJsonLines } from "./json.js";

export type EventSink = (event: unknown, line: number) => void;

export interface Format {
  /** The name that forces this format, and that messages use. */
  readonly id: string;
  readonly description: string;
  /** Does this file (its first 4 KiB, leading whitespace removed) look like this format? */
  detect(head: string): boolean;
  read(file: string, sink: EventSink, onProgress?: ReadProgress): void;
  /** Reject times that go backwards (off where the format's producers use several clocks). */
  readonly checkTime: boolean;
}

export const formats: Format[] = [
  {
    id: "json",
    description: "one JSON array of op objects (Jepsen histories as elle-cli reads them)",
    detect: (head) => /^\[\s*(\{\s*"|\]|$)/.test(head),
    read: readJsonArray,
    checkTime: true,
  },
  {
    id: "jsonl",
    description: "JSON Lines: one op object per line",
    detect: (head) => /^\{\s*("|\})/.test(head),
    read: readJsonLines,
    checkTime: true,
  },
  {
    id: "edn",
    description: "Jepsen's EDN: op maps one after another, or in one vector or list",
    detect: looksLikeEdn,
    read: readEdn,
    // Jepsen's processes stamp times from different clocks: times may go backwards.
    checkTime: false,
  },
  {
    id: "jepsen-log",
    description: "Jepsen's log lines: INFO jepsen.util - process<TAB>:type<TAB>:f<TAB>value",
    detect: looksLikeJepsenLog,
    read: readJepsenLog,
    checkTime: false,
  },
];
