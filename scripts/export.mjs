#!/usr/bin/env node
// `npm run export`: every notebook as teaching material in exports/ (gitignored):
//   exports/<name>.html  executed by nbconvert on the project kernel, with the saved widget
//                        state dropped, so each figure falls back to its static SVG: visible offline,
//                        without JavaScript;
//   exports/<name>.pdf   that HTML printed by headless Chromium.
// Each page is also live (scripts/lib/live-page.mjs, widgets/page/): its cells, compiled with the
// kernel's compiler, run in the page on the library's browser build, so every widget works with no
// kernel and no network; the saved static outputs show until then (and without JavaScript, and in
// print). `--static` leaves the pages static. The scripts are shared by all pages in exports/_static/.
// Formulas are typeset by a local MathJax 3 (exports/_static/mathjax/, from node_modules), and
// the page loads nothing from a CDN (template scripts/nbconvert/upsampling-lab), so the
// exports folder works offline as it stands.
//
//   node scripts/export.mjs [NOTEBOOK.ipynb ...] [--out DIR] [--no-pdf] [--static] [--site] [--no-solutions] [--executed DIR]
// `--site` also writes DIR/index.html listing every exported notebook in order, English and Vietnamese.
// `--executed DIR`: a notebook whose executed copy is at DIR/<its path below the repo> (as the notebook
// tests write them) is converted from that copy instead of being run again.
// Without notebooks it exports notebooks/**/*.ipynb, keeping their sub-folders: the teacher's
// solutions too (DIR/solutions/, live like the others, listed apart on the index), unless
// `--no-solutions` (a folder published for students; see widgets/page/README.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHROMIUM_FLAGS, findChromium } from "./lib/chromium.mjs";
import { report, run, SetupError } from "./lib/proc.mjs";
import { buildLivePage } from "./lib/live-page-build.mjs";
import { compileNotebook, makeLive, notebookAssets, notebookLanguage } from "./lib/live-page.mjs";
import { envExecutable } from "./lib/python-env.mjs";
import { writeSiteIndex } from "./lib/site-index.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TAG = "export";

function parseArgs(argv) {
  const options = {
    out: path.join(root, "exports"),
    pdf: true,
    live: true,
    site: false,
    solutions: true,
    executed: null,
    notebooks: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") {
      if (!argv[i + 1]) throw new SetupError("--out needs a folder");
      options.out = path.resolve(argv[++i]);
    } else if (arg === "--executed") {
      if (!argv[i + 1]) throw new SetupError("--executed needs a folder");
      options.executed = path.resolve(argv[++i]);
    } else if (arg === "--no-pdf") options.pdf = false;
    else if (arg === "--static") options.live = false;
    else if (arg === "--site") options.site = true;
    else if (arg === "--no-solutions") options.solutions = false;
    else if (arg.startsWith("--"))
      throw new SetupError(
        `unknown option ${arg}; usage: npm run export -- [NOTEBOOK ...] [--out DIR] [--no-pdf] [--static] [--site] [--no-solutions] [--executed DIR]`,
      );
    else options.notebooks.push(path.resolve(arg));
  }
  return options;
}

function shippedNotebooks(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.name.startsWith(".")) return [];
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return shippedNotebooks(full);
      return entry.name.endsWith(".ipynb") ? [full] : [];
    })
    .sort();
}

