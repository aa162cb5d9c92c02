/** The "## Porcupine race" section of bench/RESULTS.md, from the race's outcomes. */
import os from "node:os";
import { hasGnuTime, type Side, type Verdict } from "./peers-run.js";
import type { Plan, Work } from "./peers-work.js";
import { PORCUPINE_TIMEOUT } from "./peers-work.js";
import { markdownTable } from "./results.js";
import type { Variant } from "./startup.js";

export interface Outcome {
  work: Work;
  causeway: Side;
  porcupine: Side | undefined;
  floor: Side | undefined;
  ratio: number | undefined;
  causewayVerdict: Verdict | undefined;
  porcupineVerdict: Verdict | undefined;
  disagreements: string[];
  /** Files whose verdict changed between runs of one tool, with the verdicts in run order. */
  unstable: string[];
  wrong: string[];
  undecided: { causeway: number; porcupine: number };
}

export interface Race {
  outcomes: Outcome[];
  porcupine: string;
  load: [number, number];
  plan: Plan & { startupRuns: number };
  phases: Record<string, number>;
  modules: number;
  alternatives: Variant[];
}

const ms = (x: number | undefined) =>
  x === undefined
    ? "-"
    : x >= 1000
      ? `${(x / 1000).toFixed(2)} s`
      : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mb = (x: number | undefined) => (x === undefined ? "-" : `${Math.round(x)} MB`);
const ratio = (x: number | undefined) => (x === undefined ? "-" : `${x.toFixed(2)}x`);

function verdicts(o: Outcome): string {
  if (o.work.expected.size > 1) {
    const n = o.work.expected.size;
    const agree = n - o.disagreements.length;
    const p = o.porcupine ? `, Porcupine ${n - o.undecided.porcupine}` : "";
    return `${agree}/${n} agree (decided: Causeway ${n - o.undecided.causeway}${p})`;
  }
  const [expected] = o.work.expected.values();
  const v = `${o.causewayVerdict ?? "?"} / ${o.porcupine ? (o.porcupineVerdict ?? "?") : "-"}`;
  const varied =
    o.unstable.length > 0
      ? ` **(varied: ${o.unstable.map((u) => u.replace(/^.*: /, "")).join("; ")})**`
      : "";
  return `${v}${o.wrong.length > 0 || o.disagreements.length > 0 ? ` **(expected ${expected})**` : ""}${varied}`;
}

function row(o: Outcome): string[] {
  const c = o.causeway;
  const p = o.porcupine;
  return [
    o.work.name,
    ms(c.medianMs),
    ms(p?.medianMs),
    ratio(o.ratio),
    mb(c.peakRssMb),
    mb(p?.peakRssMb),
    verdicts(o),
  ];
}

/** One line per generated history for its key-by-key runs: sums of the per-key medians. */
function keyByKeySummary(group: Outcome[]): string[] {
  const name = group[0]!.work.name.replace(/ key .*$/, "");
  const raced = group[0]!.porcupine !== undefined;
  const sum = (f: (o: Outcome) => number | undefined) =>
    group.every((o) => f(o) !== undefined) ? group.reduce((a, o) => a + f(o)!, 0) : undefined;
  const c = sum((o) => o.causeway.medianMs);
  const p = sum((o) => o.porcupine?.medianMs);
  const peak = (f: (o: Outcome) => number | undefined) => Math.max(...group.map((o) => f(o) ?? 0));
  const count = (f: (o: Outcome) => Verdict | undefined) => {
    const n = (v: Verdict) => group.filter((o) => f(o) === v).length;
    return `${n("valid")}+${n("invalid")}+${n("unknown")}`;
  };
  const v = `${count((o) => o.causewayVerdict)} / ${raced ? count((o) => o.porcupineVerdict) : "-"}`;
  return [
    `${name}, key by key: ${group.length} processes, sum`,
    ms(c),
    ms(p),
    ratio(c !== undefined && p !== undefined ? c / p : undefined),
    mb(peak((o) => o.causeway.peakRssMb)),
    mb(raced ? peak((o) => o.porcupine?.peakRssMb) : undefined),
    `${v} (valid+invalid+unknown)`,
  ];
}

const header = [
  "work",
  "Causeway",
  "Porcupine",
  "Causeway / Porcupine",
  "peak RSS Causeway",
  "peak RSS Porcupine",
  "verdicts (Causeway / Porcupine)",
];

