/**
 * Graphviz DOT text from a small plain-data graph: the picture of an anomaly (DDIA figure
 * 5-14 for any history). Pure: no history, no graph core, no I/O. Labels come from untrusted
 * histories, so every string is quoted and escaped, node names are generated (n0, n1, ...)
 * rather than taken from the input, and the drawing is capped at a number of nodes and edges,
 * saying how many it left out.
 */

export interface DotNode {
  id: string;
  label: string;
  /** Nodes of one group (a session, a replica) are drawn in one cluster. */
  group?: string;
}

export interface DotEdge {
  from: string;
  to: string;
  /** The edge kind (session order, reads-from, ...): picks the style; the default label. */
  kind: string;
  label?: string;
}

export interface DotGraph {
  nodes: readonly DotNode[];
  edges: readonly DotEdge[];
}

export interface EdgeStyle {
  color: string;
  style?: "solid" | "dashed" | "dotted" | "bold";
}

export interface DotOptions {
  /** Shown under the drawing. */
  title?: string;
  /** Draw the first this many distinct nodes (default 100). */
  maxNodes?: number;
  /** Draw at most this many of the edges among them (default 400). */
  maxEdges?: number;
  /** Style per kind; a kind not listed gets the next colour of DEFAULT_COLORS. */
  styles?: Readonly<Record<string, EdgeStyle>>;
}

/** Colours given to kinds without a style, in order of first appearance. */
export const DEFAULT_COLORS: readonly string[] = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
];

/** The DOT text of the graph (a `digraph`), ending with a newline. */
export function renderDot(graph: DotGraph, options: DotOptions = {}): string {
  const maxNodes = limit(options.maxNodes, 100, "maxNodes");
  const maxEdges = limit(options.maxEdges, 400, "maxEdges");
  const distinct = distinctNodes(graph.nodes);
  const kept = distinct.slice(0, maxNodes);
  const names = new Map(kept.map((n, i) => [n.id, `n${i}`]));
  const drawable = graph.edges.filter((e) => names.has(e.from) && names.has(e.to));
  const edges = drawable.slice(0, maxEdges);
  const leftNodes = distinct.length - kept.length;
  const leftEdges = graph.edges.length - edges.length;
  const note =
    leftNodes + leftEdges > 0
      ? `${leftNodes} of ${distinct.length} nodes and ${leftEdges} of ${graph.edges.length} edges left out`
      : "";
  const title = [options.title ?? "", note].filter((s) => s !== "").join("\n");
  return [
    "digraph causeway {",
    ...(note === "" ? [] : [`  // ${note}`]),
    ...(title === "" ? [] : [`  graph [label=${quote(title)}, labelloc="b"];`]),
    '  node [shape="box", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize="10"];',
    ...nodeLines(kept, names),
    ...edgeLines(edges, names, options.styles ?? {}),
    "}",
    "",
  ].join("\n");
}

function limit(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 0) {
    throw new RangeError(`${name} ${String(value)} is not a non-negative integer`);
  }
  return v;
}

/** Each id's first occurrence, in order. */
function distinctNodes(nodes: readonly DotNode[]): DotNode[] {
  const seen = new Set<string>();
  const out: DotNode[] = [];
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    out.push(n);
  }
  return out;
}

function nodeLines(nodes: readonly DotNode[], names: ReadonlyMap<string, string>): string[] {
  const line = (n: DotNode, indent: string) =>
    `${indent}${names.get(n.id)} [label=${quote(n.label)}];`;
  const groups = new Map<string, DotNode[]>();
  for (const n of nodes) {
    if (n.group === undefined) continue;
    const members = groups.get(n.group);
    if (members) members.push(n);
    else groups.set(n.group, [n]);
  }
  const lines: string[] = [];
  [...groups].forEach(([group, members], i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${quote(group)};`);
    for (const n of members) lines.push(line(n, "    "));
    lines.push("  }");
  });
  for (const n of nodes) if (n.group === undefined) lines.push(line(n, "  "));
  return lines;
}

function edgeLines(
  edges: readonly DotEdge[],
  names: ReadonlyMap<string, string>,
  styles: Readonly<Record<string, EdgeStyle>>,
): string[] {
  const assigned = new Map<string, EdgeStyle>();
  const styleOf = (kind: string): EdgeStyle => {
    if (Object.hasOwn(styles, kind)) return styles[kind]!;
    let s = assigned.get(kind);
    if (s === undefined) {
      s = { color: DEFAULT_COLORS[assigned.size % DEFAULT_COLORS.length]! };
      assigned.set(kind, s);
    }
    return s;
  };
  return edges.map((e) => {
    const { color, style = "solid" } = styleOf(e.kind);
    const attrs = [
      `label=${quote(e.label ?? e.kind)}`,
      `color=${quote(color)}`,
      `fontcolor=${quote(color)}`,
      `style=${quote(style)}`,
    ];
    return `  ${names.get(e.from)} -> ${names.get(e.to)} [${attrs.join(", ")}];`;
  });
}

/**
 * A DOT quoted string showing `text` as it is. Inside quotes DOT itself unescapes only \" ;
 * Graphviz then reads backslash escapes in labels (\\ is a backslash, \n a line break, \N the
 * node's name, ...) and HTML entities (&amp;), so a backslash and an ampersand are escaped
 * too. Line breaks become \n (CR LF and CR as well); other control characters and lone
 * surrogates are shown as \xHH or \u{HHHH}, visibly, instead of being sent to Graphviz raw.
 */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "&") out += "&amp;";
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\\\x${hex(code, 2)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\\\u{${hex(code, 4)}}`;
    else out += ch;
  }
  return `${out}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, "0");
}
