/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): the timeline drawn on one canvas the size of its viewport,
 * over a spacer the size of the whole history, so that the page scrolls natively and each
 * frame draws only the rows and ops in view (a history of 100k ops is never 100k elements).
 * Ctrl+wheel or the buttons zoom; hovering an op shows what it was.
 */
import type * as DomModule from "./dom.js";
import type * as DrawModule from "./draw.js";
import type * as ModelModule from "./model.js";
import type { Axis, Decoded, Layout, RowMode } from "./model.js";

declare const Dom: typeof DomModule;
declare const Draw: typeof DrawModule;
declare const Model: typeof ModelModule;

export interface View {
  highlight(ids: number[], labels: Record<number, string>): void;
  reveal(ids: number[]): void;
  /** Where an op is drawn, in CSS pixels of the canvas; null when out of view. */
  opBox(id: number): { x: number; y: number; w: number; h: number } | null;
}

export interface ViewState {
  d: Decoded;
  host: HTMLElement;
  scroller: HTMLElement;
  spacer: HTMLElement;
  canvas: HTMLCanvasElement;
  tip: HTMLElement;
  mode: RowMode;
  grouped: boolean;
  axis: Axis;
  /** The rows as laid out, and as shown: with the marked ops' rows pinned at the top. */
  base: Layout;
  layout: Layout;
  scale: number;
  marked: Map<number, string>;
  frame: number;
  m: { rowH: number; axisH: number; labelW: number };
}

export function createTimeline(host: HTMLElement, d: Decoded): View {
  const scroller = Dom.el("div", "tl-scroller");
  const canvas = document.createElement("canvas");
  const spacer = Dom.el("div", "tl-spacer");
  const tip = Dom.el("div", "tl-tip");
  tip.hidden = true;
  scroller.append(canvas, spacer);
  const axis: Axis = d.hasTime ? "time" : "position";
  const base = Model.layoutRows(d, "session", false, axis);
  const s: ViewState = {
    ...{ d, host, scroller, spacer, canvas, tip, mode: "session", grouped: false, axis },
    ...{ base, layout: base, scale: 1, marked: new Map() },
    ...{ frame: 0, m: { rowH: 18, axisH: 24, labelW: 190 } },
  };
  host.append(controls(s), scroller, tip, legend());
  wireEvents(s);
  requestAnimationFrame(() => {
    fitAll(s);
    performance.mark("causeway:timeline-painted");
    document.body.dataset.painted = "1";
  });
  return {
    highlight: (ids, labels) => highlight(s, ids, labels),
    reveal: (ids) => reveal(s, ids),
    opBox: (id) => Draw.opBox(s, id),
  };
}

export function controls(s: ViewState): HTMLElement {
  const select = (name: string, options: string[], value: string, on: (v: string) => void) => {
    const e = Dom.el("select", null, { "aria-label": name }) as HTMLSelectElement;
    for (const o of options) e.append(Dom.el("option", null, { value: o }, o));
    e.value = value;
    e.addEventListener("change", () => on(e.value));
    return Dom.el("label", null, null, `${name} `, e);
  };
  const box = Dom.el("input", null, { type: "checkbox" }) as HTMLInputElement;
  box.addEventListener("change", () => relayout(s, { grouped: box.checked }));
  const button = (text: string, title: string, on: () => void) => {
    const b = Dom.el("button", null, { type: "button", title }, text);
    b.addEventListener("click", on);
    return b;
  };
  const axes = s.d.hasTime ? ["time", "position"] : ["position"];
  return Dom.el(
    "div",
    "tl-controls",
    null,
    select("rows", ["session", "process"], s.mode, (v) => relayout(s, { mode: v as RowMode })),
    Dom.el("label", null, null, box, " group by replica"),
    select("axis", axes, s.axis, (v) => relayout(s, { axis: v as Axis })),
    button("+", "zoom in (or ctrl+wheel)", () => zoomAt(s, 2, s.scroller.clientWidth / 2)),
    button("−", "zoom out", () => zoomAt(s, 0.5, s.scroller.clientWidth / 2)),
    button("fit", "the whole history", () => fitAll(s)),
  );
}

export function legend(): HTMLElement {
  const item = (cls: string, text: string) =>
    Dom.el("span", "tl-key", null, Dom.el("i", cls), text);
  return Dom.el(
    "div",
    "tl-legend",
    null,
    item("s-o", "ok"),
    item("s-f", "fail"),
    item("s-i", "info (may or may not have happened)"),
    item("s-e", "replica or nemesis event"),
    item("s-h", "cited by the chosen anomaly"),
  );
}

export function relayout(
  s: ViewState,
  change: Partial<Pick<ViewState, "mode" | "grouped" | "axis">>,
) {
  Object.assign(s, change);
  s.layout = Model.layoutRows(s.d, s.mode, s.grouped, s.axis);
  fitAll(s);
}

