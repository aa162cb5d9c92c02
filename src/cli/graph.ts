/**
 * `causeway graph <file>`: the happens-before graph of a history as Graphviz DOT (DDIA figure
 * 5-14 for any history): one box per op, clustered by session, and its edges labelled and
 * styled by kind (session order, reads-from, version order, assumed order, real time). The
 * whole graph up to a size cap, or, with --anomaly N, the ops one anomaly cites and their
 * neighbours. Registered on the program by main.ts.
 */
import type { Command } from "commander";
import { Option } from "commander";
import { planCheck, readHistory } from "../api.js";
import { opDetail } from "../checkers/details.js";
import { actionPhrase, showName, showValue } from "../checkers/phrases.js";
import { findChecker } from "../checkers/registry.js";
import type { AnomalyBase } from "../checkers/types.js";
import { UsageError } from "../errors.js";
import { EdgeKind, edgeKindId, edgeKindNames } from "../graph/edge-kinds.js";
import { kindMask } from "../graph/graph.js";
import { buildHappensBefore, type HappensBefore } from "../graph/happens-before.js";
import { neighbourhood, subgraphEdges } from "../graph/subgraph.js";
import { assumptions } from "../history/assumed-order.js";
import type { History } from "../history/model.js";
import { formats } from "../ingest/formats.js";
import { type DotEdge, type DotGraph, type EdgeStyle, renderDot } from "../report/dot.js";
import type { Io } from "./main.js";
import { writeOutput } from "./output.js";

interface GraphFlags {
  kinds: string;
  realTime?: boolean;
  assume?: string;
  initial?: unknown;
  anomaly?: number;
  checker: string;
  maxNodes: number;
  maxEdges: number;
  input?: string;
  out?: string;
}

const styles: Record<string, EdgeStyle> = {
  "session-order": { color: "#333333", style: "solid" },
  "reads-from": { color: "#1f77b4", style: "bold" },
  "version-order": { color: "#2ca02c", style: "dashed" },
  "assumed-order": { color: "#ff7f0e", style: "dashed" },
  "real-time": { color: "#7f7f7f", style: "dotted" },
};

const defaultKinds = "session-order,reads-from,version-order,assumed-order";

export function registerGraphCommand(program: Command, io: Io, setStatus: (code: number) => void) {
  const command = program
    .command("graph")
    .description("write the happens-before graph of a history as Graphviz DOT")
    .argument("<file>", "a history file, or - for standard input");
  addGraphOptions(command)
    .addHelpText(
      "after",
      "\nExample (DDIA figure 5-14 from figure 5-13):\n  causeway graph --kinds version-order histories/ddia/fig5-13-shopping-cart.jsonl | dot -Tsvg > cart.svg",
    )
    .action(async (file: string, flags: GraphFlags) => {
      const dot = await graphDot(file, flags);
      if (flags.out) writeOutput(flags.out, dot);
      else io.stdout.write(dot);
      setStatus(0);
    });
}

function addGraphOptions(command: Command): Command {
  return command
    .option(
      "--kinds <kinds>",
      `edge kinds to draw, comma-separated (${edgeKindNames.slice(0, 5).join(", ")})`,
      defaultKinds,
    )
    .option(
      "--real-time",
      "add real-time edges between sessions (one op completed before another began)",
    )
    .addOption(
      new Option(
        "--assume <promise>",
        "order the writes of keys without versions by this promise",
      ).choices(assumptions),
    )
    .option("--initial <json>", "initial value of every key (default null)", parseJson)
    .option(
      "--anomaly <n>",
      "draw only the ops that anomaly n of --checker cites, with their neighbours",
      positive,
    )
    .option("--checker <id>", "the checker whose anomalies --anomaly counts", "causal")
    .option("--max-nodes <n>", "draw at most this many ops", positive, 100)
    .option("--max-edges <n>", "draw at most this many edges", positive, 400)
    .addOption(
      new Option("--input <format>", "read the file as this format").choices(
        formats.map((f) => f.id),
      ),
    )
    .option("-o, --out <file>", "write the DOT to a file (atomically) instead of stdout");
}

