/**
 * The linearizability benchmark: every etcd and Knossos history of ../shared/corpus, and the
 * kv histories with and without partitioning by key. Loading is not timed; each check runs
 * `runs` times after one warm-up pass and the median counts. The kv runs are also repeated
 * in a fresh child process each, so that their peak RSS is their own (Porcupine's c10-ok
 * without partitioning: 2.6 s, 560 MB). Writes the section "## Linearizability" of
 * bench/RESULTS.md, keeping the other sections.
 *
 *   node dist/bench/lin.js [--runs 5] [--no-write]
 *   node dist/bench/lin.js --child FILE MODEL PARTITION   (one run; JSON on stdout)
 */

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { planCheck } from "../src/api.js";
import { linearizable } from "../src/checkers/linearizable.js";
import type { History } from "../src/history/model.js";
import { loadHistory } from "../src/ingest/index.js";
import { packageRoot } from "../src/paths.js";
import { writeSection } from "./results.js";
import { peakRssKb } from "./rss.js";

const SECTION = "## Linearizability";
const corpus = resolve(packageRoot(), "../shared/corpus");

interface Case {
  set: string;
  file: string;
  model: string;
  expected: string;
  partition: boolean;
}

interface Row extends Case {
  ops: number;
  verdict: string;
  ms: number;
  configurations: number;
  cacheKiB: number;
  /** The same check alone in a fresh process: its time and the process's peak RSS. */
  fresh?: { ms: number; rssMb: number };
}

function cases(): Case[] {
  const tsv = readFileSync(join(corpus, "etcd/verdicts.tsv"), "utf8").trim().split("\n").slice(1);
  const etcd = tsv
    .map((l) => l.split("\t"))
    .map(([f, ok]) => c("etcd", `etcd/${f}`, "cas-register", ok === "true"));
  const dir = (d: string) => readdirSync(join(corpus, d)).sort();
  const knossos = [
    ...dir("knossos/cas-register/good").map((f) =>
      c("knossos", `knossos/cas-register/good/${f}`, "cas-register", true),
    ),
    ...dir("knossos/cas-register/bad").map((f) =>
      c("knossos", `knossos/cas-register/bad/${f}`, "cas-register", false),
    ),
    ...dir("knossos/multi-register/good").map((f) =>
      c("knossos", `knossos/multi-register/good/${f}`, "multi-register", true),
    ),
  ];
  const kv = ["c01-ok", "c01-bad", "c10-ok", "c10-bad"].flatMap((f) => [
    c("kv", `kv/${f}.txt`, "kv", f.endsWith("-ok")),
    { ...c("kv (one object)", `kv/${f}.txt`, "kv", f.endsWith("-ok")), partition: false },
  ]);
  return [...etcd, ...knossos, ...kv];
}

function c(set: string, file: string, model: string, ok: boolean): Case {
  return { set, file, model, expected: ok ? "valid" : "invalid", partition: true };
}

function timeCheck(h: History, k: Case) {
  const t0 = performance.now();
  const plan = planCheck({ checks: ["linearizable"], model: k.model, partition: k.partition });
  const r = linearizable.check(h, plan.options);
  return { ms: performance.now() - t0, r };
}

