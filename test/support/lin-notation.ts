/**
 * A one-line, event-level notation for linearizability tests: events separated by ";", in
 * real-time order. An invocation is "P F[@key] [value]"; a completion is "P ok [value]",
 * "P fail" or "P info" (an invocation with no completion stays open). Values are JSON, or
 * nil; a completion without a value repeats the invocation's. w and r stand for write and
 * read.
 *
 *   lin("1 w 1; 2 r; 1 ok; 2 ok 1; 3 cas@x [1,2]; 3 fail")
 */
import { HistoryBuilder, type RawEvent } from "../../src/history/builder.js";
import type { History } from "../../src/history/model.js";

const fNames: Record<string, string> = { w: "write", r: "read" };

function parseValue(text: string): unknown {
  if (text === "" || text === "nil") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function lin(text: string): History {
  const b = new HistoryBuilder("notation");
  const open = new Map<number, RawEvent>();
  let line = 0;
  for (const raw of text.split(";")) {
    const ev = raw.trim();
    if (ev === "") continue;
    const m = /^(\d+)\s+(\S+)\s*(.*)$/.exec(ev);
    if (!m) throw new Error(`bad event: ${ev}`);
    const process = Number(m[1]);
    const word = m[2]!;
    const rest = m[3]!;
    if (word === "ok" || word === "fail" || word === "info") {
      const inv = open.get(process);
      if (!inv) throw new Error(`completion without invocation: ${ev}`);
      open.delete(process);
      const value = rest === "" ? inv.value : parseValue(rest);
      b.add({ ...inv, type: word, value }, ++line);
      continue;
    }
    const [f, key] = word.split("@");
    const inv: RawEvent = { type: "invoke", process, f: fNames[f!] ?? f!, value: parseValue(rest) };
    if (key !== undefined) inv.key = key;
    open.set(process, inv);
    b.add(inv, ++line);
  }
  return b.finish();
}
