/**
 * The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core
 * (never a browser download). Every invalid history of histories/ddia loads without a
 * console error, shows each of its anomalies, and choosing one outlines exactly its ops on
 * the timeline's canvas; a hostile history runs no script. Screenshots go to test-output/.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { hostileHistory, hostileStrings } from "./support/hostile.js";
import { tmpPath } from "./support/tmp.js";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OUTPUT = "test-output";
const invalid = readdirSync("histories/ddia")
  .filter((f) => f.endsWith("-bad.jsonl"))
  .map((f) => `histories/ddia/${f}`);

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** Writes the HTML report of `history` and opens it; the errors list fills as the page runs. */
async function open(
  history: string,
  ...args: string[]
): Promise<{ page: Page; errors: string[]; data: PageJson }> {
  const run = await runCli("check", "--format", "html", ...args, history);
  const file = tmpPath("report.html");
  writeFileSync(file, run.stdout);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(resolve(file)).href);
  await page.waitForFunction(() => document.body.dataset.painted === "1");
  const data = JSON.parse(/id="causeway-data"[^>]*>([^<]*)</.exec(run.stdout)![1]!) as PageJson;
  return { page, errors, data };
}

interface PageJson {
  files: {
    anomalies: { cited: number[]; summary: string }[];
    timeline: { ops: number };
    figures: {
      tables: { rows: unknown[][] }[];
      curves: { style: string; points: { y: number }[] }[];
    }[];
  }[];
}

/** Whether the highlight colour (#ff0080) is drawn on the outline around an op's bar. */
async function outlined(page: Page, id: number): Promise<boolean> {
  return page.evaluate((op) => {
    const w = window as unknown as {
      causeway: {
        view: { opBox(id: number): { x: number; y: number; w: number; h: number } | null };
      };
    };
    const box = w.causeway.view.opBox(op);
    if (box === null) return false;
    const canvas = document.querySelector("section.timeline canvas") as HTMLCanvasElement;
    const ratio = canvas.width / canvas.clientWidth;
    const y = Math.round((box.y - 2) * ratio);
    const row = canvas.getContext("2d")!.getImageData(0, y, canvas.width, 1).data;
    const from = Math.max(0, Math.floor((box.x - 2) * ratio));
    const to = Math.min(canvas.width, Math.ceil((box.x + box.w + 2) * ratio));
    for (let x = from; x < to; x++) {
      const [r, g, b] = [row[4 * x]!, row[4 * x + 1]!, row[4 * x + 2]!];
      if (r > 240 && g < 20 && b > 110 && b < 150) return true;
    }
    return false;
  }, id);
}

describe("the HTML report in Chromium", () => {
  it.each(invalid)("%s: loads cleanly; each anomaly outlines exactly its ops", async (history) => {
    const { page, errors, data } = await open(history);
    const file = data.files[0]!;
    const buttons = page.locator("button.anomaly");
    expect(await buttons.count()).toBe(file.anomalies.length);
    expect(file.anomalies.length).toBeGreaterThan(0);
    for (const [k, a] of file.anomalies.entries()) {
      await buttons.nth(k).click();
      const highlighted = await page.locator("section.timeline").getAttribute("data-highlighted");
      expect(highlighted).toBe([...a.cited].sort((x, y) => x - y).join(","));
      await expect
        .poll(() => page.locator("section.detail p.headline").textContent())
        .toBe(a.summary);
      for (let id = 0; id < file.timeline.ops; id++) {
        expect(await outlined(page, id), `anomaly ${k}, op ${id}`).toBe(a.cited.includes(id));
      }
    }
    await buttons.first().click();
    const name = history.replace(/^.*\//, "").replace(/\.jsonl$/, "");
    await page.screenshot({ path: join(OUTPUT, `html-report-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the picture of a proof loads as an image", async () => {
    // Figure 5-3 is invalid under the default options (some -bad histories need a causal level).
    const { page, errors } = await open(invalid.find((f) => f.includes("fig5-3"))!);
    await page.locator("button.anomaly").first().click();
    const width = await page
      .locator("img.proof")
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(width).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("what staleness measures draws as tables and charts: each bar as tall as its share", async () => {
    const { page, errors, data } = await open(
      "histories/ddia/fig5-1-staleness-bad.jsonl",
      "--checks",
      "staleness",
    );
    const [figures] = data.files[0]!.figures;
    expect(figures!.curves.length).toBeGreaterThan(0);
    const panel = page.locator("section.figures");
    expect(await panel.locator("table.measure").count()).toBe(figures!.tables.length);
    expect(await panel.locator("svg").count()).toBe(figures!.curves.length);
    // The k-staleness histogram: bar heights in proportion to the fractions of reads.
    const bars = figures!.curves.find((c) => c.style === "bars");
    const heights = await panel
      .locator("figure.chart-bars rect.bar")
      .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("height"))));
    const top = Math.max(...bars!.points.map((p) => p.y));
    expect(heights).toHaveLength(bars!.points.length);
    const tallest = Math.max(...heights);
    for (const [i, x] of heights.entries())
      expect(x / tallest).toBeCloseTo(bars!.points[i]!.y / top, 6);
    await panel.screenshot({ path: join(OUTPUT, "html-report-staleness-figures.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reads integers beyond 2^53 exactly", async () => {
    const { page } = await open(invalid[0]!);
    // The page's namespaces are top-level consts of its script: reached by an expression.
    const shown = await page.evaluate(
      `Dom.showValue(JSON.parse('{"k":[18446744073709551617,1.5,2]}', App.exactIntegers), 80)`,
    );
    expect(shown).toBe('{"k":[18446744073709551617,1.5,2]}');
    await page.close();
  });

  it("a hostile history runs no script: its strings are text", async () => {
    const history = tmpPath("hostile.jsonl");
    writeFileSync(history, hostileHistory());
    const { page, errors } = await open(history);
    const count = await page.locator("button.anomaly").count();
    for (let k = 0; k < count; k++) await page.locator("button.anomaly").nth(k).click();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator("img:not(.proof)").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(2);
    const text = (await page.locator("body").textContent()) ?? "";
    for (const s of hostileStrings.slice(0, 3)) expect(text).toContain(s);
    await page.screenshot({ path: join(OUTPUT, "html-report-hostile.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
