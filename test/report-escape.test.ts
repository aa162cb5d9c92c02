/** Strings from a history are untrusted: the text report escapes whatever a terminal would act on, and cuts what is very long. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpFile } from "./support/tmp.js";

const hostile = [
  "\u001b[2J\u001b]0;pwned\u0007",
  "x\nall checks passed",
  "\u009b31m",
  "\u202egnp.exe",
  "k".repeat(10_000),
];

function history(key: string): string {
  const ev = (o: object) => JSON.stringify(o);
  return [
    ev({ type: "invoke", process: 0, session: key, f: "write", key, value: key }),
    ev({
      type: "ok",
      process: 0,
      session: key,
      f: "write",
      key,
      value: key,
      version: 2,
      node: key,
    }),
    ev({ type: "invoke", process: 0, session: key, f: "read", key }),
    ev({
      type: "ok",
      process: 0,
      session: key,
      f: "read",
      key,
      value: null,
      version: 1,
      node: key,
    }),
  ].join("\n");
}

/** A character a terminal acts on: C0 and C1 controls (but newline), line separators, bidirectional controls. */
function unsafe(text: string): boolean {
  return [...text].some((ch) => {
    const c = ch.codePointAt(0)!;
    return (
      (c < 32 && c !== 10) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    );
  });
}

describe("the text report and hostile strings", () => {
  it.each(hostile.map((k) => [JSON.stringify(k).slice(0, 30), k]))("%s", async (_name, key) => {
    const file = tmpFile("hostile.jsonl", history(key));
    const run = await runCli("check", file);
    expect(run.code).toBe(1);
    expect(unsafe(run.stdout)).toBe(false);
    const lines = run.stdout.split("\n");
    expect(lines.filter((l) => l.startsWith("all checks passed"))).toEqual([]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1000);
  });
});

/** Figure 5-11's miss, with the hostile string as the node that took the write: in acks, a replica process, and a final state. */
function replicationHistory(node: string): string {
  const events: object[] = [
    { type: "ok", process: "cluster", f: "config", n: 3, w: 1, r: 1 },
    { type: "invoke", process: 0, f: "write", key: "x", value: 2 },
    { type: "ok", process: `replica:${node}`, f: "apply", key: "x", value: 2, version: 2 },
    { type: "ok", process: 0, f: "write", key: "x", value: 2, version: 2, node, acks: [node] },
    { type: "invoke", process: 1, f: "read", key: "x" },
    {
      type: "ok",
      process: 1,
      f: "read",
      key: "x",
      value: 1,
      version: 1,
      node: "n3",
      replies: [{ node: "n3", value: 1, version: 1 }],
    },
    { type: "ok", process: "replica:n3", f: "apply", key: "x", value: 1, version: 1 },
  ];
  return events.map((e) => JSON.stringify(e)).join("\n");
}

describe("the replication checks' reports and hostile node names", () => {
  it.each(hostile.map((k) => [JSON.stringify(k).slice(0, 30), k]))("%s", async (_name, node) => {
    const file = tmpFile("hostile-replication.jsonl", replicationHistory(`${node}<img src=x>`));
    const checks = ["--checks", "quorum-overlap,convergence,durability,staleness"];
    const text = await runCli("check", ...checks, file);
    expect(text.code).toBe(1);
    expect(unsafe(text.stdout)).toBe(false);
    const lines = text.stdout.split("\n");
    expect(lines.filter((l) => l.startsWith("all checks passed"))).toEqual([]);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(1000);
    const html = await runCli("check", ...checks, "--format", "html", file);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toContain("img src=x");
    expect(html.stdout).not.toContain("<img src=x>");
  });
});
