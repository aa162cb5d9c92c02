/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): one frame of the timeline. Only the rows in view are
 * visited, and in each only the ops that overlap the window (binary search on the running
 * maximum of ends); an op narrower than a pixel that would land on a pixel already drawn is
 * skipped, so a zoomed-out row of 100k ops costs a few thousand rectangles.
 */
import type * as DomModule from "./dom.js";
import type * as ModelModule from "./model.js";
import type { Decoded } from "./model.js";
import type { ViewState } from "./view.js";

declare const Dom: typeof DomModule;
declare const Model: typeof ModelModule;

export function colour(status: string): string {
  if (status === "o") return "#3a9d5d";
  if (status === "f") return "#d64545";
  if (status === "i") return "#e0a030";
  return "#7a5cc7";
}

interface Frame {
  ctx: CanvasRenderingContext2D;
  w: number;
  h: number;
  /** The axis values at the left and right edges of the drawing area. */
  a: number;
  b: number;
}

export function frame(s: ViewState): Frame {
  const w = s.scroller.clientWidth;
  const h = s.scroller.clientHeight;
  const dpr = window.devicePixelRatio || 1;
  if (s.canvas.width !== Math.round(w * dpr) || s.canvas.height !== Math.round(h * dpr)) {
    s.canvas.width = Math.round(w * dpr);
    s.canvas.height = Math.round(h * dpr);
    s.canvas.style.width = `${w}px`;
    s.canvas.style.height = `${h}px`;
  }
  const ctx = s.canvas.getContext("2d")!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const a = s.layout.min + s.scroller.scrollLeft / s.scale;
  return { ctx, w, h, a, b: a + (w - s.m.labelW) / s.scale };
}

export function draw(s: ViewState): void {
  const t0 = performance.now();
  const f = frame(s);
  f.ctx.clearRect(0, 0, f.w, f.h);
  f.ctx.font = "11px system-ui, sans-serif";
  const top = s.scroller.scrollTop;
  const first = Math.max(0, Math.floor(top / s.m.rowH));
  const last = Math.min(s.layout.rows.length, Math.ceil((top + f.h) / s.m.rowH));
  for (let r = first; r < last; r++) drawRow(s, f, r, s.m.axisH + r * s.m.rowH - top);
  drawMarked(s, f, false);
  drawLabels(s, f, first, last);
  drawAxis(s, f);
  drawMarked(s, f, true);
  // How long the frame took to draw, for the benchmark.
  s.host.dataset.drawMs = (performance.now() - t0).toFixed(2);
}

export function drawRow(s: ViewState, f: Frame, r: number, y: number): void {
  const row = s.layout.rows[r]!;
  const { ctx } = f;
  ctx.fillStyle = row.header ? "#e4e8f0" : r % 2 === 0 ? "#fafbfc" : "#f2f4f7";
  ctx.fillRect(s.m.labelW, y, f.w - s.m.labelW, s.m.rowH);
  const { start, end } = s.layout;
  let lastPixel = Number.NEGATIVE_INFINITY;
  for (let k = Model.firstEndingAfter(row, f.a); k < row.ops.length; k++) {
    const i = row.ops[k]!;
    if (start[i]! > f.b) break;
    const x0 = s.m.labelW + (start[i]! - f.a) * s.scale;
    const x1 = Math.max(x0 + 2, s.m.labelW + (end[i]! - f.a) * s.scale);
    if (x1 - x0 < 3 && Math.floor(x0) <= lastPixel) continue;
    lastPixel = Math.floor(x1);
    ctx.fillStyle = colour(s.d.t.status[i]!);
    if (s.d.t.status[i] === "e") ctx.fillRect(x0 - 2, y + 2, 4, s.m.rowH - 4);
    else ctx.fillRect(x0, y + 4, x1 - x0, s.m.rowH - 8);
  }
}

/** The marked ops' outlines, or (drawn last, over the axis) their labels. */
export function drawMarked(s: ViewState, f: Frame, labels: boolean): void {
  const { ctx } = f;
  ctx.lineWidth = 3;
  ctx.font = "bold 10px system-ui, sans-serif";
  for (const [i, label] of s.marked) {
    const box = boxOf(s, f, i);
    if (box === null || box.x + box.w < s.m.labelW) continue;
    ctx.strokeStyle = "#ff0080";
    if (!labels) ctx.strokeRect(box.x - 1, box.y - 1, box.w + 2, box.h + 2);
    if (!labels || label === "") continue;
    ctx.fillStyle = "#ff0080";
    ctx.fillRect(box.x - 1, box.y - 13, ctx.measureText(label).width + 6, 12);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(label, box.x + 2, box.y - 3);
  }
}

