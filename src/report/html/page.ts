/**
 * The page itself: a shell of HTML, the style, the report's data as a JSON block, and the
 * script. The script is the functions of ./browser/, compiled by tsc with the rest and put
 * in the page as their own source text (Function.prototype.toString): each module becomes
 * one namespace object, and modules call each other only through those (declared with
 * `declare const`), so the text needs no bundler. A Content-Security-Policy allows only
 * this script and style (by hash) and data: images: the page loads nothing from anywhere,
 * and even markup smuggled into it could not run.
 */
import { createHash } from "node:crypto";
import { stringifyExact } from "../../value-text.js";
import * as app from "./browser/app.js";
import * as detail from "./browser/detail.js";
import * as dom from "./browser/dom.js";
import * as draw from "./browser/draw.js";
import * as figures from "./browser/figures.js";
import * as model from "./browser/model.js";
import * as view from "./browser/view.js";
import type { PageData } from "./data.js";
import { pageStyle } from "./style.js";

const modules: Record<string, Record<string, unknown>> = {
  Dom: dom,
  Model: model,
  Draw: draw,
  View: view,
  Detail: detail,
  Figures: figures,
  App: app,
};

/** The page's script: every browser module as a namespace, then the app started. */
export function pageScript(): string {
  const namespaces = Object.entries(modules).map(([name, mod]) => {
    const fns = Object.values(mod).filter(
      (v): v is (...a: unknown[]) => unknown => typeof v === "function",
    );
    const body = fns.map((f) => f.toString()).join("\n");
    return `const ${name} = (() => {\n${body}\nreturn { ${fns.map((f) => f.name).join(", ")} };\n})();`;
  });
  return `"use strict";\n${namespaces.join("\n")}\nApp.startApp();\n`;
}

export function htmlPage(data: PageData): string {
  const script = pageScript();
  const json = jsonForScript(data);
  const style = pageStyle();
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "img-src data:",
  ].join("; ");
  const title = data.files.length === 1 ? data.files[0]!.file : `${data.files.length} histories`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Causeway: ${escapeHtml(title)} (${data.verdict})</title>
<style>${style}</style>
</head>
<body>
<noscript>This report draws its timeline with JavaScript; the same findings are in the text and JSON reports.</noscript>
<div id="app"></div>
<script type="application/json" id="causeway-data"${json.exact ? ' data-exact=""' : ""}>${json.text}</script>
<script>${script}</script>
</body>
</html>
`;
}

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}

/** HTML text: the five characters that markup gives a meaning to, escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that can sit inside a <script> element: `<` cannot start `</script>` or `<!--`, and the
 * line separators that older parsers took for line ends are escaped too. Still JSON. JSON.stringify
 * writes it where it can (several times faster); where it cannot (a bigint, an integer beyond
 * 2^53, or a value nested too deep) stringifyExact does, and `exact` tells the page to read
 * such integers back as bigints (a slower parse, so only then).
 */
export function jsonForScript(value: unknown): { text: string; exact: boolean } {
  let text: string;
  let exact = false;
  try {
    text = JSON.stringify(value);
  } catch {
    text = stringifyExact(value);
    exact = true;
  }
  const escaped = text.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return { text: escaped, exact };
}
