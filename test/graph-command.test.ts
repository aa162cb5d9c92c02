/** `causeway graph`: the happens-before graph as DOT, parsed back with the strict parser of test/support/dot-parse.ts. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { displayed, parseDot } from "./support/dot-parse.js";

const cart = "histories/ddia/fig5-13-shopping-cart.jsonl";
const prefix = "histories/ddia/fig5-5-consistent-prefix-bad.jsonl";

async function graph(...args: string[]) {
  const run = await runCli("graph", ...args);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  return parseDot(run.stdout);
}

/** Edges as "from label -> to label [kind]", by the first line of each node's label. */
function edges(dot: ReturnType<typeof parseDot>): string[] {
  const name = (n: string) => displayed(dot.nodes.get(n)!.label!).split("\n")[0];
  return dot.edges
    .map((e) => `${name(e.from)} -> ${name(e.to)} [${displayed(e.attrs.label!).split(" ")[0]}]`)
    .sort();
}

describe("causeway graph", () => {
  it("draws figure 5-13's version order as figure 5-14", async () => {
    const dot = await graph("--kinds", "version-order", cart);
    expect(dot.nodes.size).toBe(5);
    const milk = 'write of ["milk"] to key cart';
    const eggs = 'write of ["eggs"] to key cart';
    const flour = 'write of ["milk","flour"] to key cart';
    const ham = 'write of ["eggs","milk","ham"] to key cart';
    const bacon = 'write of ["milk","flour","eggs","bacon"] to key cart';
    expect(edges(dot)).toEqual(
      [
        `${milk} -> ${flour} [version-order]`,
        `${milk} -> ${ham} [version-order]`,
        `${eggs} -> ${ham} [version-order]`,
        `${eggs} -> ${bacon} [version-order]`,
        `${flour} -> ${bacon} [version-order]`,
      ].sort(),
    );
    expect(dot.clusters.map((c) => displayed(c.label!))).toEqual([
      "session client-1",
      "session client-2",
    ]);
  });

  it("draws session order as chains and reads-from with the value read, styled by kind", async () => {
    const dot = await graph(prefix);
    const kinds = dot.edges.map((e) => displayed(e.attrs.label!).split(" ")[0]);
    expect(kinds.filter((k) => k === "session-order")).toHaveLength(2);
    expect(kinds.filter((k) => k === "reads-from")).toHaveLength(2);
    const styles = new Set(dot.edges.map((e) => `${e.attrs.color} ${e.attrs.style}`));
    expect(styles.size).toBe(2);
  });

  it("adds real time between sessions on request", async () => {
    const dot = await graph("--real-time", prefix);
    expect(dot.edges.some((e) => displayed(e.attrs.label!) === "real-time")).toBe(true);
  });

  it("draws the ops an anomaly cites, and their neighbours", async () => {
    const dot = await graph("--anomaly", "1", "--checker", "consistent-prefix", prefix);
    expect(dot.nodes.size).toBe(5);
    expect(displayed(dot.graph.label!)).toContain("around consistent-prefix anomaly 1");
  });

  it("caps the drawing and says what it left out", async () => {
    const dot = await graph("--max-nodes", "2", prefix);
    expect(dot.nodes.size).toBe(2);
    expect(displayed(dot.graph.label!)).toContain("3 of 5 nodes");
  });

  it("refuses unknown kinds and missing anomalies with exit status 4", async () => {
    const kind = await runCli("graph", "--kinds", "telepathy", prefix);
    expect([kind.code, kind.stderr]).toEqual([
      4,
      'causeway: unknown edge kind "telepathy"; known: session-order, reads-from, version-order, assumed-order, real-time, conflict, view-order\n',
    ]);
    const none = await runCli("graph", "--anomaly", "3", "--checker", "causal", prefix);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/causal found 1 anomaly in .* so there is no anomaly 3/);
  });
});
