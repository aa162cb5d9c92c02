/** The HTML report as a document: self-contained, every history string inert, the script and style allowed by hash alone; proofs laid out with limits. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check } from "../src/api.js";
import { renderSvgs } from "../src/report/html/graphviz.js";
import { renderHtml } from "../src/report/html/index.js";
import { runCli } from "./support/cli.js";
import { hostileHistory, hostileStrings } from "./support/hostile.js";
import { tmpFile } from "./support/tmp.js";

function parts(html: string) {
  const data = /<script type="application\/json" id="causeway-data"[^>]*>([^<]*)<\/script>/.exec(
    html,
  );
  const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html);
  const style = /<style>([\s\S]*)<\/style>/.exec(html);
  return { data: data![1]!, script: script![1]!, style: style![1]! };
}

const sha = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;

describe("the HTML document", () => {
  it("keeps every hostile string inside the JSON block, escaped, and intact when parsed", async () => {
    const run = await runCli(
      "check",
      "--format",
      "html",
      tmpFile("hostile.jsonl", hostileHistory()),
    );
    expect(run.code).toBe(1);
    const { data } = parts(run.stdout);
    expect(data).not.toMatch(/[<>\u2028]/);
    const outside = run.stdout.replace(data, "");
    for (const s of hostileStrings) expect(outside).not.toContain(s.slice(0, 12));
    expect(outside.match(/<script/g)).toHaveLength(2);
    expect(outside).not.toContain("<img");
    const parsed = JSON.parse(data);
    const keys = parsed.files[0].timeline.keys;
    expect(keys).toEqual(hostileStrings);
    expect(parsed.files[0].anomalies.length).toBeGreaterThan(3);
  });

  it("allows only its own script and style (by hash), data: images, and no network", async () => {
    const html = await renderHtml(
      await check("histories/ddia/fig5-4-monotonic-reads-bad.jsonl", { timeline: true }),
    );
    const { script, style } = parts(html);
    expect(html).toContain('id="causeway-data">');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      `script-src '${sha(script)}'`,
      `style-src '${sha(style)}'`,
      "img-src data:",
    ]);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it("draws a picture of each proof whose steps relate its ops, and says why not otherwise", async () => {
    const html = await renderHtml(await check("histories/ddia/fig5-3-read-your-writes-bad.jsonl"));
    const [ryw, lin] = JSON.parse(parts(html).data).files[0].anomalies;
    expect(ryw.svg).toMatch(
      /^<svg[\s\S]*session order[\s\S]*observed a state before[\s\S]*<\/svg>\n?$/,
    );
    expect(ryw.noPicture).toBeUndefined();
    expect(lin.svg).toBeUndefined();
    expect(lin.noPicture).toBe("no step of this proof relates two of its ops");
  });

  it("the page's script is the browser modules, each function exported (the page carries only what modules export)", () => {
    const dir = "src/report/html/browser";
    for (const f of readdirSync(dir)) {
      const text = readFileSync(`${dir}/${f}`, "utf8");
      expect(text.match(/^(function|const|let|var|class) /gm), f).toBeNull();
    }
  });
});

describe("integers beyond 2^53", () => {
  it("reach the page's data exactly, and JUnit too", async () => {
    const big = "18446744073709551617";
    const ev = (o: string) => o;
    const file = tmpFile(
      "big.jsonl",
      [
        ev(`{"type":"invoke","process":0,"f":"write","key":${big},"value":${big}}`),
        ev(`{"type":"ok","process":0,"f":"write","key":${big},"value":${big},"version":2}`),
        ev(`{"type":"invoke","process":0,"f":"read","key":${big}}`),
        ev(`{"type":"ok","process":0,"f":"read","key":${big},"value":1,"version":1}`),
      ].join("\n"),
    );
    const html = await runCli("check", "--format", "html", file);
    expect(html.code).toBe(1);
    expect(parts(html.stdout).data).toContain(`"keys":[${big}]`);
    expect(html.stdout).toContain('id="causeway-data" data-exact="">');
    const junit = await runCli("check", "--format", "junit", file);
    expect(junit.stdout).toContain(`key ${big}`);
  });
});

describe("proof layout limits", () => {
  it("a graph over its timeout is left out, and the next one is still drawn", async () => {
    let dense = "digraph {";
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) if (i !== j) dense += `n${i}->n${j};`;
    dense += "}";
    const [slow, quick] = await renderSvgs([dense, "digraph { a -> b }"], { timeoutMs: 1000 });
    expect(slow).toEqual({ error: "timed out after 1 s" });
    expect(quick).toHaveProperty("svg");
  });

  it("too large, or not DOT: a reason instead of a picture", async () => {
    const [big, bad] = await renderSvgs(["digraph { a -> b }", "digraph { a -> }"], {
      maxSvg: 100,
    });
    expect(big).toEqual({ error: "left out: too large" });
    expect(bad).toHaveProperty("error", expect.stringMatching(/syntax error/));
  });
});