function measure(k: Case, h: History, runs: number): Row {
  const times: number[] = [];
  let last = timeCheck(h, k);
  for (let i = 0; i < runs; i++) {
    last = timeCheck(h, k);
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  const { r } = last;
  const ms = times[Math.floor(times.length / 2)]!;
  return {
    ...k,
    ops: h.size,
    verdict: r.verdict,
    ms,
    configurations: r.stats.configurations!,
    cacheKiB: r.stats.cacheKiB!,
  };
}

/** One check in a fresh process: its time and peak RSS. */
async function child(file: string, model: string, partition: string): Promise<void> {
  const h = await loadHistory(join(corpus, file));
  const k = c("kv", file, model, true);
  const { ms, r } = timeCheck(h, { ...k, partition: partition === "true" });
  const rssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify({ ms, rssMb, verdict: r.verdict })}\n`);
}

function peakRssMb(): number {
  return peakRssKb() / 1024;
}

function inChild(k: Case): { ms: number; rssMb: number } {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [self, "--child", k.file, k.model, String(k.partition)], {
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as { ms: number; rssMb: number };
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function table(rows: Row[]): string[] {
  const lines = [
    "| set | file | ops | model | expected | verdict | median ms | configurations | cache KiB | fresh process: ms, peak RSS |",
    "| --- | --- | --: | --- | --- | --- | --: | --: | --: | --- |",
  ];
  for (const r of rows) {
    const fresh = r.fresh ? `${fmt(r.fresh.ms)} ms, ${Math.round(r.fresh.rssMb)} MB` : "";
    const verdict = r.verdict === r.expected ? r.verdict : `**${r.verdict}** (wrong)`;
    lines.push(
      `| ${r.set} | ${r.file} | ${r.ops} | ${r.model} | ${r.expected} | ${verdict} | ${fmt(r.ms)} | ${r.configurations} | ${r.cacheKiB} | ${fresh} |`,
    );
  }
  return lines;
}

function summary(rows: Row[], coldEtcdMs: number): string[] {
  const of = (set: string) => rows.filter((r) => r.set === set);
  const etcd = of("etcd");
  const etcdTotal = etcd.reduce((a, r) => a + r.ms, 0);
  const hardest = etcd.reduce((a, r) => (r.ms > a.ms ? r : a));
  const knossosMax = of("knossos").reduce((a, r) => (r.ms > a.ms ? r : a));
  const c10 = rows.find((r) => r.set === "kv (one object)" && r.file.endsWith("c10-ok.txt"))!;
  const base = rows.find((r) => r.set === "kv" && r.file.endsWith("c10-ok.txt"));
  const agree = rows.filter((r) => r.verdict === r.expected).length;
  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  return [
    `- Verdicts: ${agree}/${rows.length} agree with the corpus; unknown: ${rows.filter((r) => r.verdict === "unknown").length}.`,
    `- etcd, 60 histories: ${fmt(etcdTotal)} ms warm (sum of medians), ${fmt(coldEtcdMs)} ms cold (first pass, JIT warm-up included); target < 600 ms: ${pass(coldEtcdMs < 600)}. Hardest: ${hardest.file}, ${fmt(hardest.ms)} ms; target < 300 ms: ${pass(hardest.ms < 300)}.`,
    `- Knossos: slowest ${knossosMax.file}, ${fmt(knossosMax.ms)} ms; target < 1 s each: ${pass(knossosMax.ms < 1000)}.`,
    `- kv c10-ok as one object (no partitioning): ${fmt(c10.ms)} ms median, fresh process ${fmt(c10.fresh?.ms ?? Number.NaN)} ms and ${Math.round(c10.fresh?.rssMb ?? 0)} MB peak RSS, of which the cache ${(c10.cacheKiB / 1024).toFixed(0)} MB (the partitioned check peaks at ${Math.round(base?.fresh?.rssMb ?? 0)} MB) (Porcupine: 2.6 s, 560 MB); target < 5 s: ${pass(c10.ms < 5000)}.`,
  ];
}

async function main(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf("--runs") + 1] ?? 5) || 5;
  const all = cases();
  const loaded: { k: (typeof all)[number]; h: History }[] = [];
  for (const k of all) loaded.push({ k, h: await loadHistory(join(corpus, k.file)) });
  const t0 = performance.now();
  for (const { k, h } of loaded.filter((x) => x.k.set === "etcd")) timeCheck(h, k);
  const coldEtcdMs = performance.now() - t0;
  const rows = loaded.map(({ k, h }) => measure(k, h, runs));
  for (const r of rows) {
    if (r.set.startsWith("kv")) r.fresh = inChild(r);
  }
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const text = [
    SECTION,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- Method: histories loaded first (not timed); one warm-up pass, then ${runs} runs per file, median; kv runs also once in a fresh process for peak RSS. Default budget (60 s, 1024 MiB).`,
    ...summary(rows, coldEtcdMs),
    "",
    ...table(rows),
    "",
  ].join("\n");
  process.stdout.write(`${text}\n`);
  if (!args.includes("--no-write"))
    process.stdout.write(`written to ${writeSection(SECTION, text)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--child")
    await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  else await main(process.argv.slice(2));
}
