/** Locates files shipped with the package (schemas), from src/ under vitest or dist/src/ when built. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "schemas"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("causeway: cannot find the package root (schemas/)");
    dir = up;
  }
  root = dir;
  return dir;
}

export function schemaPath(name: string): string {
  return join(packageRoot(), "schemas", name);
}
