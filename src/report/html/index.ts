/**
 * The HTML report: one self-contained page (no network, no CDN) with a timeline of the
 * history, the anomaly list, each anomaly's explanation and the picture of its proof, the
 * models summary and what could not be decided. Pictures are laid out by Graphviz when the
 * report is written (src/report/html/graphviz.ts); the page's script only draws.
 */
import type { Report } from "../model.js";
import { pageData } from "./data.js";
import { renderSvgs, type SvgLimits } from "./graphviz.js";
import { htmlPage } from "./page.js";

export interface HtmlOptions {
  /** Limits of the proofs' layout (timeout per picture, budget, size). */
  pictures?: SvgLimits;
}

export async function renderHtml(report: Report, options: HtmlOptions = {}): Promise<string> {
  const data = pageData(report);
  const drawn = data.files.flatMap((f) => f.anomalies).filter((a) => a.dot !== undefined);
  const svgs = await renderSvgs(
    drawn.map((a) => a.dot!),
    options.pictures,
  );
  drawn.forEach((a, i) => {
    const r = svgs[i]!;
    delete a.dot;
    if ("svg" in r) a.svg = withoutProlog(r.svg);
    else a.noPicture = r.error;
  });
  return htmlPage(data);
}

/** The <svg> element alone: the XML declaration, doctype and comments are not needed in an image. */
function withoutProlog(svg: string): string {
  const start = svg.indexOf("<svg");
  return start < 0 ? svg : svg.slice(start);
}
