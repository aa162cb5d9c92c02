/**
 * A one-line notation for hand-written histories. Ops are separated by ";" and run one after
 * another (each completes before the next begins), unless written as "(op | op)", whose
 * ops overlap (all invoked, then all completed):
 *
 *   "a w x 1 @leader #17; a r x 1 @f1 #17; b r x null #0; (a w y 2 | b/2 r y 2)"
 *
 * Each op: session, f (w, r, cas, or any name), key, value (JSON), then optional @node, #version
 * (a number or JSON vector), !fail or ?info. Each session runs on a client process of its
 * own, numbered in order of appearance from 0; "session/n" runs it on process 100 + n instead
 * (two processes of one session may overlap).
 */
import { HistoryBuilder, type RawEvent } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

const fNames: Record<string, string> = { w: "write", r: "read" };

export function parseOp(
  text: string,
  processes: Map<string, number> = new Map(),
): { invoke: RawEvent; complete: RawEvent | undefined } {
  const [who, f, key, value, ...rest] = text.trim().split(/\s+/);
  if (!who || !f || key === undefined) throw new Error(`bad op: ${text}`);
  const [session, n] = who.split("/");
  if (!processes.has(session!)) processes.set(session!, processes.size);
  const process = n === undefined ? processes.get(session!)! : 100 + Number(n);
  const ev: RawEvent = { type: "invoke", process, session: session!, f: fNames[f] ?? f, key };
  let done: RawEvent["type"] | undefined = "ok";
  const complete: RawEvent = { ...ev, type: "ok" };
  if (value !== undefined) {
    const v = JSON.parse(value);
    complete.value = v;
    ev.value = ev.f === "read" ? null : v;
  }
  for (const r of rest) {
    if (r.startsWith("@")) complete.node = r.slice(1);
    else if (r.startsWith("#")) complete.version = JSON.parse(r.slice(1));
    else if (r === "!fail") done = "fail";
    else if (r === "?info") done = undefined;
  }
  if (done === undefined) return { invoke: ev, complete: undefined };
  complete.type = done;
  return { invoke: ev, complete };
}

/** Builds a History; each op's invocation and completion get their own line numbers (1, 2, ...). */
export function hist(text: string): History {
  const b = new HistoryBuilder("notation");
  let line = 0;
  const add = (e: RawEvent) => b.add(e, ++line);
  const groups = text.match(/\([^)]*\)|[^;()]+/g) ?? [];
  const processes = new Map<string, number>();
  for (const g of groups) {
    if (g.trim() === "") continue;
    if (g.startsWith("(")) {
      const ops = splitGroup(g.slice(1, -1)).map((o) => parseOp(o, processes));
      for (const o of ops) add(o.invoke);
      for (const o of ops) if (o.complete) add(o.complete);
    } else {
      const o = parseOp(g, processes);
      add(o.invoke);
      if (o.complete) add(o.complete);
    }
  }
  return b.finish();
}

/** "a w y 2 | b r y 2" -> ["a w y 2", "b r y 2"] */
function splitGroup(s: string): string[] {
  return s
    .split("|")
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}
