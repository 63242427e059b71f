// `npm run export` end to end: notebooks (the generated smoke notebook and every shipped one)
// become HTML and PDF; each HTML is then opened in Chromium with the network off: with its live
// scripts blocked every figure must be there and carry ink; with JavaScript disabled every figure
// still shows; as a live page it runs every cell with no error output. The PDF holds every line of
// every code cell (long lines wrap, never cut). Exports go to build/export-test/ (gitignored).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../browser/browser";
import { liveState, openLivePage } from "../browser/live-page";
import { pdfText } from "./pdf-text";
import { FIGURE_REPORT_SCRIPT, type FigureReport } from "./figure-check";
import { joinText, type Notebook } from "./notebook-format";
import { BUILD_DIR, REPO_ROOT, requireProjectKernel, shippedNotebooks } from "./project";
import { writeSmokeNotebook } from "./smoke-notebook";

const run = promisify(execFile);

/** Whether a notebook's markdown holds $...$ formulas. */
function hasMath(notebook: string): boolean {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8")) as Notebook;
  return nb.cells.some((cell) => cell.cell_type === "markdown" && /\$[^$\n]+\$/.test(joinText(cell.source)));
}
const EXPORT_DIR = path.join(BUILD_DIR, "export-test");
const OUT_DIR = path.join(EXPORT_DIR, "out");

/** Exported HTML path of a notebook, mirroring scripts/export.mjs's layout. */
function exportedHtml(notebook: string): string {
  const relative = path.relative(path.join(REPO_ROOT, "notebooks"), notebook);
  const sub = relative.startsWith("..") ? "" : path.dirname(relative);
  return path.join(OUT_DIR, sub, `${path.basename(notebook, ".ipynb")}.html`);
}

const smoke = path.join(EXPORT_DIR, "input", "smoke.ipynb");
// Solutions notebooks (notebooks/solutions/) hold no figures; they execute in execute.test.ts.
const course = shippedNotebooks().filter((notebook) => !notebook.startsWith(path.join("notebooks", "solutions") + path.sep));
const notebooks = [smoke, ...course.map((notebook) => path.join(REPO_ROOT, notebook))];
let browser: Browser;
let noScript: Browser;

beforeAll(async () => {
  requireProjectKernel();
  fs.rmSync(EXPORT_DIR, { recursive: true, force: true });
  writeSmokeNotebook(path.dirname(smoke));
  await run(process.execPath, [path.join(REPO_ROOT, "scripts", "export.mjs"), "--out", OUT_DIR, ...notebooks], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000 + notebooks.length * 240_000,
  });
  browser = await launchBrowser();
  noScript = await launchBrowser({ javaScriptEnabled: false });
}, 60_000 + notebooks.length * 240_000);

afterAll(async () => {
  await browser?.close();
  await noScript?.close();
});

