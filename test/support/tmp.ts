/** Writes test input files into a fresh temporary folder. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "causeway-test-"));
let n = 0;

export function tmpFile(name: string, text: string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, text);
  return path;
}

export function tmpPath(name: string): string {
  return join(dir, `${n++}-${name}`);
}
