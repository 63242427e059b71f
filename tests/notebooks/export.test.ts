// `npm run export` end to end: notebooks (the generated smoke notebook and every shipped one but
// the solutions) become HTML and PDF. The course notebooks run once, on nbclient: checked here as
// execute.test.ts checks the solutions (executed-checks.ts), and exported from those executed
// copies (export.mjs --executed); the smoke notebook the export runs itself. Each HTML is then
// opened in Chromium with the network off: with its live scripts blocked every figure must be
// there and carry ink; with JavaScript disabled every figure still shows; as a live page it runs
// every cell with no error output. The PDF holds every line of every code cell (long lines wrap,
// never cut). Exports go to build/export-test/ (gitignored).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../browser/browser";
import { exportedCell, liveState, openLivePage } from "../browser/live-page";
import { heatmapValues } from "../browser/widget-page";
import { arange, convTranspose2d, overlapCounts, tensor, upsampleNearest } from "../../src/index";
import { pdfTexts } from "./pdf-text";
import { FIGURE_REPORT_SCRIPT, type FigureReport } from "./figure-check";
import { joinText, type Notebook } from "./notebook-format";
import { courseNotebooks, expectCleanRun } from "./executed-checks";
import { BUILD_DIR, REPO_ROOT, requireProjectKernel } from "./project";
import { executeNotebook, type ExecutedNotebook } from "./run-notebook";
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

/** The course notebooks' executed copies, at their repo-relative paths (export.mjs --executed reads them). */
const EXECUTED_DIR = path.join(EXPORT_DIR, "executed");

const smoke = path.join(EXPORT_DIR, "input", "smoke.ipynb");
// Solutions notebooks (notebooks/solutions/) hold no figures; they execute in execute.test.ts.
const course = courseNotebooks();
const notebooks = [smoke, ...course.map((notebook) => path.join(REPO_ROOT, notebook))];
/** nbclient's run of each course notebook: checked here, then exported as it stands (not run again). */
const executions = new Map<string, ExecutedNotebook>();
let browser: Browser;
let noScript: Browser;

beforeAll(
  async () => {
    requireProjectKernel();
    fs.rmSync(EXPORT_DIR, { recursive: true, force: true });
    writeSmokeNotebook(path.dirname(smoke));
    for (const notebook of course) {
      executions.set(notebook, await executeNotebook(path.join(REPO_ROOT, notebook), path.join(EXECUTED_DIR, notebook)));
    }
    // The smoke notebook has no executed copy: the export runs it itself, as `npm run export` does.
    const args = ["--out", OUT_DIR, "--executed", EXECUTED_DIR, ...notebooks];
    await run(process.execPath, [path.join(REPO_ROOT, "scripts", "export.mjs"), ...args], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000 + notebooks.length * 240_000,
    });
    browser = await launchBrowser();
    noScript = await launchBrowser({ javaScriptEnabled: false });
  },
  60_000 + notebooks.length * 240_000,
);

afterAll(async () => {
  await browser?.close();
  await noScript?.close();
});

/**
 * Live-page checks of `interact` sliders: in the cell whose code contains `cell`, slider number
 * `slider` moved one step right with the keyboard redraws the cell's heatmap number `map` with
 * `expected()`, the numbers the library computes here in Node for the new setting.
 */
const LIVE_SLIDER_CHECKS: Record<string, { cell: string; slider: number; map: number; expected: () => number[] }> = {
  // factor h 2 -> 3 (factor w stays 3): the nearest-neighbour plane of the 3x4 ramp.
  "02-fixed-upsampling.ipynb": {
    cell: "const nearestExplorer",
    slider: 0,
    map: 1,
    expected: () => Array.from(upsampleNearest(arange(12).reshape([1, 3, 4, 1]), { scale: [3, 3], layout: "NHWC" }).data),
  },
  // stride 2 -> 3 (padding 1): the output of the article's 2x2 example.
  "04-stride-and-padding.ipynb": {
    cell: "const sp = await interact",
    slider: 0,
    map: 1,
    expected: () => {
      const x = tensor([
        [0, 1],
        [2, 3],
      ]);
      return Array.from(convTranspose2d(x, x, { stride: 3, padding: 1 }).data);
    },
  },
  // input size 3 -> 4 (k 3, s 2, p 1): terms per output pixel.
  "06-output-size.ipynb": {
    cell: "const calculator = await interact",
    slider: 0,
    map: 0,
    expected: () =>
      Array.from(overlapCounts({ inputSize: 4, kernelSize: 3, stride: 2, padding: 1, outputPadding: 0, dilation: 1 }).data),
  },
  // kernel 3 -> 4 (i 6, s 2): the even overlap of a kernel the stride divides.
  "09-checkerboard-artifacts.ipynb": {
    cell: "const overlapExplorer",
    slider: 0,
    map: 0,
    expected: () => Array.from(overlapCounts({ inputSize: 6, kernelSize: 4, stride: 2 }).data),
  },
};

