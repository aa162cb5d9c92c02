/** Opens an HTML report in Debian's headless Chromium and times its first paint and its frames (bench/report.ts). */
import { chromium } from "playwright-core";

export interface Opened {
  version: string;
  /** ms from navigation start to the page's mark after the timeline's first frame. */
  paint: number[];
  scrollFrame: number[];
  fullFrame: number[];
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function openPage(url: string, runs: number): Promise<Opened> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
  const out: Opened = { version: browser.version(), paint: [], scrollFrame: [], fullFrame: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.painted === "1", null, {
        timeout: 60_000,
      });
      out.paint.push(
        await page.evaluate(
          () => performance.getEntriesByName("causeway:timeline-painted")[0]!.startTime,
        ),
      );
      out.fullFrame.push(await frameTime(page, 0));
      for (let z = 0; z < 6; z++) await page.click('button[title^="zoom in"]');
      out.scrollFrame.push(await frameTime(page, 400));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** The median time to draw a frame, of 15 frames each after scrolling the timeline by `dx` pixels (and a row). */
function frameTime(page: import("playwright-core").Page, dx: number): Promise<number> {
  return page.evaluate(async (step) => {
    const sc = document.querySelector(".tl-scroller") as HTMLElement;
    const host = document.querySelector("section.timeline") as HTMLElement;
    const times: number[] = [];
    for (let k = 0; k < 15; k++) {
      sc.scrollLeft += step;
      sc.scrollTop += k % 2 === 0 ? 18 : -18;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      times.push(Number(host.dataset.drawMs));
    }
    return times.sort((a, b) => a - b)[7]!;
  }, dx);
}
