/** Parts of the replication benchmark: staleness against the PBS closed form, and the checkers against the simulator's ground truth. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveOptions } from "../src/checkers/options.js";
import { quorumOverlap } from "../src/checkers/quorum-overlap.js";
import { staleness } from "../src/checkers/staleness.js";
import { HistoryBuilder, type RawEvent } from "../src/history/builder.js";
import { loadHistory } from "../src/ingest/index.js";
import { packageRoot } from "../src/paths.js";
import { simulate, type TruthLabel } from "../src/sim/index.js";
import { presetInput, presets } from "../src/sim/presets/index.js";
import { pbsHistory, pbsStale } from "./pbs.js";
import { markdownTable } from "./results.js";
import { agreement } from "./sim-truth-replication.js";

const SHAPES = [
  [3, 1, 1],
  [3, 1, 2],
  [3, 2, 1],
  [5, 2, 2],
  [5, 1, 3],
] as const;
const TARGET_PP = 2;

/** The PBS comparison, as lines of Markdown. */
export function pbsRows(reads: number): string[] {
  const rows = SHAPES.map(([n, w, r]) => {
    const b = new HistoryBuilder("pbs");
    let line = 0;
    for (const e of pbsHistory({ n, w, r, reads, seed: 1 })) b.add(e as RawEvent, ++line);
    const h = b.finish();
    const s = staleness.check(h, resolveOptions([staleness], {}));
    const q = quorumOverlap.check(h, resolveOptions([quorumOverlap], {}));
    const measured = s.stats.staleReads! / s.stats.readsChecked!;
    const expected = pbsStale({ n, w, r });
    const pp = Math.abs(measured - expected) * 100;
    return [
      `${n}`,
      `${w}`,
      `${r}`,
      `${s.stats.readsChecked}`,
      expected.toFixed(4),
      measured.toFixed(4),
      pp.toFixed(2),
      pp <= TARGET_PP ? "pass" : "FAIL",
      `${q.anomalyCount}`,
    ];
  });
  return [
    `Staleness against theory (Bailis et al., VLDB 2012, bench/pbs.ts): each write reaches exactly W of N replicas, chosen uniformly, before a read of R uniformly chosen replicas begins; the fraction of stale reads staleness measures against C(N-W, R) / C(N, R) (seed 1; quorum-overlap's misses, put down to the configuration, are the same reads).`,
    "",
    ...markdownTable(
      [
        "N",
        "W",
        "R",
        "reads",
        "closed form",
        "measured",
        "difference (pp)",
        `target <= ${TARGET_PP} pp`,
        "quorum misses",
      ],
      rows,
    ),
  ];
}

interface Tally {
  labels: number;
  flagged: number;
  tp: number;
  undecided: number;
  notClean: number;
}

/** The checkers against the ground truth of every preset, over seeds 1..seeds, as lines of Markdown. */
export async function replicationTruth(seeds: number): Promise<string[]> {
  const dir = join(packageRoot(), "bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "sim-replication.jsonl");
  const rows: string[][] = [];
  const total: Tally = { labels: 0, flagged: 0, tp: 0, undecided: 0, notClean: 0 };
  for (const p of presets) {
    for (const correct of [false, true]) {
      const tallies = new Map<string, Tally>();
      for (let seed = 1; seed <= seeds; seed++) {
        const labels: TruthLabel[] = [];
        const lines: string[] = [];
        for (const ev of simulate(presetInput(p, correct, { seed }), (l) => labels.push(l)))
          lines.push(JSON.stringify(ev));
        writeFileSync(file, `${lines.join("\n")}\n`);
        const allowed = correct ? (p.correctAllows ?? []) : undefined;
        for (const a of agreement(await loadHistory(file), labels)) {
          const t = tallies.get(a.id) ?? {
            labels: 0,
            flagged: 0,
            tp: 0,
            undecided: 0,
            notClean: 0,
          };
          t.labels += a.truth.size;
          t.flagged += a.found.size;
          for (const x of a.found) if (a.truth.has(x)) t.tp++;
          t.undecided += a.undecided.length;
          const mayFind = allowed === undefined || allowed.some((k) => k.startsWith(`${a.id}/`));
          if (!mayFind && a.verdict !== "valid" && a.verdict !== "n/a") t.notClean++;
          tallies.set(a.id, t);
        }
      }
      for (const [id, t] of tallies) {
        for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
        if (t.labels + t.flagged + t.undecided + t.notClean === 0) continue;
        rows.push([
          p.name,
          correct ? "correct" : "anomaly",
          id,
          `${t.labels}`,
          `${t.flagged}`,
          ratio(t.tp, t.flagged),
          ratio(t.tp, t.labels),
          `${t.undecided}`,
        ]);
      }
    }
  }
  return [
    `Ground truth (test/sim-replication.test.ts on more seeds): every preset and its correct variant over seeds 1-${seeds}; labels are the simulator's for the checker, flagged what the checker found (compared by the op each is about, with the cause, versions behind and time where the label gives them; convergence by key; staleness with max-versions-behind 0). Rows where a checker found and was labelled nothing are left out. Over all: ${total.labels} labels, ${total.flagged} flagged, ${total.tp} of them agreeing (the same op, and the same cause, versions behind or time where the label gives them): precision ${ratio(total.tp, total.flagged)}, recall ${ratio(total.tp, total.labels)}, ${total.undecided} undecided results, ${total.notClean} correct-variant results neither valid nor n/a where the preset does not allow that checker's labels.`,
    "",
    ...markdownTable(
      ["preset", "variant", "checker", "labels", "flagged", "precision", "recall", "undecided"],
      rows,
    ),
  ];
}

/** a / b to three decimals, rounded down, so that 1.000 means exactly all. */
function ratio(a: number, b: number): string {
  return b === 0 ? "-" : (Math.floor((a / b) * 1000) / 1000).toFixed(3);
}
