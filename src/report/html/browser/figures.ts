/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): what checkers measured rather than judged (staleness and
 * lag: quantile tables, the k-staleness histogram, the t-visibility curve), one panel per
 * checker. Tables are text cells; charts are SVG built node by node (createElementNS, text
 * as text nodes), so no string from the report is ever parsed as markup.
 */
import type { PageFigures } from "../data.js";
import type * as DomModule from "./dom.js";

declare const Dom: typeof DomModule;

export function figurePanel(figures: readonly PageFigures[]): HTMLElement | null {
  if (figures.length === 0) return null;
  const parts: HTMLElement[] = [Dom.el("h2", null, null, "Measured")];
  for (const f of figures) {
    const items: HTMLElement[] = [];
    for (const t of f.tables) items.push(figureTable(t));
    for (const c of f.curves) if (c.points.length > 0) items.push(chart(c));
    parts.push(Dom.el("h3", null, null, f.checker), Dom.el("div", "figure-grid", null, ...items));
  }
  return Dom.el("section", "figures", null, ...parts);
}

export function figureTable(t: PageFigures["tables"][number]): HTMLElement {
  const head = Dom.el("tr", null, null, ...t.columns.map((c) => Dom.el("th", null, null, c)));
  const rows = t.rows.map((r) =>
    Dom.el(
      "tr",
      null,
      null,
      ...r.map((c) =>
        Dom.el("td", typeof c === "number" ? "num" : null, null, c === null ? "-" : String(c)),
      ),
    ),
  );
  return Dom.el(
    "figure",
    "measure",
    null,
    Dom.el("figcaption", null, null, t.title),
    Dom.el("table", "measure", null, head, ...rows),
  );
}

/** An SVG element with attributes and children; strings become text nodes. */
export function svgEl(
  tag: string,
  attrs: Record<string, string | number>,
  ...children: (Node | string)[]
): SVGElement {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

/** A number for an axis: at most three decimals, no trailing zeros. */
export function tick(v: number): string {
  return String(Number(v.toFixed(3)));
}

/** A histogram (bars, one per point in order) or a curve (x to scale), y from 0. */
export function chart(c: PageFigures["curves"][number]): HTMLElement {
  const S = svgEl;
  const w = 460;
  const h = 210;
  const left = 46;
  const right = 12;
  const top = 10;
  const bottom = 42;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const ys = c.points.map((p) => p.y);
  // A fraction is drawn on its whole range, 0 to 1; anything else up to its largest value.
  const fraction = /fraction/.test(c.y) && ys.every((v) => v >= 0 && v <= 1);
  const yMax = fraction || Math.max(...ys, 0) <= 0 ? 1 : Math.max(...ys);
  const y = (v: number) => top + ph - (v / yMax) * ph;
  const parts: SVGElement[] = [];
  const tip = (p: { x: number; y: number; n?: number }) =>
    S(
      "title",
      {},
      `${c.x}: ${tick(p.x)}; ${c.y}: ${tick(p.y)}${p.n === undefined ? "" : ` (n = ${p.n})`}`,
    );
  if (c.style === "bars") {
    const slot = pw / c.points.length;
    const bw = Math.max(1, Math.min(40, slot * 0.8));
    c.points.forEach((p, i) => {
      const x = left + i * slot + (slot - bw) / 2;
      parts.push(
        S("rect", { x, y: y(p.y), width: bw, height: top + ph - y(p.y), class: "bar" }, tip(p)),
      );
      // Label every bar when they fit, else about ten of them.
      if (c.points.length <= 12 || i % Math.ceil(c.points.length / 10) === 0)
        parts.push(
          S("text", { x: x + bw / 2, y: top + ph + 14, "text-anchor": "middle" }, tick(p.x)),
        );
    });
  } else {
    const xs = c.points.map((p) => p.x);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const x = (v: number) => left + (x1 === x0 ? pw / 2 : ((v - x0) / (x1 - x0)) * pw);
    const path = c.points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ");
    parts.push(S("polyline", { points: path, class: "line" }));
    for (const p of c.points)
      parts.push(S("circle", { cx: x(p.x), cy: y(p.y), r: 3, class: "dot" }, tip(p)));
    for (const v of x0 === x1 ? [x0] : [x0, (x0 + x1) / 2, x1])
      parts.push(S("text", { x: x(v), y: top + ph + 14, "text-anchor": "middle" }, tick(v)));
  }
  for (const v of [0, yMax / 2, yMax])
    parts.push(S("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, tick(v)));
  parts.push(
    S("line", { x1: left, y1: top + ph, x2: left + pw, y2: top + ph, class: "axis" }),
    S("line", { x1: left, y1: top, x2: left, y2: top + ph, class: "axis" }),
    S("text", { x: left + pw / 2, y: h - 6, "text-anchor": "middle", class: "axis-name" }, c.x),
  );
  const svg = S(
    "svg",
    { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: "img", "aria-label": c.title },
    ...parts,
  );
  return Dom.el(
    "figure",
    `measure chart-${c.style}`,
    null,
    Dom.el("figcaption", null, null, `${c.title} (${c.y})`),
    svg,
  );
}
