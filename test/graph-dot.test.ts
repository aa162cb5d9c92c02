/**
 * The DOT renderer: labels from untrusted histories come out escaped so that Graphviz shows
 * them as they are (checked by a strict parser of the output and by decoding what Graphviz
 * would display), the size cap says what it left out, edges are styled per kind, and the
 * renderer stays a pure function of plain data.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COLORS, type DotGraph, quote, renderDot } from "../src/report/dot.js";
import { displayed, parseDot } from "./support/dot-parse.js";

const SEED = 20261126;

/** A C0 or C1 control character other than a line feed (which the renderer keeps as \n). */
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);

/** What a label should look like once Graphviz has read it. */
function shown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("")
    .map((c) => {
      const code = c.charCodeAt(0);
      return isControl(code) ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : c;
    })
    .join("")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
      return `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`;
    });
}

const HOSTILE = [
  'say "hi"',
  "C:\\temp\\",
  "\\",
  '\\"',
  'x"; n0 -> n0 [label="pwned"]; "',
  "} digraph evil {",
  "two\nlines",
  "crlf\r\nand cr\ronly",
  "<script>alert(1)</script>",
  "<b>html-like</b>",
  "\\N \\G \\E \\T \\H \\L \\l \\r \\n",
  "nul\u0000 bell\u0007 esc\u001b[31m del\u007f nel\u0085 tab\t",
  "&lt; &amp; & &#65;",
  "lone \ud800 surrogate \udfff",
  "emoji 🦀 and \u2028 separator",
  "",
];

