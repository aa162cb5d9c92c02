/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): the page. It reads the report's data from the JSON block,
 * lays out one file at a time (verdicts, models, reasons, the anomaly list, the timeline and
 * the chosen anomaly's explanation), and keeps the timeline's highlight on the chosen
 * anomaly's ops. `window.causeway` lets tests drive it.
 */
import type { PageAnomaly, PageData, PageFile } from "../data.js";
import type * as DetailModule from "./detail.js";
import type * as DomModule from "./dom.js";
import type * as FiguresModule from "./figures.js";
import type * as ModelModule from "./model.js";
import type * as ViewModule from "./view.js";

declare const Dom: typeof DomModule;
declare const Detail: typeof DetailModule;
declare const Figures: typeof FiguresModule;
declare const Model: typeof ModelModule;
declare const View: typeof ViewModule;

export function startApp(): void {
  const block = document.getElementById("causeway-data")!;
  // Integers beyond 2^53 are read exactly where the report has any (a reviver costs time).
  const exact = block.hasAttribute("data-exact");
  const data = JSON.parse(block.textContent ?? "{}", exact ? exactIntegers : undefined) as PageData;
  const root = document.getElementById("app")!;
  const main = Dom.el("div", "file");
  const picker = filePicker(data, (i) => showFile(main, data.files[i]!));
  const title = Dom.el("h1", null, null, "Causeway report ", Dom.badge(data.verdict));
  root.append(Dom.el("header", null, null, title, picker), main);
  showFile(main, data.files[0]!);
}

/** A JSON reviver keeping integers beyond 2^53 exact, as bigints (it reads the number's source text). */
export function exactIntegers(
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (typeof value !== "number" || Number.isSafeInteger(value) || !context?.source) return value;
  return /^-?\d+$/.test(context.source) ? BigInt(context.source) : value;
}

export function filePicker(data: PageData, on: (i: number) => void): HTMLElement | null {
  if (data.files.length < 2) return null;
  const select = Dom.el("select", null, { "aria-label": "history file" }) as HTMLSelectElement;
  data.files.forEach((f, i) => {
    select.append(Dom.el("option", null, { value: String(i) }, `${f.file} (${f.verdict})`));
  });
  select.addEventListener("change", () => on(Number(select.value)));
  return select;
}

export function showFile(main: HTMLElement, f: PageFile): void {
  const detail = Dom.el(
    "section",
    "detail",
    null,
    Dom.el("p", "hint", null, "Choose an anomaly to see its proof."),
  );
  const timeline = Dom.el("section", "timeline");
  const list = Dom.el("nav", "anomalies");
  main.replaceChildren(
    header(f),
    Dom.el("div", "columns", null, list, Dom.el("div", "right", null, timeline, detail)),
  );
  const figures = Figures.figurePanel(f.figures);
  if (figures) main.append(figures);
  const view = View.createTimeline(timeline, Model.decodeTimeline(f.timeline));
  if (!f.complete) timeline.prepend(partialNote(f));
  const choose = (k: number) => select(f, k, { view, detail, list });
  list.append(...anomalyList(f, choose));
  main.querySelector(".summary")!.append(
    Detail.reasonList(f, (r) => {
      view.highlight(r.ops, {});
      view.reveal(r.ops);
    }),
  );
  Object.assign(window, { causeway: { select: choose, view, file: f.file } });
}

export function header(f: PageFile): HTMLElement {
  const facts = `${f.format}, ${f.ops} ops from ${f.events} events`;
  return Dom.el(
    "section",
    "summary",
    null,
    Dom.el("h2", null, null, f.file, " ", Dom.badge(f.verdict)),
    Dom.el("p", "facts", null, facts),
    Detail.summaryTable(f),
    Dom.el("pre", "models", null, f.models.map((l) => l.trim()).join("\n")),
  );
}

export function partialNote(f: PageFile): HTMLElement {
  const text = `This report was saved without its timeline: the timeline shows only the ${f.timeline.ops} ops its findings cite, placed by source line.`;
  return Dom.el("p", "note", null, text);
}

export function anomalyList(f: PageFile, choose: (k: number) => void): HTMLElement[] {
  const head = Dom.el("h2", null, null, `Anomalies (${f.anomalies.length})`);
  const items = f.anomalies.map((a, k) => {
    const b = Dom.el("button", "anomaly", { type: "button", "data-anomaly": String(k) });
    b.append(Dom.el("span", "tag", null, `${a.checker} [${a.n}]`), " ", a.summary);
    b.addEventListener("click", () => choose(k));
    return Dom.el("li", null, null, b);
  });
  const more = f.more.map((m) =>
    Dom.el("li", "more", null, `${m.checker}: ${m.count} more not kept in the report`),
  );
  if (items.length === 0) items.push(Dom.el("li", "none", null, "None found."));
  return [head, Dom.el("ol", null, null, ...items, ...more)];
}

export function select(
  f: PageFile,
  k: number,
  ui: { view: ViewModule.View; detail: HTMLElement; list: HTMLElement },
): void {
  const a: PageAnomaly = f.anomalies[k]!;
  for (const b of ui.list.querySelectorAll("button.anomaly")) {
    b.classList.toggle("chosen", (b as HTMLElement).dataset.anomaly === String(k));
  }
  const labels: Record<number, string> = {};
  for (const o of a.ops) if (o.op !== undefined) labels[o.op] = o.label;
  ui.view.highlight(a.cited, labels);
  ui.view.reveal(a.cited);
  Detail.showAnomaly(ui.detail, a, (id) => ui.view.reveal([id]));
}
