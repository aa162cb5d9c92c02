/**
 * Reader for Jepsen's log lines, the form in which Jepsen's etcd test logged each op
 * (jepsen.util/op->str): `INFO  jepsen.util - 3<TAB>:invoke<TAB>:cas<TAB>[1 4]`, that is
 * process, type, f and value in EDN, and on a fail or info line perhaps an error after a
 * fourth tab. Every other line is skipped. The meaning of the lines, as Porcupine reads these
 * files (porcupine_test.go, parseJepsenLog) and as Jepsen wrote them, goes into the event:
 *
 * - `:info :write :timed-out`: the client gave up. The old etcd client put the error in the
 *   value slot, so a bare keyword there on a fail or info line is the op's `error`, and its
 *   value stays the invocation's. Info: the write may or may not have happened, at any time
 *   after its invocation. (Porcupine skips the line and completes the op with an unknown
 *   result after the last event, which allows the same linearizations.)
 * - `:fail :read :timed-out`: a read that returned nothing. It changes nothing, so `fail` (did
 *   not happen) loses nothing; Porcupine completes it there with an unknown result.
 * - `:fail :cas [1 4]`: etcd refused the compare, so the cas did not happen. (Porcupine also
 *   takes it as evidence that the register did not hold 1 at some point during the op; on the
 *   corpus's 60 etcd runs both readings give the same verdicts.)
 */
import { ParseError } from "../errors.js";
import { forEachLine, type ReadProgress } from "./chunks.js";
import { parseEdnField, type TextAt } from "./edn-parse.js";
import type { EventSink } from "./formats.js";

/** The logger's prefix (any), then process, type, f, value and an optional error, tab-separated. */
const OP_LINE = /\bjepsen\.util\s+(?:-\s+)?(\S+)\t([^\t]*)\t([^\t]*)\t([^\t]*)(?:\t(.*))?$/d;

export function readJepsenLog(file: string, sink: EventSink, onProgress?: ReadProgress): void {
  forEachLine(
    file,
    (text, line) => {
      if (!text.includes("jepsen.util")) return;
      const m = OP_LINE.exec(text);
      if (m) sink(parseOpLine(m, { file, line, column: 1 }), line);
    },
    onProgress,
  );
}

/**
 * Does a file's head hold a jepsen.util op line, or start as a Jepsen log does (a log level,
 * perhaps a time stamp, then a jepsen logger): a test's set-up may fill the first 4 KiB.
 */
export function looksLikeJepsenLog(head: string): boolean {
  return (
    /\bjepsen\.util\s+(?:-\s+)?\S+\t:(?:invoke|ok|fail|info)\t/.test(head) ||
    /^(?:TRACE|DEBUG|INFO|WARN|ERROR)\s+(?:\[[^\]\n]*\]\s+)?[^\n]*\bjepsen\.\w/.test(head)
  );
}

function parseOpLine(m: RegExpExecArray, lineAt: TextAt): Record<string, unknown> {
  const field = (i: number): { text: string; at: TextAt } => ({
    text: m[i] ?? "",
    at: { ...lineAt, column: (m.indices?.[i]?.[0] ?? 0) + 1 },
  });
  const process = field(1);
  const type = field(2).text.replace(/^:/, "");
  const f = field(3);
  const value = field(4);
  const event: Record<string, unknown> = {
    type,
    process: parseProcess(process.text, process.at),
    f: parseEdnField("f", f.text, f.at),
  };
  const errorInValue =
    (type === "fail" || type === "info") && m[5] === undefined && /^:\S+$/.test(value.text.trim());
  if (errorInValue) event.error = parseEdnField("error", value.text, value.at);
  else event.value = parseEdnField("value", value.text, value.at);
  if (m[5] !== undefined) event.error = parseError(field(5).text, field(5).at);
  return event;
}

/** Jepsen prints the process with str: 3, or :nemesis for a named actor. */
function parseProcess(text: string, at: TextAt): number | string {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) {
      throw new ParseError(
        at,
        `process ${text} is beyond ${Number.MAX_SAFE_INTEGER} and cannot be read exactly`,
      );
    }
    return n;
  }
  return text.replace(/^:/, "");
}

/** Jepsen prints the error with str, not pr-str: EDN data if it looks like it, else plain text. */
function parseError(text: string, at: TextAt): unknown {
  const trimmed = text.trim();
  if (!/^[:[{(#"]/.test(trimmed)) return trimmed;
  try {
    return parseEdnField("error", trimmed, at);
  } catch {
    return trimmed;
  }
}
