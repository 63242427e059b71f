// The JupyterLite site (issue 13), built by `npm run lite` (skipped when up to date) and served
// by a local static server, in headless Chromium with every request outside the site blocked:
// each notebook of the site, English and Vietnamese, opened and Run All with no error output;
// in notebook 3 the 3x3 result, the step slider moved with the keyboard redrawing the running sum
// with the numbers the library computes here in Node, and a click on an output cell showing its
// sum of terms; a cell with a type error shows the diagnostic at its line, and the next cell runs;
// a cell asks with `await input()` and `prompt()`; an endless cell is interrupted (the worker
// replaced, the error saying the state was lost); a later visit runs notebook 3 from the compile
// cache without the compiler script.
// One browser, one page, notebooks in sequence.
import fs from "node:fs";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scatterSteps, tensor } from "../../src/index";
import { launchBrowser, type Browser } from "../browser/browser";
import { STATE_LOST_MESSAGE } from "../../kernel/lite/protocol";
import {
  cellAt,
  currentNotebook,
  executionPrompts,
  kernelStatus,
  outputProblems,
  runAll,
  waitForKernelIdle,
} from "../browser/lab-page";
import {
  cellCentre,
  cellContaining,
  drawCount,
  heatmapsShowing,
  heatmapTitled,
  heatmapValues,
  sliderReadout,
} from "../browser/widget-page";
import { NOTEBOOKS_DIR } from "../notebooks/project";
import { blockOutsideSite, buildLiteSite, LITE_SITE, openLiteNotebook, siteCompilerScript, siteNotebooks } from "./lite-page";
import { serveFolder, type StaticServer } from "./static-server";

const NOTEBOOK_3 = "03-transposed-convolution-step-by-step.ipynb";

/** The running sum after each step of X = K = [[0, 1], [2, 3]], as the library computes it in Node. */
function runningSums(): number[][] {
  const x = tensor([
    [0, 1],
    [2, 3],
  ]);
  return [Array(9).fill(0), ...scatterSteps(x, x).steps.map((step) => Array.from(step.runningOutput.data))];
}

/** The course's notebooks (notebooks/ and notebooks/vi/, not the solutions), as site paths. */
function courseNotebooks(): string[] {
  const top = fs.readdirSync(NOTEBOOKS_DIR).filter((name) => name.endsWith(".ipynb"));
  const vi = fs.readdirSync(path.join(NOTEBOOKS_DIR, "vi")).filter((name) => name.endsWith(".ipynb"));
  return [...top, ...vi.map((name) => `vi/${name}`)].sort();
}

declare const navigator: { serviceWorker: { controller: unknown } };
declare const window: {
  jupyterapp?: {
    commands: { execute(command: string): Promise<unknown> };
    shell: { currentWidget: { sessionContext?: { kernelDisplayName: string } } | null };
  };
};

/** The kernel name the notebook in front shows in its toolbar. */
async function kernelDisplayName(page: Page): Promise<string> {
  return page.evaluate(() => window.jupyterapp?.shell.currentWidget?.sessionContext?.kernelDisplayName ?? "");
}

/** Run All in the notebook in front; no error output and every code cell numbered. */
async function runAllCleanly(page: Page): Promise<void> {
  await runAll(page, 600_000);
  expect(await outputProblems(page)).toEqual([]);
  expect((await executionPrompts(page)).filter((prompt) => !/^\[\d+\]:$/.test(prompt))).toEqual([]);
}

/** Adds a cell at the end of the notebook in front, types `code` into it and runs it (waiting for the kernel unless `wait` is false). */
async function typeInNewCell(page: Page, code: string, wait = true): Promise<void> {
  const cells = (await currentNotebook(page)).locator(".jp-Notebook .jp-Cell");
  await cells.last().click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("b"); // a new cell below, in command mode
  await cells.last().locator(".cm-content").click();
  await page.keyboard.type(code);
  await page.keyboard.press("Control+Enter");
  if (wait) await waitForKernelIdle(page, 60_000);
}

let server: StaticServer;
let browser: Browser;
let page: Page;
const blocked: string[] = [];

beforeAll(async () => {
  await buildLiteSite();
  server = await serveFolder(LITE_SITE);
  browser = await launchBrowser();
  await blockOutsideSite(browser.context, server.url, blocked);
  page = await browser.context.newPage();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the site", () => {
  it("holds every course notebook, English and Vietnamese, and the data they read, but no solutions", () => {
    expect(siteNotebooks()).toEqual(courseNotebooks());
    expect(fs.existsSync(path.join(LITE_SITE, "files", "data", "chelsea-128.png"))).toBe(true);
    expect(fs.existsSync(path.join(LITE_SITE, "files", "solutions"))).toBe(false);
  });
});

