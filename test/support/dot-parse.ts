/**
 * A strict parser for the DOT that src/report/dot.ts writes, following the grammar in
 * Graphviz's documentation (graph, node, edge and attribute statements, subgraphs, quoted
 * strings where only \" is an escape of the lexer). It rejects what Graphviz would misread:
 * HTML strings, raw line breaks inside quotes, unbalanced braces, unknown node references.
 */

export type Attrs = Record<string, string>;

export interface ParsedDot {
  name: string | undefined;
  graph: Attrs;
  nodes: Map<string, Attrs>;
  edges: { from: string; to: string; attrs: Attrs }[];
  clusters: { name: string; label: string | undefined; nodes: string[] }[];
}

type Token = { t: "id"; v: string } | { t: "punct"; v: string };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (text.startsWith("//", i)) i = lineEnd(text, i);
    else if (text.startsWith("/*", i)) i = text.indexOf("*/", i) + 2;
    else if (text.startsWith("->", i)) {
      tokens.push({ t: "punct", v: "->" });
      i += 2;
    } else if ("{}[];,=".includes(c)) {
      tokens.push({ t: "punct", v: c });
      i++;
    } else if (c === '"') {
      const [v, next] = quoted(text, i + 1);
      tokens.push({ t: "id", v });
      i = next;
    } else {
      const m = /^[A-Za-z_][A-Za-z_0-9]*|^-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
      tokens.push({ t: "id", v: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

function lineEnd(text: string, i: number): number {
  const j = text.indexOf("\n", i);
  return j < 0 ? text.length : j;
}

/** The lexer's view of a quoted string: \" is a quote, every other backslash stays. */
function quoted(text: string, i: number): [string, number] {
  let v = "";
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new Error("unterminated string");
    if (c === "\n" || c === "\r") throw new Error(`raw line break in a string at ${i}`);
    if (c === '"') return [v, i + 1];
    if (c === "\\" && text[i + 1] === '"') {
      v += '"';
      i += 2;
    } else if (c === "\\" && text[i + 1] === "\\") {
      v += "\\\\";
      i += 2;
    } else {
      v += c;
      i++;
    }
  }
}

export function parseDot(text: string): ParsedDot {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k];
  const take = (v?: string): string => {
    const tok = tokens[k++];
    if (tok === undefined || (v !== undefined && (tok.t !== "punct" || tok.v !== v))) {
      throw new Error(`expected ${v ?? "a token"}, got ${JSON.stringify(tok)} (token ${k - 1})`);
    }
    return tok.v;
  };
  const id = (): string => {
    const tok = tokens[k++];
    if (tok?.t !== "id") throw new Error(`expected an id, got ${JSON.stringify(tok)}`);
    return tok.v;
  };
  const out: ParsedDot = { name: undefined, graph: {}, nodes: new Map(), edges: [], clusters: [] };
  if (id() !== "digraph") throw new Error("not a digraph");
  if (peek()?.t === "id") out.name = id();
  take("{");
  const attrList = (): Attrs => {
    const attrs: Attrs = {};
    while (peek()?.v === "[") {
      take("[");
      while (peek()?.v !== "]") {
        const key = id();
        take("=");
        attrs[key] = id();
        if (peek()?.v === "," || peek()?.v === ";") k++;
      }
      take("]");
    }
    return attrs;
  };
  const statements = (cluster: ParsedDot["clusters"][number] | undefined): void => {
    while (peek()?.v !== "}") {
      const head = id();
      if (head === "graph" || head === "node" || head === "edge") {
        const attrs = attrList();
        if (head === "graph") Object.assign(out.graph, attrs);
      } else if (head === "subgraph") {
        const sub = { name: id(), label: undefined as string | undefined, nodes: [] as string[] };
        out.clusters.push(sub);
        take("{");
        statements(sub);
        take("}");
      } else if (peek()?.v === "=") {
        take("=");
        const value = id();
        if (cluster && head === "label") cluster.label = value;
        else if (!cluster) out.graph[head] = value;
      } else if (peek()?.v === "->") {
        take("->");
        const to = id();
        out.edges.push({ from: head, to, attrs: attrList() });
      } else {
        if (out.nodes.has(head)) throw new Error(`node ${head} declared twice`);
        out.nodes.set(head, attrList());
        cluster?.nodes.push(head);
      }
      if (peek()?.v === ";") k++;
    }
  };
  statements(undefined);
  take("}");
  if (k !== tokens.length) throw new Error("text after the graph");
  for (const e of out.edges) {
    if (!out.nodes.has(e.from) || !out.nodes.has(e.to))
      throw new Error(`edge to an undeclared node`);
  }
  return out;
}

/**
 * What Graphviz shows for a label string as the lexer left it: \\ is a backslash, \n a line
 * break, &amp; an ampersand. Any other escape or entity would be interpreted by Graphviz,
 * so it is an error here.
 */
export function displayed(raw: string): string {
  const unescaped = raw.replace(/\\(.)/gsu, (_, c: string) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    throw new Error(`Graphviz would interpret the escape \\${c} in ${JSON.stringify(raw)}`);
  });
  if (/&(?!amp;)/.test(unescaped)) throw new Error(`a raw & in ${JSON.stringify(raw)}`);
  return unescaped.replace(/&amp;/g, "&");
}