/** Code lines of the cells an export shows (check cells are left out), blank lines dropped. */
function exportedCodeLines(notebook: string): string[] {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8")) as Notebook;
  return nb.cells
    .filter((cell) => cell.cell_type === "code" && !((cell.metadata as { tags?: string[] } | undefined)?.tags ?? []).some((t) => t === "check" || t === "summary"))
    .flatMap((cell) => joinText(cell.source).split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

it("shows what an Output widget captured while its cell ran (smoke notebook)", () => {
  expect(fs.readFileSync(exportedHtml(smoke), "utf8")).toContain("captured by an Output widget");
});

describe.each(notebooks.map((notebook) => [path.relative(REPO_ROOT, notebook), notebook]))("export of %s", (_name, notebook) => {
  it("has a PDF", () => {
    const pdf = exportedHtml(notebook).replace(/\.html$/, ".pdf");
    const head = fs.readFileSync(pdf).subarray(0, 5).toString("latin1");
    expect(head).toBe("%PDF-");
    expect(fs.statSync(pdf).size).toBeGreaterThan(5_000);
  });

  it("holds every code line in its PDF, long lines wrapped rather than cut", async () => {
    // Compared without white space (wrapping adds line breaks) and without symbols outside ASCII
    // (pdftotext cannot map every fallback-font glyph, e.g. ×, back to text).
    const comparable = (text: string): string => text.replace(/[\s\u0080-\uffff]+/g, "");
    const text = comparable(await pdfText(exportedHtml(notebook).replace(/\.html$/, ".pdf")));
    const missing = exportedCodeLines(notebook).filter((line) => !text.includes(comparable(line)));
    expect(missing).toEqual([]);
  });

  it("shows every saved figure with JavaScript disabled", async () => {
    const page = await noScript.context.newPage();
    try {
      await page.goto(pathToFileURL(exportedHtml(notebook)).href, { waitUntil: "load" });
      const figures = (await page.evaluate(
        `Array.from(document.querySelectorAll(".jp-OutputArea-output img, .jp-OutputArea-output svg"))
          .filter((el) => !(el.parentElement && el.parentElement.closest("svg")))
          .map((el) => { const box = el.getBoundingClientRect();
            return { width: box.width, height: box.height, loaded: el.tagName !== "IMG" || (el.complete && el.naturalWidth > 0) }; })`,
      )) as { width: number; height: number; loaded: boolean }[];
      expect(figures.length).toBeGreaterThan(0);
      expect(figures.filter((f) => !f.loaded || f.width === 0 || f.height === 0)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("becomes a live page offline: every cell runs in the page with no error output", { timeout: 90_000 }, async () => {
    const { page, blocked } = await openLivePage(browser, exportedHtml(notebook), 60_000);
    try {
      const status = await page.locator("#upsampling-lab-status").innerText();
      expect(await liveState(page), status).toBe("live");
      expect(await page.locator(".ul-live-error").count()).toBe(0);
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows every figure offline, none blank", { timeout: 60_000 }, async () => {
    const html = exportedHtml(notebook);
    const source = fs.readFileSync(html, "utf8");
    expect(source).not.toContain("application/vnd.jupyter.widget-state+json");
    // Cells tagged `check` are left out of exports (the template's TagRemovePreprocessor).
    expect(source).not.toMatch(/checks\.assert(Close|Equal|Shape|True)/);
    const page = await browser.context.newPage();
    const blocked: string[] = [];
    try {
      await page.context().setOffline(true);
      await page.route("**/*", (route) => {
        const url = route.request().url();
        // The saved page, without its live scripts (they replace figures as the notebook runs).
        if (/\/_static\/live-[a-z]+\.js$/.test(url)) return route.abort();
        if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
        blocked.push(url);
        return route.abort("internetdisconnected");
      });
      await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
      const figures = (await page.evaluate(FIGURE_REPORT_SCRIPT)) as FigureReport[];
      expect(figures.length, "figures in the export").toBeGreaterThan(0);
      figures.forEach((figure, index) => {
        const where = `figure ${index + 1} of ${figures.length} (${figure.kind}, ${Math.round(figure.width)}x${Math.round(figure.height)})`;
        expect(figure.error, where).toBeUndefined();
        expect(figure.colours, `${where}: colours`).toBeGreaterThan(1);
        expect(figure.inked, `${where}: share of non-background pixels`).toBeGreaterThan(0.005);
      });
      const outputs = await page.locator(".jp-OutputArea-output").count();
      expect(outputs).toBeGreaterThan(0);
      if (hasMath(notebook)) {
        // Formulas typeset offline by the local MathJax copy.
        const typeset = (await page.evaluate(
          "window.MathJax.startup.promise.then(() => document.querySelectorAll('mjx-container svg').length)",
        )) as number;
        expect(typeset, "formulas typeset by MathJax").toBeGreaterThan(0);
      }
    } finally {
      await page.context().setOffline(false);
      await page.close();
    }
  });
});