describe("notebook 3 in JupyterLite", () => {
  it("opens with the TypeScript (Upsampling Lab) kernel and runs every cell with no error output", async () => {
    await openLiteNotebook(page, server.url, NOTEBOOK_3);
    expect(await kernelDisplayName(page)).toBe("TypeScript (Upsampling Lab)");
    await runAllCleanly(page);
  }, 900_000);

  it("shows the 3x3 result 0 0 1 / 0 4 6 / 4 12 9", async () => {
    expect(await heatmapsShowing(page, [0, 0, 1, 0, 4, 6, 4, 12, 9])).toBeGreaterThan(0);
  });

  it("redraws the running sum with the library's numbers when the step slider moves with the keyboard", async () => {
    const sums = runningSums();
    const cell = await cellContaining(page, "new Play(");
    const sum = heatmapTitled(cell, /^running sum/);
    await cell.scrollIntoViewIfNeeded();
    await expect.poll(() => sliderReadout(cell)).toMatch(/^\d+$/);
    const step = Number(await sliderReadout(cell));
    await expect.poll(() => heatmapValues(sum)).toEqual(sums[step]);
    const draws = await drawCount(sum);
    await cell.locator(".widget-slider .noUi-handle").first().focus();
    await page.keyboard.press(step < sums.length - 1 ? "ArrowRight" : "ArrowLeft");
    const next = step < sums.length - 1 ? step + 1 : step - 1;
    await expect.poll(() => drawCount(sum), { timeout: 20_000 }).toBeGreaterThan(draws);
    expect(await sliderReadout(cell)).toBe(String(next));
    await expect.poll(() => heatmapValues(sum)).toEqual(sums[next]);
  });

  it("shows the sum of terms of an output cell that is clicked", async () => {
    const cell = await cellContaining(page, "onClick(");
    const y = heatmapTitled(cell, "Y: click a cell");
    expect(await heatmapValues(y)).toEqual([0, 0, 1, 0, 4, 6, 4, 12, 9]);
    await y.scrollIntoViewIfNeeded();
    const { x, y: top } = await cellCentre(y, 2, 1);
    // Plotly reports a click on the point it last hovered: move there first, as a hand would.
    await page.mouse.move(x - 10, top - 10);
    await page.mouse.move(x, top, { steps: 5 });
    await page.waitForTimeout(300);
    await page.mouse.click(x, top);
    await expect.poll(() => cell.locator(".widget-html").last().innerText(), { timeout: 20_000 }).toContain("Y[2, 1]");
    expect(await cell.locator(".widget-html").last().innerText()).toContain("6 + 6 = 12");
  });

  it("shows a type error's diagnostic at its line, and the next cell runs", async () => {
    const notebook = await currentNotebook(page);
    const cells = notebook.locator(".jp-Notebook .jp-Cell");
    const typeErrorAt = await cells.count();
    await typeInNewCell(page, 'const fine = 1;\nconst wrong: number = "three";');
    const error = await (await cellAt(page, typeErrorAt)).locator(".jp-OutputArea-output").innerText();
    expect(error).toContain("Type 'string' is not assignable to type 'number'");
    expect(error).toContain("line 2, column 7");
    expect(error).toContain('2 | const wrong: number = "three";');
    await typeInNewCell(page, "40 + 2");
    expect((await (await cellAt(page, typeErrorAt + 1)).locator(".jp-OutputArea-output").innerText()).trim()).toBe("42");
  });

  it("asks the user with await input() and with prompt(), and the cell gets the answers", async () => {
    const cells = (await currentNotebook(page)).locator(".jp-Notebook .jp-Cell");
    const askAt = await cells.count();
    await typeInNewCell(
      page,
      'import { input } from "upsampling-lab/widgets";\nconst first = await input("first?");\nconst second = prompt("second?");\n`${first} ${second}`',
      false,
    );
    for (const [question, answer] of [
      ["first?", "Ada"],
      ["second?", "Lovelace"],
    ]) {
      const box = page.locator(".jp-Stdin", { hasText: question }).locator(".jp-Stdin-input");
      await box.waitFor({ timeout: 30_000 });
      await box.fill(answer);
      await box.press("Enter");
    }
    await waitForKernelIdle(page, 60_000);
    expect(await (await cellAt(page, askAt)).locator(".jp-OutputArea-output").last().innerText()).toBe("'Ada Lovelace'");
  });

  it("interrupts an endless cell by replacing the worker, says the state was lost, and runs the next cell", async () => {
    const cells = (await currentNotebook(page)).locator(".jp-Notebook .jp-Cell");
    const endlessAt = await cells.count();
    await typeInNewCell(page, "while (true) {}", false);
    await expect.poll(() => kernelStatus(page), { timeout: 30_000 }).toBe("busy");
    await page.evaluate(() => window.jupyterapp?.commands.execute("kernelmenu:interrupt"));
    await waitForKernelIdle(page, 60_000);
    const error = await (await cellAt(page, endlessAt)).locator(".jp-OutputArea-output").innerText();
    expect(error).toContain(STATE_LOST_MESSAGE);
    await typeInNewCell(page, "6 * 7");
    expect((await (await cellAt(page, endlessAt + 1)).locator(".jp-OutputArea-output").innerText()).trim()).toBe("42");
  });
});

