/**
 * bench/RESULTS.md, shared by the benchmarks: each one owns a "## ..." section and replaces
 * only that one, keeping the others; and Markdown tables padded the way the formatter lays
 * them out.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