describe("renderDot escaping", () => {
  it("shows every hostile label as it is: nodes, groups, edges, kinds and title", () => {
    const graph: DotGraph = {
      nodes: HOSTILE.map((label, i) => ({ id: `op-${i}`, label, group: HOSTILE[(i + 1) % 4] })),
      edges: HOSTILE.map((label, i) => ({
        from: `op-${i}`,
        to: `op-${(i + 1) % HOSTILE.length}`,
        kind: HOSTILE[(i + 2) % HOSTILE.length]!,
        ...(i % 2 === 0 ? { label } : {}),
      })),
    };
    const dot = renderDot(graph, { title: HOSTILE.join(" | ") });
    const parsed = parseDot(dot);
    expect(displayed(parsed.graph.label!)).toBe(shown(HOSTILE.join(" | ")));
    expect(HOSTILE.map((_, i) => displayed(parsed.nodes.get(`n${i}`)!.label!))).toEqual(
      HOSTILE.map(shown),
    );
    expect(parsed.edges.map((e) => displayed(e.attrs.label!))).toEqual(
      graph.edges.map((e) => shown(e.label ?? e.kind)),
    );
    expect(parsed.clusters.map((c) => displayed(c.label!))).toEqual(
      HOSTILE.slice(1, 4).concat(HOSTILE[0]!).map(shown),
    );
  });

  it("never writes a raw control character, an HTML label or an unescaped quote", () => {
    const dot = renderDot({
      nodes: HOSTILE.map((label, i) => ({ id: String(i), label })),
      edges: [],
    });
    expect([...dot].filter((c) => isControl(c.charCodeAt(0)))).toEqual([]);
    expect(dot).not.toMatch(/label=</);
    expect(dot).toContain('[label="<script>alert(1)</script>"]');
    expect(quote('a"b\\c\nd&e\u0007')).toBe('"a\\"b\\\\c\\nd&amp;e\\\\x07"');
  });

  it("round-trips arbitrary strings (seeded)", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { maxLength: 8 }), text, (rows, title) => {
        const graph: DotGraph = {
          nodes: rows.map(([label, group], i) => ({ id: label + i, label, group })),
          edges: rows.map(([label, , kind], i) => ({ from: label + i, to: rows[0]![0] + 0, kind })),
        };
        const parsed = parseDot(renderDot(graph, { title }));
        const labels = rows.map((_, i) => displayed(parsed.nodes.get(`n${i}`)!.label!));
        expect(labels).toEqual(rows.map(([l]) => shown(l)));
        expect(parsed.edges.map((e) => displayed(e.attrs.label!))).toEqual(
          rows.map(([, , k]) => shown(k)),
        );
        if (title !== "") expect(displayed(parsed.graph.label!)).toBe(shown(title));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("renderDot structure", () => {
  const graph: DotGraph = {
    nodes: [
      { id: "w1", label: "write x=1", group: "session a" },
      { id: "r1", label: "read x=1", group: "session b" },
      { id: "w2", label: "write x=2", group: "session a" },
      { id: "w1", label: "duplicate id" },
      { id: "r2", label: "read x=2" },
    ],
    edges: [
      { from: "w1", to: "w2", kind: "so" },
      { from: "w1", to: "r1", kind: "rf", label: "read 1" },
      { from: "w2", to: "r2", kind: "rf" },
      { from: "r2", to: "ghost", kind: "rt" },
    ],
  };

  it("names nodes n0, n1, ... in order, clusters groups, leaves out dangling edges", () => {
    const parsed = parseDot(
      renderDot(graph, { styles: { so: { color: "black", style: "dashed" } } }),
    );
    expect([...parsed.nodes.keys()]).toEqual(["n0", "n2", "n1", "n3"]);
    expect([...parsed.nodes.values()].map((a) => a.label)).toEqual([
      "write x=1",
      "write x=2",
      "read x=1",
      "read x=2",
    ]);
    expect(parsed.clusters).toEqual([
      { name: "cluster_0", label: "session a", nodes: ["n0", "n2"] },
      { name: "cluster_1", label: "session b", nodes: ["n1"] },
    ]);
    expect(parsed.edges).toEqual([
      {
        from: "n0",
        to: "n2",
        attrs: { label: "so", color: "black", fontcolor: "black", style: "dashed" },
      },
      {
        from: "n0",
        to: "n1",
        attrs: {
          label: "read 1",
          color: DEFAULT_COLORS[0],
          fontcolor: DEFAULT_COLORS[0],
          style: "solid",
        },
      },
      {
        from: "n2",
        to: "n3",
        attrs: {
          label: "rf",
          color: DEFAULT_COLORS[0],
          fontcolor: DEFAULT_COLORS[0],
          style: "solid",
        },
      },
    ]);
    expect(parsed.graph.label).toBe("0 of 4 nodes and 1 of 4 edges left out");
  });

  it("caps nodes and edges and says how many it left out", () => {
    const many: DotGraph = {
      nodes: Array.from({ length: 10 }, (_, i) => ({ id: `v${i}`, label: `op ${i}` })),
      edges: Array.from({ length: 9 }, (_, i) => ({ from: `v${i}`, to: `v${i + 1}`, kind: "so" })),
    };
    const dot = renderDot(many, { maxNodes: 3, title: "G-single" });
    const parsed = parseDot(dot);
    expect(parsed.nodes.size).toBe(3);
    expect(parsed.edges.map((e) => [e.from, e.to])).toEqual([
      ["n0", "n1"],
      ["n1", "n2"],
    ]);
    expect(displayed(parsed.graph.label!)).toBe(
      "G-single\n7 of 10 nodes and 7 of 9 edges left out",
    );
    expect(dot).toContain("// 7 of 10 nodes and 7 of 9 edges left out\n");
    const fewEdges = parseDot(renderDot(many, { maxEdges: 1 }));
    expect([fewEdges.nodes.size, fewEdges.edges.length]).toEqual([10, 1]);
    expect(fewEdges.graph.label).toBe("0 of 10 nodes and 8 of 9 edges left out");
    expect(renderDot(many)).not.toContain("left out");
    expect(() => renderDot(many, { maxNodes: -1 })).toThrow(/maxNodes -1/);
  });

  it("gives unstyled kinds the default colours in order, even kinds named like Object's members", () => {
    const kinds = ["__proto__", "constructor", "toString", "rf"];
    const parsed = parseDot(
      renderDot({
        nodes: [{ id: "a", label: "a" }],
        edges: [...kinds, "rf"].map((kind) => ({ from: "a", to: "a", kind })),
      }),
    );
    expect(parsed.edges.map((e) => e.attrs.color)).toEqual([
      ...DEFAULT_COLORS.slice(0, 4),
      DEFAULT_COLORS[3],
    ]);
  });

  it("renders an empty graph", () => {
    expect(renderDot({ nodes: [], edges: [] })).toBe(
      'digraph causeway {\n  node [shape="box", fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize="10"];\n}\n',
    );
  });

  it("is a pure renderer: it imports nothing", () => {
    const source = readFileSync(new URL("../src/report/dot.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\b/m);
  });
});
