/// <reference lib="dom" />
/**
 * Browser code (see ../page.ts): the chosen anomaly's explanation, in the text report's shape
 * (summary, labelled ops, steps, rule), and the picture of its proof. The picture is an
 * <img> of the SVG that Graphviz wrote: an image cannot run script, whatever it holds.
 */
import type { PageAnomaly, PageFile, PageReason } from "../data.js";
import type * as DomModule from "./dom.js";

declare const Dom: typeof DomModule;

export function showAnomaly(box: HTMLElement, a: PageAnomaly, onOp: (id: number) => void): void {
  box.replaceChildren(
    Dom.el("h3", null, null, `${a.checker} [${a.n}] `, Dom.el("code", null, null, a.kind)),
    Dom.el("p", "headline", null, a.summary),
    opsTable(a, onOp),
    Dom.el("ul", "steps", null, ...a.steps.map((s) => Dom.el("li", null, null, s))),
    Dom.el("p", "rule", null, Dom.el("b", null, null, "Rule: "), a.rule),
    picture(a),
  );
}

export function opsTable(a: PageAnomaly, onOp: (id: number) => void): HTMLElement {
  const rows = a.ops.map((o) => {
    const label = Dom.el(
      "button",
      "op-label",
      { type: "button", title: "show on the timeline" },
      o.label,
    );
    if (o.op !== undefined) {
      const id = o.op;
      label.addEventListener("click", () => onOp(id));
    }
    return Dom.el(
      "tr",
      null,
      null,
      Dom.el("td", null, null, label),
      Dom.el("td", null, null, o.text),
    );
  });
  return Dom.el("table", "ops", null, ...rows);
}

export function picture(a: PageAnomaly): HTMLElement {
  if (a.svg === undefined) {
    return Dom.el("p", "no-picture", null, `No picture: ${a.noPicture ?? "none was drawn"}.`);
  }
  const img = Dom.el("img", "proof", {
    alt: `The proof of ${a.checker} [${a.n}] as a graph`,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(a.svg)}`,
  });
  return Dom.el("figure", null, null, img);
}

/** The undecided, n/a and note lines; those citing ops highlight them when chosen. */
export function reasonList(f: PageFile, onChoose: (r: PageReason) => void): HTMLElement {
  const items = f.reasons.map((r) => {
    const head = Dom.el("b", null, null, `${r.checker} ${r.kind}: `);
    if (r.ops.length === 0) return Dom.el("li", null, null, head, r.text);
    const b = Dom.el("button", "linkish", { type: "button" }, r.text);
    b.addEventListener("click", () => onChoose(r));
    return Dom.el("li", null, null, head, b);
  });
  return Dom.el("ul", "reasons", null, ...items);
}

export function summaryTable(f: PageFile): HTMLElement {
  const rows = f.checkers.map((c) =>
    Dom.el(
      "tr",
      null,
      null,
      Dom.el("td", null, null, c.checker),
      Dom.el("td", null, null, Dom.badge(c.verdict)),
      Dom.el("td", null, null, c.summary.replace(/^\S+\s*/, "")),
    ),
  );
  return Dom.el("table", "checkers", null, ...rows);
}
