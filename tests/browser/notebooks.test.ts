// Every notebook in a real browser: JupyterLab from the project venv, Debian's Chromium.
// Each notebook is opened, Run All is clicked, and no error output may appear; a screenshot
// of each goes to build/screenshots/. Key notebooks get extra checks (notebook-checks.ts).
// One notebook is also opened and run in Jupyter Notebook 7. One server for the whole file.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_DIR, NOTEBOOKS_DIR, REPO_ROOT, requireProjectKernel, shippedNotebooks } from "../notebooks/project";
import { writeSmokeNotebook } from "../notebooks/smoke-notebook";
import { launchBrowser, type Browser } from "./browser";
import { startJupyterServer, type JupyterServer } from "./jupyter-server";
import { executionPrompts, openNotebook, outputProblems, runAll, screenshotNotebook } from "./lab-page";
import { NOTEBOOK_CHECKS } from "./notebook-checks";

/**
 * The server's root: copies of the notebooks inside the repo's build/ (so the library
 * resolves from them exactly as from notebooks/), so Run All and autosave never touch the
 * committed files.
 */
const WORK_DIR = path.join(BUILD_DIR, "browser");

/** Notebooks under test, by path relative to the repo: the generated one, then the shipped ones. */
const NOTEBOOKS = ["build/smoke/smoke.ipynb", ...shippedNotebooks()];

function serverPath(notebook: string): string {
  return notebook.startsWith("notebooks/") ? notebook : `smoke/${path.basename(notebook)}`;
}

let server: JupyterServer;
let browser: Browser;

beforeAll(async () => {
  requireProjectKernel();
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  if (fs.existsSync(NOTEBOOKS_DIR)) fs.cpSync(NOTEBOOKS_DIR, path.join(WORK_DIR, "notebooks"), { recursive: true });
  writeSmokeNotebook(path.join(WORK_DIR, "smoke"));
  writeSmokeNotebook(); // keep build/smoke/smoke.ipynb, the repo path NOTEBOOK_CHECKS names, current
  browser = await launchBrowser();
  server = await startJupyterServer(WORK_DIR);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(NOTEBOOKS.map((notebook) => [notebook]))("%s in JupyterLab", (notebook) => {
  let page: Page;
  const checks = NOTEBOOK_CHECKS[notebook] ?? [];

  afterAll(async () => {
    await page?.close();
  });

  it("runs all cells with no error output", { timeout: 300_000 }, async () => {
    page = await browser.context.newPage();
    await openNotebook(page, server, serverPath(notebook));
    await runAll(page);
    const shot = await screenshotNotebook(page, path.basename(notebook, ".ipynb"));
    expect(await outputProblems(page), `${notebook}: error output (screenshot ${path.relative(REPO_ROOT, shot)})`).toEqual([]);
    const prompts = await executionPrompts(page);
    expect(prompts.filter((prompt) => !/^\[\d+\]:$/.test(prompt)), "cells that did not run").toEqual([]);
  });

  for (const check of checks) {
    it(check.name, { timeout: 300_000 }, async () => {
      if (!page) throw new Error("the notebook did not open (see the Run All test)");
      await check.run(page);
    });
  }
});

describe("Jupyter Notebook 7", () => {
  const notebook = shippedNotebooks()[0] ?? "build/smoke/smoke.ipynb";

  it(`opens and runs ${notebook} with no error output`, { timeout: 300_000 }, async () => {
    const page = await browser.context.newPage();
    try {
      await openNotebook(page, server, serverPath(notebook), "notebook7");
      expect(await page.locator("#jp-NotebookPanel, .jp-NotebookPanel").count()).toBeGreaterThan(0);
      await runAll(page);
      await screenshotNotebook(page, `notebook7-${path.basename(notebook, ".ipynb")}`);
      expect(await outputProblems(page)).toEqual([]);
      const prompts = await executionPrompts(page);
      expect(prompts.length).toBeGreaterThan(0);
      expect(prompts.filter((prompt) => !/^\[\d+\]:$/.test(prompt))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
