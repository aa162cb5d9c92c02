/**
 * The picture of an anomaly's proof, as a small graph in DOT: its labelled ops as nodes
 * (clustered by session, or process), its steps that relate two ops as edges labelled by the
 * relation. Steps that are plain facts stay in the text beside the picture.
 */
import type { AnomalyBase, Explanation, Relation } from "../../checkers/types.js";
import { type DotGraph, type EdgeStyle, renderDot } from "../dot.js";

const relationNames: Record<Relation, string> = {
  "session-order": "session order",
  "real-time": "real time",
  "reads-from": "reads from",
  "version-order": "version order",
  "assumed-order": "version order (assumed)",
  conflict: "must take effect before",
  "view-order": "comes before, in the session's view",
  "happens-before": "happens before",
  "observed-before": "observed a state before",
  overlaps: "overlaps",
  applied: "applied by",
  "held-before": "held a state without",
  concurrent: "concurrent with",
  replaced: "replaced",
};

const relationStyles: Record<string, EdgeStyle> = {
  "session-order": { color: "#1f77b4" },
  "real-time": { color: "#555555", style: "dashed" },
  "reads-from": { color: "#2ca02c" },
  "version-order": { color: "#9467bd" },
  "assumed-order": { color: "#ff7f0e", style: "dashed" },
  conflict: { color: "#8c564b", style: "bold" },
  "view-order": { color: "#e377c2", style: "dashed" },
  "happens-before": { color: "#333333" },
  "observed-before": { color: "#d62728", style: "bold" },
  overlaps: { color: "#ff7f0e", style: "dotted" },
  applied: { color: "#17becf" },
  "held-before": { color: "#d62728", style: "dashed" },
  concurrent: { color: "#bcbd22", style: "dotted" },
  replaced: { color: "#7f7f7f", style: "bold" },
};

/** The proof as a graph: null when no step relates two of its ops (nothing to draw). */
export function proofGraph(e: Explanation, a: AnomalyBase): DotGraph | null {
  const labels = new Set(e.ops.map((o) => o.label));
  const edges = e.steps
    .filter((s) => s.relation !== undefined && s.from !== undefined && s.to !== undefined)
    .filter((s) => labels.has(s.from!) && labels.has(s.to!))
    .map((s) => ({
      from: s.from!,
      to: s.to!,
      kind: s.relation!,
      label: relationNames[s.relation!],
    }));
  if (edges.length === 0) return null;
  const nodes = e.ops.map((o) => {
    const op = a.ops.find((x) => x.id === o.op);
    const group = op === undefined ? undefined : groupOf(op.session, op.process);
    return { id: o.label, label: `${o.label}\n${wrap(o.text, 44)}`, ...(group ? { group } : {}) };
  });
  return { nodes, edges };
}

/** The DOT text of the proof, capped (the pictures of proofs are small; a cap keeps them so). */
export function proofDot(e: Explanation, a: AnomalyBase): string | null {
  const graph = proofGraph(e, a);
  if (graph === null) return null;
  return renderDot(graph, { maxNodes: 30, maxEdges: 60, styles: relationStyles });
}

function groupOf(session: unknown, process: unknown): string {
  return session === undefined ? `process ${String(process)}` : `session ${String(session)}`;
}

/** Breaks text into lines of at most about `width` characters, at spaces. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}