export function wireEvents(s: ViewState): void {
  s.scroller.addEventListener("scroll", () => schedule(s));
  s.scroller.addEventListener(
    "wheel",
    (e) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const x = e.clientX - s.scroller.getBoundingClientRect().left;
      zoomAt(s, e.deltaY < 0 ? 1.25 : 0.8, x);
    },
    { passive: false },
  );
  s.scroller.addEventListener("mousemove", (e) => hover(s, e));
  s.scroller.addEventListener("mouseleave", () => {
    s.tip.hidden = true;
  });
  new ResizeObserver(() => schedule(s)).observe(s.scroller);
}

export function schedule(s: ViewState): void {
  if (s.frame !== 0) return;
  s.frame = requestAnimationFrame(() => {
    s.frame = 0;
    Draw.draw(s);
  });
}

export function fitScale(s: ViewState): number {
  const { min, max } = s.layout;
  return Math.max(1e-9, (s.scroller.clientWidth - s.m.labelW - 30) / (max - min));
}

export function fitAll(s: ViewState): void {
  // As tall as the rows need, up to about half the window.
  const rowsHeight = s.m.axisH + s.layout.rows.length * s.m.rowH + 24;
  s.scroller.style.height = `${Math.min(Math.round(window.innerHeight * 0.46), rowsHeight)}px`;
  s.scale = fitScale(s);
  sizeSpacer(s);
  s.scroller.scrollLeft = 0;
  Draw.draw(s);
}

/** Zooms by `factor`, keeping the point under x (CSS pixels from the scroller's left) still. */
export function zoomAt(s: ViewState, factor: number, x: number): void {
  const { min, max } = s.layout;
  const at = min + (s.scroller.scrollLeft + Math.max(0, x - s.m.labelW)) / s.scale;
  // Browsers cap an element's size at about 33M pixels.
  const most = (3e7 - s.m.labelW) / (max - min);
  s.scale = Math.min(most, Math.max(fitScale(s), s.scale * factor));
  sizeSpacer(s);
  s.scroller.scrollLeft = (at - min) * s.scale - Math.max(0, x - s.m.labelW);
  Draw.draw(s);
}

export function sizeSpacer(s: ViewState): void {
  const { min, max, rows } = s.layout;
  const width = s.m.labelW + (max - min) * s.scale + 30;
  const height = s.m.axisH + rows.length * s.m.rowH + 8;
  s.spacer.style.width = `${Math.ceil(width)}px`;
  s.spacer.style.height = `${Math.max(0, Math.ceil(height - s.scroller.clientHeight))}px`;
}

export function highlight(s: ViewState, ids: number[], labels: Record<number, string>): void {
  s.marked = new Map();
  for (const id of ids) {
    const i = s.d.index.get(id);
    if (i !== undefined) s.marked.set(i, labels[id] ?? "");
  }
  s.host.dataset.highlighted = [...ids].sort((a, b) => a - b).join(",");
  s.layout = Model.pinRows(s.base, s.marked.keys());
  sizeSpacer(s);
  Draw.draw(s);
}

/** Scrolls (and zooms, if they do not fit) so that the ops are in view. */
export function reveal(s: ViewState, ids: number[]): void {
  const { start, end, rowOf, min } = s.layout;
  const idx = ids.map((id) => s.d.index.get(id)).filter((i): i is number => i !== undefined);
  if (idx.length === 0) return;
  const a = Math.min(...idx.map((i) => start[i]!));
  const b = Math.max(...idx.map((i) => end[i]!));
  const width = s.scroller.clientWidth - s.m.labelW - 30;
  const shown = (b - a) * s.scale;
  if (shown > width * 0.8 || shown < width * 0.2) {
    const most = (3e7 - s.m.labelW) / (s.layout.max - min);
    const span = Math.max(b - a, (s.layout.max - min) / 1e6);
    s.scale = Math.max(fitScale(s), Math.min(most, (width * 0.6) / span));
  }
  sizeSpacer(s);
  s.scroller.scrollLeft = (a - min) * s.scale - (width - (b - a) * s.scale) / 2;
  const rows = idx.map((i) => rowOf[i]!);
  const middle = ((Math.min(...rows) + Math.max(...rows) + 1) / 2) * s.m.rowH;
  s.scroller.scrollTop = middle - (s.scroller.clientHeight - s.m.axisH) / 2;
  Draw.draw(s);
}

export function hover(s: ViewState, e: MouseEvent): void {
  const box = s.scroller.getBoundingClientRect();
  const i = Draw.hit(s, e.clientX - box.left, e.clientY - box.top);
  if (i < 0) {
    s.tip.hidden = true;
    return;
  }
  s.tip.textContent = Draw.describe(s.d, i);
  s.tip.hidden = false;
  s.tip.style.left = `${e.clientX - s.host.getBoundingClientRect().left + 14}px`;
  s.tip.style.top = `${e.clientY - s.host.getBoundingClientRect().top + 14}px`;
}