/** Code lines of the cells an export shows (check cells are left out), blank lines dropped. */
function exportedCodeLines(notebook: string): string[] {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8")) as Notebook;
  return nb.cells
    .filter(
      (cell) =>
        cell.cell_type === "code" &&
        !((cell.metadata as { tags?: string[] } | undefined)?.tags ?? []).some((t) => t === "check" || t === "summary"),
    )
    .flatMap((cell) => joinText(cell.source).split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

it("shows what an Output widget captured while its cell ran (smoke notebook)", () => {
  expect(fs.readFileSync(exportedHtml(smoke), "utf8")).toContain("captured by an Output widget");
});

describe.each(course.map((notebook) => [notebook]))("%s", (notebook) => {
  it("runs top to bottom with no error output (the executed copy the export converts)", () => {
    const execution = executions.get(notebook);
    if (!execution) throw new Error(`${notebook} was not executed`);
    expectCleanRun(notebook, execution);
  });
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
    const texts = (await pdfTexts(exportedHtml(notebook).replace(/\.html$/, ".pdf"))).map(comparable);
    const missing = exportedCodeLines(notebook).filter((line) => !texts.some((text) => text.includes(comparable(line))));
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
      // In the notebook's language (notebooks/vi/: Vietnamese).
      const vietnamese = path.basename(path.dirname(notebook)) === "vi";
      expect(status).toMatch(
        vietnamese ? /^Đang hoạt động: mọi ô đã chạy trong trang này/ : /^Live: every cell ran in this page/,
      );
      expect(await page.locator(".ul-live-error").count()).toBe(0);
      expect(blocked).toEqual([]);
    } finally {
      await page.close();
    }
  });

  const sliderCheck = LIVE_SLIDER_CHECKS[path.basename(notebook)];
  it.runIf(sliderCheck !== undefined)(
    "live page: a slider moved with the keyboard redraws its heatmap with the numbers Node computes",
    { timeout: 90_000 },
    async () => {
      const { page } = await openLivePage(browser, exportedHtml(notebook), 60_000);
      try {
        const cell = exportedCell(page, sliderCheck.cell);
        const map = cell.locator(".ul-heatmap").nth(sliderCheck.map);
        const before = await heatmapValues(map);
        await cell.locator(".widget-slider .noUi-handle").nth(sliderCheck.slider).focus();
        await page.keyboard.press("ArrowRight");
        const expected = sliderCheck.expected();
        expect(expected).not.toEqual(before);
        await expect
          .poll(() => heatmapValues(cell.locator(".ul-heatmap").nth(sliderCheck.map)), { timeout: 10_000 })
          .toEqual(expected);
      } finally {
        await page.close();
      }
    },
  );

  it("shows every figure offline, none blank", { timeout: 60_000 }, async () => {
    const html = exportedHtml(notebook);
    const source = fs.readFileSync(html, "utf8");
    expect(source).not.toContain("application/vnd.jupyter.widget-state+json");
    // Cells tagged `check` are left out of what exports show (the template's TagRemovePreprocessor);
    // the live page still runs them, compiled, in its cells script.
    const shown = source.replace(/<script type="application\/json" id="upsampling-lab-live-cells">[\s\S]*?<\/script>/, "");
    expect(shown).not.toMatch(/checks\.assert(Close|Equal|Shape|True)/);
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