/** Whether `notebook` is one of the teacher's solutions (under notebooks/solutions/). */
function isSolution(notebook) {
  const relative = path.relative(path.join(root, "notebooks", "solutions"), notebook);
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Output folder for a notebook: its sub-folder of notebooks/ mirrored under `out`. */
function outputDir(out, notebook) {
  const relative = path.relative(path.join(root, "notebooks"), path.dirname(notebook));
  return relative.startsWith("..") || path.isAbsolute(relative) ? out : path.join(out, relative);
}

/** Copy MathJax 3 (one self-contained file with its SVG fonts) into `out`; returns its path. */
function copyMathJax(out) {
  const source = path.join(root, "node_modules", "mathjax", "es5", "tex-svg.js");
  if (!fs.existsSync(source)) throw new SetupError(`${source} is missing: run \`npm run setup\` first`);
  const target = path.join(out, "_static", "mathjax", "tex-svg.js");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  return target;
}

/**
 * Execute and convert one notebook to HTML; returns the HTML path. Two nbconvert runs: the first
 * executes (in the notebook's own folder, so its data files resolve) into a scratch copy, the
 * second converts that copy; given `executedCopy` (the notebook already run), the first is
 * skipped. In between the saved widget state is dropped, so every widget output falls back to
 * its static figure. (Executing with `store_widget_state=False` instead is not an option:
 * nbclient 0.11 then raises a KeyError as soon as an Output widget captures output during a cell.)
 */
export function exportHtml(jupyter, notebook, dir, mathJax, executedCopy = null) {
  const mathJaxUrl = path.relative(dir, mathJax).split(path.sep).join("/");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-export-"));
  try {
    const executed = path.join(scratch, path.basename(notebook));
    if (executedCopy) fs.copyFileSync(executedCopy, executed);
    else
      run(
        jupyter,
        ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", "--output-dir", scratch, notebook],
        { cwd: root },
      );
    const nb = JSON.parse(fs.readFileSync(executed, "utf8"));
    delete nb.metadata.widgets;
    fs.writeFileSync(executed, JSON.stringify(nb, null, 1));
    run(
      jupyter,
      [
        "nbconvert",
        "--to",
        "html",
        `--TemplateExporter.extra_template_basedirs=${path.join(root, "scripts", "nbconvert")}`,
        "--template",
        "upsampling-lab",
        `--HTMLExporter.mathjax_url=${mathJaxUrl}`,
        `--HTMLExporter.language_code=${notebookLanguage(notebook)}`,
        "--output-dir",
        dir,
        executed,
      ],
      { cwd: root },
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return path.join(dir, `${path.basename(notebook, ".ipynb")}.html`);
}

/** Print an HTML file to PDF with headless Chromium; returns the PDF path. */
export function printPdf(chromium, html) {
  const pdf = html.replace(/\.html$/, ".pdf");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "upsampling-lab-pdf-"));
  try {
    run(
      chromium,
      [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        "--no-pdf-header-footer",
        "--virtual-time-budget=10000",
        `--print-to-pdf=${pdf}`,
        pathToFileURL(html).href,
      ],
      { env: { ...process.env, HOME: profile } },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0) throw new SetupError(`Chromium wrote no PDF for ${html}`);
  return pdf;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const jupyter = envExecutable(path.join(root, ".venv"), "jupyter");
  if (!fs.existsSync(jupyter)) throw new SetupError(`${jupyter} is missing: run \`npm run setup\` first`);
  const chromium = options.pdf ? findChromium() : null;
  const notebooks = (options.notebooks.length ? options.notebooks : shippedNotebooks(path.join(root, "notebooks"))).filter(
    (notebook) => options.solutions || !isSolution(notebook),
  );
  if (!notebooks.length) console.log(`[${TAG}] no notebooks under notebooks/ yet: nothing to export`);
  const mathJax = copyMathJax(options.out);
  const staticDir = path.join(options.out, "_static");
  if (options.live && notebooks.length) await buildLivePage(staticDir);
  for (const notebook of notebooks) {
    const startedAt = Date.now();
    const dir = outputDir(options.out, notebook);
    fs.mkdirSync(dir, { recursive: true });
    // Compiled first, so a type error fails the export before the notebook runs.
    const cells = options.live ? compileNotebook(notebook) : null;
    const executedCopy = options.executed && path.join(options.executed, path.relative(root, notebook));
    const html = exportHtml(jupyter, notebook, dir, mathJax, executedCopy && fs.existsSync(executedCopy) ? executedCopy : null);
    if (cells) makeLive(html, cells, notebookAssets(notebook), staticDir, notebookLanguage(notebook));
    const outputs = [path.relative(root, html)];
    if (chromium) outputs.push(path.relative(root, printPdf(chromium, html)));
    report(TAG, path.relative(root, notebook), outputs.join(", "), startedAt);
  }
  if (options.site) {
    // Every shipped notebook with a page in the output folder (this run's or an earlier one's).
    const notebooksDir = path.join(root, "notebooks");
    const pages = shippedNotebooks(notebooksDir).flatMap((notebook) => {
      if (!options.solutions && isSolution(notebook)) return [];
      const html = path.join(outputDir(options.out, notebook), `${path.basename(notebook, ".ipynb")}.html`);
      const pdf = html.replace(/\.html$/, ".pdf");
      return fs.existsSync(html) ? [{ notebook, html, pdf: fs.existsSync(pdf) ? pdf : undefined }] : [];
    });
    const index = writeSiteIndex(options.out, notebooksDir, pages);
    console.log(`[${TAG}] site index: ${path.relative(root, index)} (${pages.length} pages)`);
  }
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[${TAG}] ${error.message}`);
  process.exit(1);
}
