/**
 * Porcupine, the Go linearizability checker kept in ../shared/peers, as a tool to race: where
 * its script is, whether it can run here, and one run of it. The script builds the binary on
 * first use (installing Debian's golang-go when Go is missing); later runs call the binary
 * directly, so that bash's start-up is not counted as Porcupine's.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../src/paths.js";
import { statusVerdict, type Verdict } from "./peers-run.js";

/** The folder of peers: $CAUSEWAY_PEERS, or shared/peers beside the checkout or one level up (a worktree). */
export function peersDir(): string | undefined {
  const env = process.env.CAUSEWAY_PEERS;
  const candidates = [
    ...(env ? [env] : []),
    ...["../shared/peers", "../../shared/peers"].map((p) => resolve(packageRoot(), p)),
  ];
  return candidates.find((p) => existsSync(join(p, "porcupine.sh")));
}

/** Where porcupine.sh puts the binary it builds. */
export function porcupineBinary(): string {
  return process.env.PORCUPINE_BIN ?? join(process.env.TMPDIR ?? "/tmp", "porcupine-bench");
}

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

export type Availability = { ok: true; bin: string } | { ok: false; why: string };

/**
 * Builds Porcupine when needed. With `install` false, a machine without Go answers "not
 * available" instead of letting the script install golang-go (tests must not apt-get).
 */
export function ensurePorcupine(install: boolean): Availability {
  const bin = porcupineBinary();
  if (existsSync(bin)) return { ok: true, bin };
  const dir = peersDir();
  if (dir === undefined) return { ok: false, why: "no ../shared/peers/porcupine.sh" };
  if (!install && !onPath("go")) return { ok: false, why: "Go is not installed" };
  const r = spawnSync(join(dir, "porcupine.sh"), ["-model", "kv", "-q"], { encoding: "utf8" });
  if (r.status === 0 && existsSync(bin)) return { ok: true, bin };
  const why = r.status === 3 ? "golang-go could not be installed" : `build failed: ${r.stderr}`;
  return { ok: false, why: why.trim() };
}

/** One check of `files` with Porcupine's model `kv`, `kvnp` or `etcd`. */
export function runPorcupine(
  bin: string,
  model: string,
  files: string[],
  extra: string[] = [],
): { verdict: Verdict | undefined; stdout: string; stderr: string } {
  const r = spawnSync(bin, ["-model", model, ...extra, ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  // Exit status 0 Ok, 1 Illegal, 2 Unknown.
  return { verdict: statusVerdict(r.status), stdout: r.stdout, stderr: r.stderr };
}
