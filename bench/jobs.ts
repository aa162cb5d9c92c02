/**
 * Parallel keys (issue 10): a history of 10 equal keys, checked for linearizability by the
 * CLI as built with `--jobs 1` and `--jobs 2`, as whole processes in rotating order. The keys
 * are equal by construction: one key of a generated 50-client kv history (bench/kv-gen.ts),
 * copied under 10 names one after another, so each needs the same search. Beside them, in the
 * same rounds, the machine's own ceiling: two `--jobs 1` processes at once, each on half of
 * the keys (what two cores give two independent Node processes, V8's helper threads and all).
 * Records the medians, the speed-ups (median of each round's ratio), and that the reports of
 * `--jobs 1` and `--jobs 2` are the same, in the section "## Parallel keys" of
 * bench/RESULTS.md.
 *
 *   node dist/bench/jobs.js [--runs 3] [--no-write]
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../src/paths.js";
import { generateKv, splitByKey } from "./kv-gen.js";
import { type Command, median, type Run, runOnce } from "./peers-run.js";
import { machine, writeSection } from "./results.js";

const SECTION = "## Parallel keys";
const here = fileURLToPath(new URL(".", import.meta.url));

/** One generated key's ops, renamed to each of `copies` keys in turn. */
export function equalKeys(copies: number): { lines: string[]; ops: number } {
  const h = generateKv({ clients: 50, keys: 10, opsPerClient: 40, seed: 3 });
  const key = splitByKey(h.lines).get("2")!;
  const lines = Array.from({ length: copies }, (_, k) =>
    key.map((l) => l.replace(', :key "2", ', `, :key "${k}", `)),
  ).flat();
  return { lines, ops: key.length / 2 };
}

/** A fixed amount of CPU-bound work (random access to 16 MiB), as a script for `node -e`. */
const spin =
  "const a = new Int32Array(1 << 22); for (let r = 0; r < 30; r++) for (let i = 0; i < a.length; i++) a[(i * 2654435761) & (a.length - 1)] += i ^ r;";

/**
 * The cores this process can have now: the time of one spin alone over the time of two at
 * once, times 2 (2.0 when two cores are free, 1.0 when other work leaves one).
 */
async function freeCores(): Promise<number> {
  const t0 = performance.now();
  spawnSync(process.execPath, ["-e", spin]);
  const alone = performance.now() - t0;
  const t1 = performance.now();
  const run = () => new Promise((done) => spawn(process.execPath, ["-e", spin]).on("exit", done));
  await Promise.all([run(), run()]);
  return (2 * alone) / (performance.now() - t1);
}

/** Wall time of `cmds` started at once, until the last ends. */
async function together(cmds: Command[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    cmds.map(
      (c) =>
        new Promise((done, fail) =>
          spawn(c.argv[0]!, c.argv.slice(1), { stdio: "ignore" }).on("exit", (status) =>
            status !== null && status <= 2 ? done(status) : fail(new Error(`status ${status}`)),
          ),
        ),
    ),
  );
  return performance.now() - t0;
}

async function main(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
  const dir = join(packageRoot(), "bench/out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "kv-10-equal-keys.txt");
  const { lines, ops } = equalKeys(10);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const cli = join(packageRoot(), "bin/causeway.js");
  const cmd = (jobs: number, input: string): Command => ({
    argv: [process.execPath, cli, "check", "--checks", "linearizable", "--format", "json"].concat([
      "--jobs",
      String(jobs),
      input,
    ]),
    node: true,
  });
  const halves = [0, 1].map((h) => {
    const half = join(dir, `kv-10-equal-keys-half-${h}.txt`);
    const per = lines.length / 10;
    writeFileSync(half, `${lines.slice(h * 5 * per, (h + 1) * 5 * per).join("\n")}\n`);
    return cmd(1, half);
  });
  const load = os.loadavg()[0]!;
  const before = await freeCores();
  const rss = join(here, "rss-exit.js");
  const times = { one: [] as Run[], two: [] as Run[], pair: [] as number[] };
  const steps: (() => Promise<void>)[] = [
    async () => {
      times.one.push(runOnce(cmd(1, file), rss));
    },
    async () => {
      times.two.push(runOnce(cmd(2, file), rss));
    },
    async () => {
      times.pair.push(await together(halves));
    },
  ];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < steps.length; k++) await steps[(r + k) % steps.length]!();
  }
  const after = await freeCores();
  const sideOf = (rs: Run[]) => ({
    runs: rs,
    last: rs.at(-1)!,
    medianMs: median(rs.map((x) => x.ms)),
  });
  const one = sideOf(times.one);
  const two = sideOf(times.two);
  const speedUp = median(one.runs.map((x, i) => x.ms / two.runs[i]!.ms));
  const ceiling = median(one.runs.map((x, i) => x.ms / times.pair[i]!));
  const strip = (out: string) =>
    JSON.stringify(
      (JSON.parse(out) as { files: { results: unknown[] }[] }).files.map((f) =>
        JSON.stringify(f.results).replace(/"ms":[\d.]+/g, ""),
      ),
    );
  const same = strip(one.last.stdout) === strip(two.last.stdout);
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  const text = [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine()}; 1-minute load average ${load.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end (the machine is shared)`,
    `- History: 10 equal keys of ${ops} ops each (bench/jobs.ts: key 2 of kv-gen's 50-client history, seed 3, copied under 10 names), linearizable.`,
    `- Method: \`node bin/causeway.js check --checks linearizable --jobs N\`, whole processes, ${runs} rounds in rotating order; medians; each speed-up is the median of each round's ratio to \`--jobs 1\`. Ceiling: two \`--jobs 1\` processes started at once, each on 5 of the keys, timed until both end.`,
    `- Cores free for this run (a random-access spin, two at once against one alone; 2.0 when both cores are free): ${before.toFixed(2)} before, ${after.toFixed(2)} after.`,
    "",
    `| --jobs 1 | --jobs 2 | speed-up | target >= 1.6x | ceiling: 2 processes, 5 keys each | its speed-up | reports the same |`,
    `| -------- | -------- | -------- | -------------- | --------------------------------- | ------------ | ---------------- |`,
    `| ${s(one.medianMs)} | ${s(two.medianMs)} | ${speedUp.toFixed(2)}x | ${speedUp >= 1.6 ? "pass" : "FAIL"} | ${s(median(times.pair))} | ${ceiling.toFixed(2)}x | ${same ? "yes" : "NO"} |`,
    "",
    `Times of every run (s): --jobs 1 ${one.runs.map((r) => (r.ms / 1000).toFixed(2)).join(", ")}; --jobs 2 ${two.runs.map((r) => (r.ms / 1000).toFixed(2)).join(", ")}; two processes ${times.pair.map((ms) => (ms / 1000).toFixed(2)).join(", ")}.`,
    "",
  ].join("\n");
  process.stdout.write(`${text}\n`);
  if (!args.includes("--no-write")) process.stdout.write(`wrote ${writeSection(SECTION, text)}\n`);
  if (!same) process.exitCode = 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
