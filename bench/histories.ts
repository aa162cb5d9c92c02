/**
 * The benchmarks' histories, all from the simulator (src/sim), cached under bench/out by
 * shape, size, seed and simulator version, and written whole or not at all.
 */
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../src/paths.js";
import { SIMULATOR_VERSION, type SimInput, writeSimulation } from "../src/sim/index.js";

/**
 * Single-leader replication in the shape of the first benchmarks (64 sessions, 1000
 * hot-skewed keys, a leader and 3 followers), reads routed to replicas that have the session's
 * last seen position, so the session guarantees hold; no replica events, so an op is an
 * invoke/ok pair of lines.
 */
export const sessionShape: SimInput = {
  sessions: 64,
  keys: 1000,
  hotKeys: true,
  writeRate: 0.3,
  routing: "read-your-writes",
  replicaEvents: false,
  replication: { mode: "single-leader", nodes: 4 },
};

/** A leaderless store, n = 3, w = 2, r = 2, with the same clients: replies on every read, replica events. */
export const leaderlessShape: SimInput = {
  sessions: 64,
  keys: 1000,
  hotKeys: true,
  routing: "any",
  replication: { mode: "leaderless", nodes: 3, n: 3, w: 2, r: 2 },
};

/** The same store with reads sent to any replica: stale reads, so every checker finds anomalies. */
export const staleShape: SimInput = { ...sessionShape, routing: "any" };

export async function simulatedHistory(
  name: string,
  ops: number,
  shape: SimInput,
  seed = 1,
): Promise<string> {
  const dir = join(packageRoot(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${ops}-seed${seed}-sim${SIMULATOR_VERSION}.jsonl`);
  if (existsSync(file)) return file;
  const t0 = performance.now();
  process.stdout.write(`simulating ${file} ...`);
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const { events, bytes } = await writeSimulation({ ...shape, ops, seed }, out);
  out.end();
  await once(out, "close");
  renameSync(tmp, file);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(` ${events} lines, ${(bytes / 1e6).toFixed(1)} MB in ${s} s\n`);
  return file;
}
