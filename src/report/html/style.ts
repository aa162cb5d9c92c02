/** The HTML report's style sheet (no custom properties, no imports: nothing outside the page). */
export function pageStyle(): string {
  return `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #f5f6f8; }
header { display: flex; gap: 16px; align-items: center; padding: 10px 18px; background: #1d2a44; color: #fff; }
header h1 { font-size: 18px; margin: 0; }
header select { max-width: 60vw; }
.file { padding: 12px 18px; }
.summary { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 10px 14px; margin-bottom: 12px; }
.summary h2 { font-size: 16px; margin: 0 0 4px; word-break: break-all; }
.facts { margin: 0 0 8px; color: #5a6272; }
table.checkers td { padding: 1px 10px 1px 0; }
pre.models { margin: 8px 0; font: 13px ui-monospace, monospace; white-space: pre-wrap; }
ul.reasons { margin: 6px 0 0; padding-left: 18px; color: #5a6272; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
.v-valid { background: #3a9d5d; } .v-invalid { background: #d64545; } .v-unknown { background: #c08a1e; } .v-na { background: #8a93a3; }
.columns { display: grid; grid-template-columns: minmax(240px, 340px) 1fr; gap: 12px; align-items: start; }
nav.anomalies { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 8px; max-height: 85vh; overflow: auto; }
nav.anomalies h2 { font-size: 15px; margin: 2px 4px 6px; }
nav.anomalies ol { list-style: none; margin: 0; padding: 0; }
button.anomaly { display: block; width: 100%; text-align: left; border: 1px solid transparent; background: none; padding: 5px 6px; border-radius: 4px; font: inherit; cursor: pointer; }
button.anomaly:hover { background: #eef1f6; }
button.anomaly.chosen { background: #ffe3f1; border-color: #ff0080; }
.tag { font: 12px ui-monospace, monospace; color: #5a6272; }
li.more, li.none { color: #5a6272; padding: 4px 6px; }
.right { min-width: 0; display: flex; flex-direction: column; gap: 12px; }
section.timeline, section.detail { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 8px; position: relative; }
.tl-controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 6px; font-size: 13px; }
.tl-scroller { height: 46vh; min-height: 90px; overflow: auto; border: 1px solid #e4e8f0; }
.tl-scroller canvas { position: sticky; top: 0; left: 0; display: block; }
.tl-tip { position: absolute; z-index: 2; pointer-events: none; white-space: pre; font: 12px ui-monospace, monospace; background: #1d2330; color: #fff; padding: 6px 8px; border-radius: 4px; max-width: 520px; overflow: hidden; }
.tl-legend { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 6px; font-size: 12px; color: #5a6272; }
.tl-key i { display: inline-block; width: 18px; height: 8px; margin-right: 5px; vertical-align: middle; }
.s-o { background: #3a9d5d; } .s-f { background: #d64545; } .s-i { background: #e0a030; } .s-e { background: #7a5cc7; width: 4px !important; } .s-h { border: 3px solid #ff0080; }
p.note, p.hint, p.no-picture { color: #5a6272; margin: 4px 0; }
section.detail h3 { margin: 2px 0 6px; font-size: 15px; }
p.headline { font-weight: 600; margin: 0 0 6px; }
table.ops td { vertical-align: top; padding: 2px 8px 2px 0; }
button.op-label { font: 600 13px ui-monospace, monospace; border: 1px solid #ff0080; color: #ff0080; background: #fff; border-radius: 3px; cursor: pointer; }
ul.steps { margin: 6px 0; padding-left: 20px; }
p.rule { color: #39414f; }
figure { margin: 8px 0 0; overflow: auto; }
img.proof { max-width: 100%; height: auto; }
section.figures { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 8px 14px; margin-top: 12px; }
section.figures h2 { font-size: 15px; margin: 2px 0 6px; } section.figures h3 { font-size: 14px; margin: 8px 0 4px; }
.figure-grid { display: flex; flex-wrap: wrap; gap: 14px 28px; align-items: flex-start; }
figure.measure { margin: 0; max-width: 480px; } figure.measure figcaption { font-size: 12px; color: #39414f; margin-bottom: 4px; }
table.measure { border-collapse: collapse; font-size: 12px; } table.measure th { text-align: left; font-weight: 600; padding: 1px 8px 1px 0; border-bottom: 1px solid #dde1e8; }
table.measure td { padding: 1px 8px 1px 0; } table.measure td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.measure svg text { font-size: 10px; fill: #5a6272; } figure.measure svg .axis-name { font-size: 11px; fill: #39414f; }
figure.measure .bar { fill: #4a78c2; } figure.measure .line { fill: none; stroke: #4a78c2; stroke-width: 2; } figure.measure .dot { fill: #1d2a44; } figure.measure .axis { stroke: #8a93a3; }
button.linkish { border: none; background: none; padding: 0; font: inherit; color: #2457a6; text-align: left; cursor: pointer; text-decoration: underline; }
`;
}