export function drawLabels(s: ViewState, f: Frame, first: number, last: number): void {
  const { ctx } = f;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, s.m.labelW, f.h);
  for (let r = first; r < last; r++) {
    const row = s.layout.rows[r]!;
    const y = s.m.axisH + r * s.m.rowH - s.scroller.scrollTop;
    ctx.fillStyle = row.header ? "#1d2a44" : "#39414f";
    ctx.font = row.header ? "bold 11px system-ui, sans-serif" : "11px system-ui, sans-serif";
    ctx.fillText(Dom.showValue(row.label, 1000).slice(1, -1).slice(0, 30), 6, y + 13);
  }
}

export function drawAxis(s: ViewState, f: Frame): void {
  const { ctx } = f;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, f.w, s.m.axisH);
  ctx.fillStyle = "#39414f";
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillText(s.axis === "time" ? "time" : s.d.t.positions === "line" ? "line" : "event", 6, 15);
  const step = niceStep((f.b - f.a) / Math.max(1, (f.w - s.m.labelW) / 110));
  for (let t = Math.ceil(f.a / step) * step; t <= f.b; t += step) {
    const x = s.m.labelW + (t - f.a) * s.scale;
    ctx.fillRect(x, s.m.axisH - 6, 1, 6);
    ctx.fillText(String(Number(t.toPrecision(12))), x + 3, 15);
  }
  ctx.fillRect(s.m.labelW, s.m.axisH - 1, f.w - s.m.labelW, 1);
}

export function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-12)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

export function boxOf(s: ViewState, f: Frame, i: number) {
  const r = s.layout.rowOf[i]!;
  const y = s.m.axisH + r * s.m.rowH - s.scroller.scrollTop;
  const x0 = s.m.labelW + (s.layout.start[i]! - f.a) * s.scale;
  const x1 = Math.max(x0 + 4, s.m.labelW + (s.layout.end[i]! - f.a) * s.scale);
  if (y + s.m.rowH < s.m.axisH || y > f.h || x1 < s.m.labelW || x0 > f.w) return null;
  return { x: x0, y: y + 4, w: x1 - x0, h: s.m.rowH - 8 };
}

export function opBox(s: ViewState, id: number) {
  const i = s.d.index.get(id);
  return i === undefined ? null : boxOf(s, frame(s), i);
}

/** The op under a point (CSS pixels from the scroller's corner), or -1. */
export function hit(s: ViewState, x: number, y: number): number {
  if (x < s.m.labelW || y < s.m.axisH) return -1;
  const row = s.layout.rows[Math.floor((y - s.m.axisH + s.scroller.scrollTop) / s.m.rowH)];
  if (row === undefined) return -1;
  const a = s.layout.min + s.scroller.scrollLeft / s.scale;
  const t = a + (x - s.m.labelW) / s.scale;
  const slack = 4 / s.scale;
  for (let k = Model.firstEndingAfter(row, t - slack); k < row.ops.length; k++) {
    const i = row.ops[k]!;
    if (s.layout.start[i]! > t + slack) break;
    if (s.layout.end[i]! >= t - slack) return i;
  }
  return -1;
}

/** What a tooltip says of an op. */
export function describe(d: Decoded, i: number): string {
  const t = d.t;
  const status = { o: "ok", f: "fail", i: "info", e: "event" }[t.status[i]!] ?? "?";
  const session = t.sessions[t.session[i]!];
  const process = t.processes[t.process[i]!];
  const lines = Number.isNaN(d.cmpLine[i]!) ? `${d.invLine[i]}` : `${d.invLine[i]}-${d.cmpLine[i]}`;
  const out = [
    `op ${d.ids[i]}: ${t.fs[t.f[i]!]} (${status})`,
    `process ${Dom.showValue(process, 40)}${session === process ? "" : `, session ${Dom.showValue(session, 40)}`}`,
  ];
  if (t.key[i]! >= 0) out.push(`key ${Dom.showValue(t.keys[t.key[i]!], 60)}`);
  const omitted = t.omitted.includes(i);
  out.push(`value ${omitted ? "(long: left out)" : Dom.showValue(t.value[i], 80)}`);
  if (t.node[i]! >= 0) out.push(`at ${Dom.showValue(t.nodes[t.node[i]!], 40)}`);
  out.push(`lines ${lines}`);
  if (d.invTime)
    out.push(
      `time ${d.invTime[i]}${d.cmpTime && !Number.isNaN(d.cmpTime[i]!) ? ` to ${d.cmpTime[i]}` : ""}`,
    );
  return out.join("\n");
}
