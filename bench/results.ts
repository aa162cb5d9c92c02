/**
 * bench/RESULTS.md, shared by the benchmarks: each one owns a "## ..." section and replaces
 * only that one, keeping the others; and Markdown tables padded the way the formatter lays
 * them out.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";

/** Replaces (or appends) the section that starts with `heading`; returns the file's path. */
export function writeSection(heading: string, text: string): string {
  const file = join(packageRoot(), "bench", "RESULTS.md");
  const old = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const start = old.indexOf(`\n${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${old.replace(/\n*$/, "")}\n\n${text}`;
  } else {
    const after = old.indexOf("\n## ", start + 1);
    const tail = after < 0 ? "" : `\n${old.slice(after + 1)}`;
    next = `${old.slice(0, start + 1)}${text}${tail}`;
  }
  writeFileSync(file, next);
  return file;
}

/** A table padded the way the formatter (biome) lays Markdown tables out. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

export function machine(): string {
  const cpus = os.cpus();
  const mem = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${mem} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs `script` again in a fresh Node process (`--child` and `args`, a 4 GiB heap), so that a
 * measurement starts from nothing, and returns what it printed last, as JSON.
 */
export function inChild<T>(script: string, args: readonly string[]): T {
  const r = spawnSync(process.execPath, ["--max-old-space-size=4096", script, "--child", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    throw new Error(
      `${args.join(" ")}: child run failed (status ${r.status}, signal ${r.signal}):\n${r.stderr}`,
    );
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as T;
}

/** A bench's `--runs N` (default 3, a positive integer) and `--no-write` (print only). */
export function runsArgs(argv: string[]): { runs: number; write: boolean } {
  let runs = 3;
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--no-write") write = false;
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs: a positive integer");
  return { runs, write };
}