function startup(r: Race): string[] {
  const p = r.phases;
  const f = (k: string) => ms(p[k]);
  const sum = (ks: string[]) => ks.reduce((a, k) => a + (p[k] ?? 0), 0);
  const total = sum(
    Object.keys(p).filter((k) => k !== "check again" && k !== "standalone validator"),
  );
  const imports = Object.keys(p).filter((k) => k.startsWith("import "));
  const ajvImports = imports.filter((k) => k.startsWith("import ajv"));
  const ajv = sum([...ajvImports, "ajv compile"]);
  const listed = r.alternatives.map(
    (v) =>
      `${v.name} ${v.ms === undefined ? `not measured (${v.note})` : `${ms(v.ms)}${v.note ? ` (${v.note})` : ""}`}`,
  );
  const alt = (name: string) => r.alternatives.find((v) => v.name === name)?.ms;
  const base = alt("node -e 0");
  const over = (name: string) => {
    const v = alt(name);
    return v !== undefined && base !== undefined ? ms(v - base) : "-";
  };
  return [
    "### Where start-up goes",
    "",
    `A fresh \`causeway check --checks linearizable\` of the trivial 2-op file (bench/startup-child.ts: clocks around each step in one process, medians of ${r.plan.startupRuns} processes alternating with the whole processes below, where the CLI as built took ${ms(alt("causeway as built"))} and \`node -e 0\` ${ms(base)}): Node's bootstrap until the first line of a script ${f("node bootstrap")}; importing ${imports.map((k) => `${k.slice(7)} ${f(k)}`).join(", ")}, each on its own, then Causeway's own ${r.modules} modules ${f("causeway's modules")}; compiling the event schema with ajv on the first event ${f("ajv compile")}; the check itself (read, validate, build, search, render) ${f("check")}, ${f("check again")} for a second check in the same process; ${ms(total)} in all, the rest of the whole process being spawn and exit. So ajv (loading plus compiling) takes ${ms(ajv)}, the other packages ${ms(sum(imports) - sum(ajvImports))} and Causeway's modules ${f("causeway's modules")}. A validator generated at build time by ajv's standalone code loads and runs in ${f("standalone validator")} instead of ajv's ${ms(ajv)}.`,
    "",
    `Whole processes, measured the same way (bench/startup.ts builds each variant in a scratch copy; src/ unchanged), medians of ${r.plan.startupRuns} alternating runs: ${listed.join("; ")}. Over \`node -e 0\`: as built ${over("causeway as built")}, standalone ${over("ajv standalone validator")}, bundle ${over("esbuild bundle (minified)")}, both ${over("standalone + bundle")} (issue 10's target: within 40 ms).`,
    "",
  ];
}

export function renderSection(heading: string, r: Race): string {
  const cpus = os.cpus();
  const all = r.outcomes;
  const keyed = all.filter((o) => o.work.group === "generated, key by key");
  const groups = new Map<string, Outcome[]>();
  for (const o of keyed) {
    const name = o.work.name.replace(/ key .*$/, "");
    groups.set(name, [...(groups.get(name) ?? []), o]);
  }
  const main = all.filter((o) => o.work.group !== "generated, key by key");
  const disagreements = all.flatMap((o) => o.disagreements);
  const wrong = all.flatMap((o) => o.wrong);
  const varied = all.flatMap((o) =>
    o.unstable.map((u) => `${o.work.name}: ${u.replace(/^.*: /, "")}`),
  );
  const trivial = all.find((o) => o.work.group === "start-up");
  const raced = all.some((o) => o.porcupine !== undefined);
  return [
    heading,
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; 1-minute load average ${r.load[0].toFixed(2)} at the start, ${r.load[1].toFixed(2)} at the end (the machine is shared: times are noisy, ratios less so)`,
    raced
      ? `- Porcupine (../shared/peers, porcupine-bench harness) ${r.porcupine}; its binary is run directly (porcupine.sh builds it), with \`-timeout ${PORCUPINE_TIMEOUT}\` to match Causeway's default time limit; models etcd, kv (by key) and kvnp (one object).`
      : `- **Porcupine ${r.porcupine}**: Causeway alone, its verdicts checked against the expected ones only.`,
    "- Causeway: `node bin/causeway.js check --checks linearizable FILES`, default budget (60 s, 1024 MiB), `--no-partition` for one object.",
    `- Method: whole processes; the two tools alternate (ABBA), rounds: ${r.plan.runs} (generated histories: ${r.plan.genRuns}); time is the parent's clock from spawn to exit, median; the ratio is the median of each round's Causeway / Porcupine; peak RSS is ${hasGnuTime ? "GNU time's maximum resident set size" : "Causeway's VmHWM from an exit hook (no /usr/bin/time: none for Porcupine)"}, the largest of the runs. Generated histories: bench/kv-gen.ts, ${r.plan.seeds.length > 0 ? `seeds ${r.plan.seeds.join(", ")}` : "none"}, 50 clients, 10 keys, 40 ops each; -bad breaks 2 keys with a stale get.`,
    `- Verdicts: ${!raced ? "Porcupine not run" : disagreements.length === 0 ? "no disagreement between the tools" : `**${disagreements.length} DISAGREEMENTS**: ${disagreements.join("; ")}`}; ${wrong.length === 0 ? "every decided verdict as expected" : `**not as expected**: ${wrong.join("; ")}`}; ${varied.length === 0 ? "every run of a file gave the same verdict" : `**verdicts varied from run to run**: ${varied.join("; ")}`}.`,
    "",
    ...markdownTable(header, [
      ...main.map(row),
      ...[...groups.values()].map(keyByKeySummary),
      [
        "`node -e 0` (floor, alternating with the trivial file)",
        ms(trivial?.floor?.medianMs),
        "",
        "",
        mb(trivial?.floor?.peakRssMb),
        "",
        "",
      ],
    ]),
    "",
    "Key by key (each key's ops in a file of their own, one process per key and tool):",
    "",
    ...markdownTable(header, keyed.map(row)),
    "",
    ...startup(r),
  ].join("\n");
}
