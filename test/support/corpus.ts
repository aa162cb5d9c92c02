/** Finds ../shared/corpus (beside the project, as on every machine and in CI); a missing corpus throws, so tests fail instead of skipping. */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export function corpusDir(): string {
  const candidates = ["../shared/corpus", "../../shared/corpus"].map((p) =>
    path.resolve(process.cwd(), p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`no corpus at ${candidates.join(" or ")}`);
  return found;
}

/** Every file below a folder, sorted. */
export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) =>
      statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)],
    );
}
