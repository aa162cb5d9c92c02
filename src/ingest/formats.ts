/**
 * The formats Causeway reads, each recognised from the head of its text. A reader turns its
 * text into plain event objects in the history schema's vocabulary and hands each one, with
 * its line number, to a sink; validation and pairing are the same for all.
 */
import { looksLikeEdn, readEdn } from "./edn.js";
import { looksLikeJepsenLog, readJepsenLog } from "./jepsen-log.js";
import { readJsonArray, readJsonLines } from "./json.js";
import type { TextInput } from "./text.js";

export type EventSink = (event: unknown, line: number) => void;

export interface Format {
  /** The name that forces this format (--input), and that messages use. */
  readonly id: string;
  readonly description: string;
  /** Does this text (its first 4 KiB, leading whitespace removed) look like this format? */
  detect(head: string): boolean;
  read(input: TextInput, sink: EventSink): Promise<void>;
}

export const formats: Format[] = [
  {
    id: "json",
    description: "one JSON array of op objects (Jepsen histories as elle-cli reads them)",
    detect: (head) => /^\[\s*(\{\s*"|\]|$)/.test(head),
    read: readJsonArray,
  },
  {
    id: "jsonl",
    description: "JSON Lines: one op object per line",
    detect: (head) => /^\{\s*("|\})/.test(head),
    read: readJsonLines,
  },
  {
    id: "edn",
    description: "Jepsen's EDN: op maps one after another, or in one vector or list",
    detect: looksLikeEdn,
    read: readEdn,
  },
  {
    id: "jepsen-log",
    description: "Jepsen's log lines: INFO jepsen.util - process :type :f value",
    detect: looksLikeJepsenLog,
    read: readJepsenLog,
  },
];