describe("a later visit", () => {
  it("loads JupyterLab's scripts around the service worker (so from the code cache), and prompt() still answers through it", async () => {
    const first = await browser.context.newPage();
    await openLiteNotebook(first, server.url, NOTEBOOK_3);
    await first.close();
    const later = await browser.context.newPage();
    const scripts: string[] = [];
    const throughServiceWorker: string[] = [];
    later.on("response", (response) => {
      if (!/\.js(\?|$)/.test(response.url())) return;
      scripts.push(response.url());
      if (response.fromServiceWorker()) throughServiceWorker.push(response.url());
    });
    await openLiteNotebook(later, server.url, NOTEBOOK_3);
    expect(await later.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(scripts.length).toBeGreaterThan(10);
    expect(throughServiceWorker).toEqual([]);
    const askAt = await (await currentNotebook(later)).locator(".jp-Notebook .jp-Cell").count();
    await typeInNewCell(later, 'prompt("again?")', false);
    const box = later.locator(".jp-Stdin", { hasText: "again?" }).locator(".jp-Stdin-input");
    await box.waitFor({ timeout: 30_000 });
    await box.fill("yes");
    await box.press("Enter");
    await waitForKernelIdle(later, 60_000);
    expect(await (await cellAt(later, askAt)).locator(".jp-OutputArea-output").last().innerText()).toBe("'yes'");
    await later.close();
  }, 300_000);
});

describe("a visit after notebook 3 ran", () => {
  it("runs its cells from the browser's compile cache without loading the compiler, then loads it for a new cell", async () => {
    // Notebook 3 ran in this browser profile above, so its compiled cells are in IndexedDB.
    const compilerScript = `${server.url}${siteCompilerScript()}`;
    const refused: string[] = [];
    const refuse = (route: Route): Promise<void> => {
      refused.push(route.request().url());
      return route.abort("internetdisconnected");
    };
    // On the context: a page's routes do not see its workers' requests.
    await browser.context.route(compilerScript, refuse);
    const later = await browser.context.newPage();
    await openLiteNotebook(later, server.url, NOTEBOOK_3);
    await runAllCleanly(later);
    expect(await heatmapsShowing(later, [0, 0, 1, 0, 4, 6, 4, 12, 9])).toBeGreaterThan(0);
    // Once idle, the kernel tries to build its compiler: refused here, which no output shows.
    await expect.poll(() => refused.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await outputProblems(later)).toEqual([]);
    await browser.context.unroute(compilerScript, refuse);
    const at = await (await currentNotebook(later)).locator(".jp-Notebook .jp-Cell").count();
    await typeInNewCell(later, "const wrong: string = 6 * 7;");
    expect(await (await cellAt(later, at)).locator(".jp-OutputArea-output").innerText()).toContain(
      "Type 'number' is not assignable to type 'string'",
    );
    await later.close();
  }, 600_000);
});

describe("every other notebook in JupyterLite", () => {
  for (const notebook of courseNotebooks().filter((name) => name !== NOTEBOOK_3)) {
    it(`${notebook}: Run All with no error output`, async () => {
      await openLiteNotebook(page, server.url, notebook);
      await runAllCleanly(page);
    }, 900_000);
  }

  it("fetched nothing outside the site", () => {
    expect(blocked).toEqual([]);
  });
});
