/**
 * Reader for Jepsen's log lines, the form in which Jepsen's etcd test logged each op
 * (jepsen.util/op->str): `INFO  jepsen.util - 3<TAB>:invoke<TAB>:cas<TAB>[1 4]`, that is
 * process, type, f and value in EDN, and on a fail or info line perhaps an error after a
 * fourth tab. Columns may also be separated by any run of whitespace (Porcupine's etcd_100
 * to etcd_102 use spaces): then f is one token, the value one EDN form, and the rest of the
 * line the error. Other lines are skipped, but a line that starts as an op line does
 * (`jepsen.util`, a process, a type) must parse, or it is an error. The meaning of the lines, as Porcupine reads these
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
import { parseEdnField } from "./edn-parse.js";
import { readEdn } from "./edn-read.js";
import type { EventSink } from "./formats.js";
import type { TextAt } from "./json-value.js";
import { limitText, MAX_STRING_CHARS } from "./limits.js";
import { forEachLine, own, type TextInput } from "./text.js";

/**
 * The start of an op line: the logger's prefix (any), `jepsen.util`, then process and type,
 * separated by any run of whitespace. A line that starts so must parse: it is never skipped.
 */
const OP_START = /\bjepsen\.util(\s+(?:-\s+)?)(\S+)\s+:(invoke|ok|fail|info)(?=\s|$)/;

/** The columns after the type when tabs separate them: f, value, and perhaps an error. */
const TAB_COLUMNS = /^\t([^\t]*)\t([^\t]*)(?:\t(.*))?$/;

/** The same with spaces: f is one token; the value one EDN form (edn-read.ts finds its end). */
const SPACED_F = /^\s+(\S+)\s+/d;

export async function readJepsenLog(input: TextInput, sink: EventSink): Promise<void> {
  const file = input.name;
  await forEachLine(input, (text, line) => {
    if (!text.includes("jepsen.util")) return;
    const m = OP_START.exec(text);
    if (m) sink(parseOpLine(text, m, { file, line, column: 1 }), line);
  });
}

/**
 * Does a file's head hold a jepsen.util op line, or start as a Jepsen log does (a log level,
 * perhaps a time stamp, then a jepsen logger): a test's set-up may fill the first 4 KiB.
 */
export function looksLikeJepsenLog(head: string): boolean {
  return (
    /\bjepsen\.util\s+(?:-\s+)?\S+\s+:(?:invoke|ok|fail|info)\s/.test(head) ||
    /^(?:TRACE|DEBUG|INFO|WARN|ERROR)\s+(?:\[[^\]\n]*\]\s+)?[^\n]*\bjepsen\.\w/.test(head)
  );
}

/** A column of the line: its text and where it starts. */
interface Column {
  text: string;
  at: TextAt;
}

function parseOpLine(text: string, m: RegExpExecArray, lineAt: TextAt): Record<string, unknown> {
  const col = (from: number, to: number): Column => ({
    text: text.slice(from, to),
    at: { ...lineAt, column: from + 1 },
  });
  // Where the process starts, from the lengths of what precedes it (match indices, the /d
  // flag, cost each line a call into V8's runtime).
  const pStart = m.index + "jepsen.util".length + m[1]!.length;
  const pEnd = pStart + m[2]!.length;
  const type = m[3]!;
  const columns = splitColumns(text, m[0].length + m.index, lineAt);
  const event: Record<string, unknown> = {
    type,
    process: parseProcess(col(pStart, pEnd)),
    f: parseEdnField("f", columns.f.text, columns.f.at),
  };
  const { value, error } = columns;
  const errorInValue =
    (type === "fail" || type === "info") && error === undefined && /^:\S+$/.test(value.text.trim());
  if (errorInValue) event.error = parseEdnField("error", value.text, value.at);
  else event.value = parseEdnField("value", value.text, value.at);
  if (error !== undefined) event.error = parseError(error);
  return event;
}

/** f, value and error after the type, separated by tabs, or else by any whitespace. */
function splitColumns(
  text: string,
  from: number,
  lineAt: TextAt,
): { f: Column; value: Column; error: Column | undefined } {
  const col = (start: number, end: number): Column => ({
    text: text.slice(start, end),
    at: { ...lineAt, column: start + 1 },
  });
  const rest = text.slice(from);
  const tabs = TAB_COLUMNS.exec(rest);
  if (tabs) {
    const [, f, value, error] = tabs as unknown as [string, string, string, string | undefined];
    const valueStart = from + 2 + f.length;
    const errorStart = valueStart + value.length + 1;
    return {
      f: col(from + 1, from + 1 + f.length),
      value: col(valueStart, valueStart + value.length),
      error: error === undefined ? undefined : col(errorStart, errorStart + error.length),
    };
  }
  const spaced = SPACED_F.exec(rest);
  if (!spaced) {
    const onlyF = /^\s+\S+\s*$/.test(rest);
    throw new ParseError(
      { ...lineAt, column: (onlyF ? text.length : from) + 1 },
      onlyF
        ? "an op line needs a value after its function"
        : "an op line needs a function and a value after its type",
    );
  }
  const [fStart, fEnd] = spaced.indices![1]!;
  const valueStart = from + spaced[0].length;
  const { end } = readEdn(text, valueStart, { field: "value" }, lineAt, 1);
  const after = text.slice(end).search(/\S/);
  return {
    f: col(from + fStart, from + fEnd),
    value: col(valueStart, end),
    error: after < 0 ? undefined : col(end + after, text.length),
  };
}

/** Jepsen prints the process with str: 3, or :nemesis for a named actor. Integers exactly. */
function parseProcess({ text, at }: Column): number | bigint | string {
  if (text.length > MAX_STRING_CHARS) throw new ParseError(at, limitText.string);
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return own(text.replace(/^:/, ""));
}

/** Jepsen prints the error with str, not pr-str: EDN data if it looks like it, else plain text. */
function parseError({ text, at }: Column): unknown {
  const trimmed = text.trim();
  if (trimmed.length > MAX_STRING_CHARS) throw new ParseError(at, limitText.string);
  if (!/^[:[{(#"]/.test(trimmed)) return own(trimmed);
  try {
    return parseEdnField("error", trimmed, at);
  } catch {
    return own(trimmed);
  }
}
