/**
 * Driving a notebook in JupyterLab 4 (or Notebook 7) the way a user does: open it, Run All
 * from the Run menu, wait for the kernel to finish, then read what the page shows.
 * Waits use the app object JupyterLab exposes (`--expose-app-in-browser`); actions use the UI.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import type { JupyterServer } from "./jupyter-server";
import { SCREENSHOT_DIR } from "./browser";

// The functions passed to page.evaluate run in the browser. The project compiles without
// the DOM library (src/ must not see it), so the little of the DOM they touch is declared
// here, local to this module.
interface PageElement {
  textContent: string | null;
  innerText: string;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface JupyterAppHandle {
  commands: { execute(command: string, args?: Record<string, unknown>): Promise<unknown> };
  shell: {
    currentWidget: {
      id: string;
      context?: { path: string };
      sessionContext?: { session?: { kernel?: { status: string } | null } | null };
    } | null;
    collapseLeft(): void;
  };
}
declare const document: {
  getElementById(id: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
};
declare const window: { jupyterapp?: JupyterAppHandle };

/** Which front end a page is: JupyterLab (`/lab/tree/...`) or Notebook 7 (`/notebooks/...`). */
export type Frontend = "lab" | "notebook7";

export interface OutputProblem {
  cell: number;
  text: string;
}

/**
 * Open `notebook` (relative to the server root) and wait until its kernel is idle. A page
 * already showing JupyterLab is reused: its tabs are closed (shutting their kernels down) and
 * the notebook opened from File > Open's command, which saves reloading the whole app.
 */
export async function openNotebook(
  page: Page,
  server: JupyterServer,
  notebook: string,
  frontend: Frontend = "lab",
): Promise<void> {
  const labLoaded = frontend === "lab" && page.url().startsWith(server.pageUrl("lab").split("?")[0]);
  if (labLoaded && (await page.evaluate(() => Boolean(window.jupyterapp)))) {
    await page.evaluate(async (path) => {
      const app = window.jupyterapp;
      if (!app) return;
      // Save first (these are the test's own copies), or closing would ask about unsaved changes.
      await app.commands.execute("docmanager:save-all");
      await app.commands.execute("application:close-all");
      await app.commands.execute("docmanager:open", { path });
    }, notebook);
  } else {
    // `reset`: a fresh workspace, so no tabs from an earlier page are restored next to this one.
    const url = server.pageUrl(frontend === "lab" ? `lab/tree/${notebook}?reset` : `notebooks/${notebook}`);
    await page.goto(url);
    await page.waitForSelector(".jp-Notebook .jp-Cell", { timeout: 90_000 });
  }
  await page.waitForFunction((path) => window.jupyterapp?.shell.currentWidget?.context?.path === path, notebook, {
    timeout: 60_000,
  });
  await (await currentNotebook(page)).locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 90_000 });
  if (frontend === "lab") {
    // The notebook alone, as in a lesson: fold away the file browser.
    await page.evaluate(() => window.jupyterapp?.shell.collapseLeft());
  }
  await waitForKernelIdle(page, 90_000);
}

/** Close every tab of a JupyterLab page (their kernels shut down with them). */
export async function closeAllTabs(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.jupyterapp?.commands.execute("docmanager:save-all");
    await window.jupyterapp?.commands.execute("application:close-all");
  });
}

/** DOM id of the notebook panel in front (JupyterLab keeps other open notebooks in the DOM). */
async function currentPanelId(page: Page): Promise<string> {
  const id = await page.evaluate(() => window.jupyterapp?.shell.currentWidget?.id ?? "");
  if (!id) throw new Error("no notebook in front (is the app exposed with --expose-app-in-browser?)");
  return id;
}

/** The notebook panel in front, as a locator; cells are `.jp-Cell` inside it. */
export async function currentNotebook(page: Page): Promise<Locator> {
  return page.locator(`[id="${await currentPanelId(page)}"]`);
}