/** The DOT text of a history's happens-before graph, as the flags ask. */
async function graphDot(file: string, flags: GraphFlags): Promise<string> {
  const mask = kindsOf(flags.kinds) | (flags.realTime ? kindMask(EdgeKind.realTime) : 0);
  const plan = planCheck(flags.input ? { format: flags.input } : {});
  const { history } = await readHistory(file, plan);
  const hb = buildHappensBefore(history, {
    initial: flags.initial ?? null,
    realTime: ((mask >>> EdgeKind.realTime) & 1) === 1,
    ...(flags.assume ? { assume: flags.assume as (typeof assumptions)[number] } : {}),
  });
  const nodes =
    flags.anomaly === undefined ? drawnOps(hb, mask) : anomalyOps(history, hb, flags, mask);
  const around = flags.anomaly ? ` around ${flags.checker} anomaly ${flags.anomaly}` : "";
  return renderDot(drawing(history, hb, nodes, mask), {
    title: `${history.file}: happens-before graph${around}`,
    maxNodes: flags.maxNodes,
    maxEdges: flags.maxEdges,
    styles,
  });
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`expected a positive integer, got ${v}`);
  return n;
}

function parseJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    throw new UsageError(`--initial takes a JSON value, got ${v}`);
  }
}

function kindsOf(list: string): number {
  const ids = list
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  for (const k of ids) {
    if (edgeKindId(k) === undefined)
      throw new UsageError(`unknown edge kind "${k}"; known: ${edgeKindNames.join(", ")}`);
  }
  if (ids.length === 0) throw new UsageError("--kinds selects no edge kind");
  return kindMask(...ids.map((k) => edgeKindId(k)!));
}

/** The ops an edge of the drawn kinds touches, in op order. */
function drawnOps(hb: HappensBefore, mask: number): number[] {
  const touched = new Uint8Array(hb.graph.nodeCount);
  const { offsets, targets, kinds } = hb.graph.forward;
  for (let v = 0; v < hb.graph.nodeCount; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      if (((mask >>> kinds[e]!) & 1) === 0) continue;
      touched[v] = 1;
      touched[targets[e]!] = 1;
    }
  }
  const out: number[] = [];
  for (let v = 0; v < touched.length; v++) if (touched[v] === 1) out.push(v);
  return out;
}

/** The ops anomaly n of the checker cites, then their neighbours. */
function anomalyOps(h: History, hb: HappensBefore, flags: GraphFlags, mask: number): number[] {
  const checker = findChecker(flags.checker);
  if (checker === undefined) throw new UsageError(`unknown checker "${flags.checker}"`);
  const request = {
    checks: [checker.id],
    ...(flags.assume ? { assume: flags.assume } : {}),
    ...(flags.initial !== undefined ? { initial: flags.initial } : {}),
  };
  const result = checker.check(h, planCheck(request).options);
  const anomaly: AnomalyBase | undefined = result.anomalies[flags.anomaly! - 1];
  if (anomaly === undefined) {
    throw new UsageError(
      `${checker.id} found ${result.anomalies.length} ${result.anomalies.length === 1 ? "anomaly" : "anomalies"} in ${h.file}, so there is no anomaly ${flags.anomaly}`,
    );
  }
  const seeds = anomaly.ops.map((o) => o.id);
  return [...neighbourhood(hb.graph, seeds, { kinds: mask, maxNodes: flags.maxNodes }).nodes];
}

function drawing(h: History, hb: HappensBefore, nodes: number[], mask: number): DotGraph {
  const edges: DotEdge[] = subgraphEdges(hb.graph, nodes, mask).map((e) => ({
    from: String(e.from),
    to: String(e.to),
    kind: edgeKindNames[e.kind]!,
    label: edgeLabel(hb, e.kind, e.evidence),
  }));
  return {
    nodes: nodes.map((id) => {
      const op = opDetail(h, id);
      const version = op.version === undefined ? "" : `\nversion ${showValue(op.version)}`;
      const session = op.session ?? op.process;
      return {
        id: String(id),
        label: `${actionPhrase(op)}${version}\nline ${op.line}`,
        group: `session ${showName(session)}`,
      };
    }),
    edges,
  };
}

function edgeLabel(hb: HappensBefore, kind: number, evidence: number | undefined): string {
  const name = edgeKindNames[kind]!;
  if (evidence === undefined) return name;
  const o = hb.observations;
  const to = hb.evidenceTo[evidence]!;
  const from = hb.evidenceFrom[evidence]!;
  if (kind === EdgeKind.readsFrom) return `${name} ${showValue(o.acc.value[to] ?? null, 24)}`;
  return `${name} (${showValue(o.acc.keys[o.acc.key[from]!] ?? null, 24)})`;
}
