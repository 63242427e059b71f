// Every notebook in a real browser: JupyterLab from the project venv, Debian's Chromium.
// Each notebook is opened, Run All is clicked, and no error output may appear; a screenshot
// of each goes to build/screenshots/. Key notebooks get extra checks (notebook-checks.ts).
// One notebook is also opened and run in Jupyter Notebook 7. One server for the whole file.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { BUILD_DIR, NOTEBOOKS_DIR, REPO_ROOT, requireProjectKernel, shippedNotebooks } from "../notebooks/project";
import { writeSmokeNotebook } from "../notebooks/smoke-notebook";
import { launchBrowser, type Browser } from "./browser";
import { startJupyterServer, type JupyterServer } from "./jupyter-server";
import { LATENCY_SIZES, describeLatency, labelsExpected } from "./heatmap-latency";
import { measureInOpenLab } from "./heatmap-latency-run";
import { closeAllTabs, executionPrompts, openNotebook, outputProblems, runAll, screenshotNotebook } from "./lab-page";
import { recordHeatmapSlider } from "./latency-file";
import { NOTEBOOK_CHECKS } from "./notebook-checks";

/**
 * The server's root: copies of the notebooks inside the repo's build/ (so the library
 * resolves from them exactly as from notebooks/), so Run All and autosave never touch the
 * committed files.
 */
const WORK_DIR = path.join(BUILD_DIR, "browser");

/**
 * Notebooks under test, by path relative to the repo: the generated one, then the shipped ones.
 * While working on one notebook, BROWSER_NOTEBOOKS=<substring> narrows the list (and says so).
 */
const ALL_NOTEBOOKS = ["build/smoke/smoke.ipynb", ...shippedNotebooks()];
const FILTER = process.env.BROWSER_NOTEBOOKS;
const NOTEBOOKS = FILTER ? ALL_NOTEBOOKS.filter((notebook) => notebook.includes(FILTER)) : ALL_NOTEBOOKS;
if (FILTER) console.warn(`BROWSER_NOTEBOOKS=${FILTER}: testing ${NOTEBOOKS.length} of ${ALL_NOTEBOOKS.length} notebooks`);

/** A screenshot's name: the path below notebooks/ (so vi/03-... does not overwrite 03-...), or the file name. */
function screenshotName(notebook: string): string {
  const below = notebook.startsWith("notebooks/") ? notebook.slice("notebooks/".length) : path.basename(notebook);
  return below.replace(/\.ipynb$/, "").replace(/\//g, "-");
}

function serverPath(notebook: string): string {
  return notebook.startsWith("notebooks/") ? notebook : `smoke/${path.basename(notebook)}`;
}

let server: JupyterServer;
let browser: Browser;
/** One JupyterLab page visits every notebook in turn (loading the app once). */
let page: Page;

beforeAll(async () => {
  requireProjectKernel();
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (fs.existsSync(NOTEBOOKS_DIR)) fs.cpSync(NOTEBOOKS_DIR, path.join(WORK_DIR, "notebooks"), { recursive: true });
  writeSmokeNotebook(path.join(WORK_DIR, "smoke"));
  writeSmokeNotebook(); // keep build/smoke/smoke.ipynb, the repo path NOTEBOOK_CHECKS names, current
  browser = await launchBrowser();
  server = await startJupyterServer(WORK_DIR);
  page = await browser.context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(NOTEBOOKS.map((notebook) => [notebook]))("%s in JupyterLab", (notebook) => {
  const checks = NOTEBOOK_CHECKS[notebook] ?? [];
  let opened = false;

  it("runs all cells with no error output", { timeout: 300_000 }, async () => {
    onTestFailed(() => console.error(`JupyterLab's log (last 3000 characters):\n${server.log().slice(-3000)}`));
    await openNotebook(page, server, serverPath(notebook));
    opened = true;
    await runAll(page);
    const shot = await screenshotNotebook(page, screenshotName(notebook));
    expect(await outputProblems(page), `${notebook}: error output (screenshot ${path.relative(REPO_ROOT, shot)})`).toEqual([]);
    const prompts = await executionPrompts(page);
    expect(
      prompts.filter((prompt) => !/^\[\d+\]:$/.test(prompt)),
      "cells that did not run",
    ).toEqual([]);
  });

  for (const check of checks) {
    it(check.name, { timeout: 300_000 }, async () => {
      if (!opened) throw new Error("the notebook did not open (see the Run All test)");
      await check.run(page);
    });
  }
});

// Issue 4's benchmark, measured here and shown by `npm run bench`: the numbers are recorded,
// never asserted (speed targets live in the benchmark); what is asserted is that every press
// of the slider's arrow key is drawn with the values computed for it.
describe("slider -> heatmap latency", () => {
  it(
    `every key press on a slider redraws its ${LATENCY_SIZES.map((n) => `${n}x${n}`).join(", ")} heatmap with the new values`,
    { timeout: 300_000 },
    async () => {
      onTestFailed(() => console.error(`JupyterLab's log (last 3000 characters):\n${server.log().slice(-3000)}`));
      const sizes = await measureInOpenLab(page, server);
      for (const result of sizes) console.log(`latency: slider -> heatmap ${describeLatency(result)}`);
      recordHeatmapSlider({
        measuredAt: new Date().toISOString(),
        source: "browser test (tests/browser/notebooks.test.ts)",
        sizes,
      });
      expect(sizes.map((r) => r.size)).toEqual([...LATENCY_SIZES]);
      for (const result of sizes) {
        expect(result.count, `${result.size}x${result.size}: counted presses`).toBeGreaterThanOrEqual(30);
        expect(result.labels).toBe(labelsExpected(result.size));
        expect(result.samples.every((ms) => ms > 0 && Number.isFinite(ms))).toBe(true);
      }
    },
  );
});

describe("Jupyter Notebook 7", () => {
  const notebook = shippedNotebooks()[0] ?? "build/smoke/smoke.ipynb";

  it(`opens and runs ${notebook} with no error output`, { timeout: 300_000 }, async () => {
    // Lab's page closes its tabs (and their kernels) first, so this notebook starts clean.
    await closeAllTabs(page);
    const page7 = await browser.context.newPage();
    try {
      await openNotebook(page7, server, serverPath(notebook), "notebook7");
      expect(await page7.locator(".jp-NotebookPanel").count()).toBeGreaterThan(0);
      await runAll(page7);
      await screenshotNotebook(page7, `notebook7-${path.basename(notebook, ".ipynb")}`);
      expect(await outputProblems(page7)).toEqual([]);
      const prompts = await executionPrompts(page7);
      expect(prompts.length).toBeGreaterThan(0);
      expect(prompts.filter((prompt) => !/^\[\d+\]:$/.test(prompt))).toEqual([]);
    } finally {
      await page7.close();
    }
  });
});