/** The cell at `index` (markdown cells count) of the notebook in front. */
export async function cellAt(page: Page, index: number): Promise<Locator> {
  return (await currentNotebook(page)).locator(".jp-Notebook .jp-Cell").nth(index);
}

/** Kernel status of the notebook in front ("idle", "busy", "starting", ... or "none"). */
export async function kernelStatus(page: Page): Promise<string> {
  return page.evaluate(() => {
    return window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status ?? "none";
  });
}

/** Wait until the kernel is idle and no cell shows `[*]`. */
export async function waitForKernelIdle(page: Page, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let idleSince = 0;
  while (Date.now() < deadline) {
    const status = await kernelStatus(page);
    const running = await (await currentNotebook(page)).locator(".jp-InputArea-prompt", { hasText: "[*]" }).count();
    if (status === "idle" && running === 0) {
      if (!idleSince) idleSince = Date.now();
      if (Date.now() - idleSince > 500) return; // idle, and stayed idle (no queued cells)
    } else {
      idleSince = 0;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`kernel still "${await kernelStatus(page)}" after ${timeoutMs / 1000} s`);
}

/** Click Run > Run All Cells, then wait for every cell to finish. */
export async function runAll(page: Page, timeoutMs = 240_000): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
  await page.waitForTimeout(300);
  await waitForKernelIdle(page, timeoutMs);
}

/** Click Kernel > Restart Kernel and Clear Outputs of All Cells..., confirm, wait for idle. */
export async function restartAndClear(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Kernel$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Restart Kernel and Clear Outputs of All Cells/ }).click();
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  await page.waitForTimeout(500);
  await waitForKernelIdle(page, 90_000);
}

/**
 * Every error the page shows in outputs: tracebacks and stderr (both rendered with the
 * stderr mime type) and widgets that failed to render.
 */
export async function outputProblems(page: Page): Promise<OutputProblem[]> {
  return page.evaluate(
    (panelId) => {
      const problems: { cell: number; text: string }[] = [];
      const panel = document.getElementById(panelId);
      const cells = panel ? Array.from(panel.querySelectorAll(".jp-Notebook .jp-Cell")) : [];
      cells.forEach((cell, index) => {
        for (const output of Array.from(cell.querySelectorAll(".jp-OutputArea-output"))) {
          const text = output.innerText ?? "";
          if (output.getAttribute("data-mime-type") === "application/vnd.jupyter.stderr") {
            problems.push({ cell: index, text: text.slice(0, 2000) });
          } else if (/Error displaying widget|Failed to load model class|Error creating widget/.test(text)) {
            problems.push({ cell: index, text: text.slice(0, 2000) });
          }
        }
      });
      return problems;
    },
    await currentPanelId(page),
  );
}

/** Execution prompts of the code cells, e.g. `["[1]:", "[2]:"]`; `[ ]:` marks a cell that never ran. */
export async function executionPrompts(page: Page): Promise<string[]> {
  const prompts = (await currentNotebook(page)).locator(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt");
  return (await prompts.allTextContents()).map((text) => text.trim());
}

/** Text of the outputs (without prompts) of the cell at `index` (markdown cells count). */
export async function cellOutputText(page: Page, index: number): Promise<string> {
  const cell = await cellAt(page, index);
  return (await cell.locator(".jp-OutputArea-output").allInnerTexts()).join("\n");
}

/**
 * Save a screenshot of the whole notebook: the viewport grows to the notebook's height
 * (up to 12000 px) so every cell is in the picture, then shrinks back.
 */
export async function screenshotNotebook(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "_")}.png`);
  const viewport = page.viewportSize() ?? { width: 1400, height: 1000 };
  const height = await page.evaluate(
    (panelId) => {
      const panel = document.getElementById(panelId);
      const scroller = panel?.querySelectorAll(".jp-WindowedPanel-outer")[0];
      if (!scroller) return 0;
      scroller.scrollTop = 0;
      return scroller.scrollHeight - scroller.clientHeight;
    },
    await currentPanelId(page),
  );
  await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + Math.max(0, height), 12_000) });
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
  return file;
}
