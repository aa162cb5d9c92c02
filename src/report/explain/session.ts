/** Plain-language explanations of session-guarantee anomalies (read-your-writes, monotonic-reads). */
import type { AccessDetail, SessionAnomaly } from "../../checkers/session/result.js";
import type { History } from "../../history/model.js";
import { keyPhrase, showKey, showValue } from "../model.js";

function version(d: AccessDetail): string {
  if (d.version === undefined) return "";
  return typeof d.version === "number"
    ? ` (version ${d.version})`
    : ` (version ${showValue(d.version)})`;
}

function where(d: AccessDetail): string {
  return d.node === undefined ? "" : ` from ${d.node}`;
}

function at(d: AccessDetail): string {
  return `line ${d.op.line}, index ${d.op.index}`;
}

function why(a: SessionAnomaly<string>, what: string): string {
  const r = a.read;
  const q = a.required;
  switch (a.violation) {
    case "older":
      return `version ${showValue(r.version)} is older than version ${showValue(q.version)}, so the read missed ${what}.`;
    case "initial":
      return `the read returned the key's initial value, which comes before every write, so it missed ${what}.`;
    case "concurrent":
      return `version ${showValue(r.version)} neither includes nor follows version ${showValue(q.version)}: the replica had not seen ${what}.`;
    case "garbage":
      return `no operation in the history wrote ${showValue(r.value)} to ${showKey(a.key)}, so the read observed no real state, and certainly not ${what}.`;
  }
}

/** For a list key: what the earlier list or the session's append had that the read's list lacks. */
function missing(a: SessionAnomaly<string>): string {
  const read = Array.isArray(a.read.value) ? a.read.value : [];
  const had =
    a.kind === "read-your-writes"
      ? [a.required.value]
      : Array.isArray(a.required.value)
        ? a.required.value.slice(read.length)
        : [];
  return had.map((v) => showValue(v)).join(", ");
}

function whyList(a: SessionAnomaly<string>): string {
  if (a.violation === "garbage") return why(a, "");
  return a.kind === "read-your-writes"
    ? `the list does not contain ${missing(a)}, which the session had already appended.`
    : `the later list lacks ${missing(a)}, which the earlier read had seen: the list went back in time.`;
}

function began(h: History, d: AccessDetail): string {
  return `line ${h.invLine[d.op.id]}`;
}

export function explainReadYourWrites(a: SessionAnomaly<string>, h: History): string[] {
  const w = a.required;
  const r = a.read;
  const wrote = a.list ? "appended" : "wrote";
  return [
    `Session ${showValue(a.session)} did not read its own write to ${keyPhrase(a.key)}.`,
    `wrote: process ${showValue(w.process)} ${wrote} ${showValue(w.value)}${version(w)}${w.node ? ` via ${w.node}` : ""}, acknowledged at ${at(w)}.`,
    `read:  the session's read began after that (${began(h, r)}) and returned ${showValue(r.value)}${version(r)}${where(r)}, at ${at(r)}.`,
    `why:   ${a.list ? whyList(a) : why(a, "the write the session had already made")}`,
  ];
}

export function explainMonotonicReads(a: SessionAnomaly<string>, h: History): string[] {
  const e = a.required;
  const r = a.read;
  return [
    `Session ${showValue(a.session)} saw ${keyPhrase(a.key)} go back in time.`,
    `first: it read ${showValue(e.value)}${version(e)}${where(e)}, completed at ${at(e)}.`,
    `then:  a read that began after that (${began(h, r)}) returned ${showValue(r.value)}${version(r)}${where(r)}, at ${at(r)}.`,
    `why:   ${a.list ? whyList(a) : why(a, "what the session had already seen")}`,
  ];
}
