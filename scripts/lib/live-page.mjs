// Turns an exported notebook page into a live one (scripts/export.mjs): the notebook's code cells
// compiled to JavaScript with the kernel's own compiler go into the page, with the scripts of the
// shared `_static/` folder that run them (scripts/lib/live-page-build.mjs). The saved outputs stay
// in the HTML: they show at once, without JavaScript and in print; live outputs replace them cell by
// cell once the page has run the notebook.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RUNTIME_GLOBAL } from "./live-page-build.mjs";
import { SetupError } from "./proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

/** The status line's words per language (widgets/page/status-text.ts uses them too). */
const STATUS_TEXT = JSON.parse(fs.readFileSync(path.join(root, "widgets", "page", "status-text.json"), "utf8"));

/**
 * The language a notebook is written in, from its folder: `vi` for a notebook in a folder named
 * `vi` (notebooks/vi/ and notebooks/solutions/vi/ hold the Vietnamese edition), else `en`. The export writes it as the page's `<html lang>`.
 */
export function notebookLanguage(notebook) {
  return path.basename(path.dirname(path.resolve(notebook))) === "vi" ? "vi" : "en";
}

/** Id of the element holding the compiled cells (widgets/page/page.ts reads it). */
const CELLS_ELEMENT_ID = "upsampling-lab-live-cells";

/**
 * Compiles the code cells of `notebook` (a path) in order; a TypeScript error fails the export
 * naming the notebook, the cell and the line.
 */
export function compileNotebook(notebook) {
  const compiler = path.join(root, "dist", "kernel", "src", "cell-compiler.js");
  if (!fs.existsSync(compiler)) throw new SetupError(`${compiler} is missing: run \`npm run build\` first`);
  const { compileCells, CellCompileError } = require(compiler);
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8"));
  const cells = nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c, i) => ({ id: c.id ?? `code-${i}`, source: Array.isArray(c.source) ? c.source.join("") : c.source }));
  try {
    return compileCells(path.dirname(notebook), cells);
  } catch (error) {
    if (error instanceof CellCompileError) throw new SetupError(`${path.relative(root, notebook)}: ${error.message}`);
    throw error;
  }
}

/** Largest file a page embeds for its cells to read. */
const MAX_ASSET_BYTES = 8 * 1024 * 1024;

/**
 * Files the cells of `notebook` name in string literals (e.g. "data/chelsea-128.png") that exist
 * relative to its folder: base64 by the path as written, for the page's read-only `fs`.
 */
export function notebookAssets(notebook) {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8"));
  const assets = {};
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    for (const [, literal] of source.matchAll(/"([^"\n]+\.[A-Za-z0-9]+)"/g)) {
      const file = path.resolve(path.dirname(notebook), literal);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile() || fs.statSync(file).size > MAX_ASSET_BYTES) continue;
      assets[literal] = fs.readFileSync(file).toString("base64");
    }
  }
  return assets;
}

/** CSS of live pages: the status line, live outputs replacing saved ones; print shows the saved ones (wrapping: the template). */
const LIVE_CSS = `
#upsampling-lab-status { position: sticky; top: 0; z-index: 10; margin: 0 0 8px; padding: 4px 10px; font: 13px/1.4 system-ui, sans-serif;
  background: #eef4fb; color: #123; border-bottom: 1px solid #c8d6e5; }
#upsampling-lab-status:empty { display: none; }
#upsampling-lab-status[data-state="partial"], #upsampling-lab-status[data-state="failed"] { background: #fff4e0; border-color: #e0b060; }
.jp-Cell-outputWrapper.ul-replaced { display: none; }
.ul-live-outputs { padding-left: 0; }
.ul-live-error pre { color: #a40000; }
@media print {
  #upsampling-lab-status, .ul-live-outputs { display: none !important; }
  .jp-Cell-outputWrapper.ul-replaced { display: block !important; }
}`;

/** Text safe inside a `<script>` element. */
function scriptText(json) {
  return json.replace(/<\//g, "<\\/").replace(/<!--/g, "<\\!--");
}

/**
 * Rewrites the exported `html` file in place into a live page for `cells` (from `compileNotebook`)
 * and `assets` (from `notebookAssets`),
 * its scripts loaded from `staticDir` (the shared assets folder, referenced relative to the page),
 * its status line in `language` (`en` or `vi`, from `notebookLanguage`).
 */
export function makeLive(html, cells, assets, staticDir, language = "en") {
  const rel = path.relative(path.dirname(html), staticDir).split(path.sep).join("/");
  let page = fs.readFileSync(html, "utf8");
  const text = STATUS_TEXT[language] ?? STATUS_TEXT.en;
  const missing = text.missingStatic.replace("{folder}", rel);
  /** Inline JavaScript that puts the page in the `failed` state with `message` in its status line. */
  const failWith = (message) =>
    `var s=document.getElementById('upsampling-lab-status');if(s){s.dataset.state='failed';s.textContent=${JSON.stringify(message)};}document.documentElement.dataset.liveState='failed';`;
  const fail = failWith(missing);
  const onError = fail.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  // live-page.js marks the page when it runs; a truncated or damaged copy never does (a script that
  // does not parse fires no error event): the runtime it would have driven is stopped, and the page says why.
  const check = `if(document.documentElement.dataset.livePage!=='started'){var r=window.${RUNTIME_GLOBAL};if(r&&r.worker)r.worker.terminate();${fail}}`;
  const head = `<link rel="stylesheet" href="${rel}/live-page.css">\n<style>${LIVE_CSS}</style>\n`;
  // A page cut off before its end (a broken copy or upload) loses the scripts below: once loaded, it
  // says so itself if they never marked it running.
  const truncated = `window.addEventListener('load',function(){if(!document.documentElement.dataset.liveState){${failWith(text.truncatedPage)}}});`;
  const status = `<div id="upsampling-lab-status" role="status" aria-live="polite"></div>\n<script>${scriptText(truncated)}</script>\n`;
  const scripts = [
    `<script type="application/json" id="${CELLS_ELEMENT_ID}">${scriptText(JSON.stringify({ cells, assets }))}</script>`,
    `<script>document.getElementById('upsampling-lab-status').textContent=${scriptText(JSON.stringify(text.starting))};document.documentElement.dataset.liveState='running';</script>`,
    `<script src="${rel}/live-runtime.js" onerror="${onError}"></script>`,
    `<script src="${rel}/live-page.js" onerror="${onError}"></script>`,
    `<script>${scriptText(check)}</script>`,
  ].join("\n");
  if (!page.includes("</head>") || !/<body[^>]*>/.test(page) || !page.includes("</body>"))
    throw new SetupError(`${html} has no head or body to make live`);
  page = page.replace("</head>", `${head}</head>`);
  page = page.replace(/<body[^>]*>/, (tag) => `${tag}\n${status}`);
  const end = page.lastIndexOf("</body>");
  page = `${page.slice(0, end)}${scripts}\n${page.slice(end)}`;
  fs.writeFileSync(html, page);
}
