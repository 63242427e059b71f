/**
 * Extra browser checks for particular notebooks, run after Run All succeeded: the place for
 * key-notebook checks (heatmap cell text, a slider moved with the keyboard, Play, clicking an
 * output cell, restart + Run All). Keyed by the notebook's path relative to the repo.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { recordInteraction } from "./latency-file";
import { cellAt, cellOutputText, executionPrompts, outputProblems, restartAndClear, runAll } from "./lab-page";
import {
  cellCentre,
  cellContaining,
  drawCount,
  heatmapsShowing,
  heatmapTitled,
  heatmapValues,
  sliderReadout,
} from "./widget-page";

export interface NotebookCheck {
  /** What the check proves, as the test's name. */
  name: string;
  run(page: Page): Promise<void>;
}

/** A kernel restart (clearing outputs) followed by Run All works again, with no error output. */
export const restartThenRunAll: NotebookCheck = {
  name: "a kernel restart followed by Run All works again",
  async run(page) {
    await restartAndClear(page);
    const cleared = await executionPrompts(page);
    expect(cleared.every((prompt) => prompt === "[ ]:")).toBe(true);
    await runAll(page);
    expect(await outputProblems(page)).toEqual([]);
    const prompts = await executionPrompts(page);
    expect(prompts.filter((prompt) => !/^\[\d+\]:$/.test(prompt))).toEqual([]);
  },
};

/** The generated smoke notebook (see tests/notebooks/smoke-notebook.ts); cells by index. */
const smokeChecks: NotebookCheck[] = [
  {
    name: "shows the expression's value, the tensor, stdout and the SVG figure",
    async run(page) {
      expect((await cellOutputText(page, 1)).trim()).toBe("2");
      expect(await cellOutputText(page, 3)).toContain("hello from the kernel");
      // The tensor's rich display is its text/html table (JupyterLab ranks HTML above images).
      const tensorTable = (await cellAt(page, 2)).locator(".jp-OutputArea-output table");
      await expect.poll(() => tensorTable.count()).toBe(1);
      expect((await tensorTable.locator("td").allInnerTexts()).map((text) => text.trim())).toEqual(["1", "2", "3", "4"]);
      const svg = (await cellAt(page, 4)).locator(".jp-RenderedSVG img, .jp-RenderedSVG svg, .jp-RenderedImage img");
      await expect.poll(() => svg.count()).toBe(1);
      const box = await svg.first().boundingBox();
      expect(box?.width).toBeGreaterThan(50);
    },
  },
  restartThenRunAll,
];

/**
 * The running sum after each step of the article's example X = K = [[0, 1], [2, 3]]:
 * step n adds X's n-th pixel times K at that pixel's position (worked out by hand).
 */
const RUNNING_SUMS: number[][] = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 1, 0, 2, 3, 0, 0, 0],
  [0, 0, 1, 0, 4, 3, 4, 6, 0],
  [0, 0, 1, 0, 4, 6, 4, 12, 9],
];

/** Notebook 3: the article's 2x2 * 2x2 example, its stepper and its clickable output. */
const transposedConvolutionChecks: NotebookCheck[] = [
  {
    name: "a heatmap shows the 3x3 result 0 0 1 / 0 4 6 / 4 12 9",
    async run(page) {
      expect(await heatmapsShowing(page, [0, 0, 1, 0, 4, 6, 4, 12, 9])).toBeGreaterThan(0);
    },
  },
  {
    name: "moving the step slider with the keyboard redraws the running sum with the new values",
    async run(page) {
      const cell = await cellContaining(page, "new Play(");
      const sum = heatmapTitled(cell, /^running sum/);
      expect(await sliderReadout(cell)).toBe("2");
      expect(await heatmapValues(sum)).toEqual(RUNNING_SUMS[2]);
      const draws = await drawCount(sum);
      await cell.locator(".widget-slider .noUi-handle").first().focus();
      const pressed = Date.now();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => drawCount(sum), { timeout: 10_000 }).toBeGreaterThan(draws);
      recordInteraction("step slider -> running-sum heatmap redraw (keyboard)", Date.now() - pressed);
      expect(await sliderReadout(cell)).toBe("3");
      // Step 3 adds 2*K at rows 1..2, columns 0..1.
      await expect.poll(() => heatmapValues(sum)).toEqual(RUNNING_SUMS[3]);
      await expect
        .poll(async () => (await cell.locator(".widget-html").innerText()).trim())
        .toMatch(/^Step 3 of 4: X\[1, 0\] = 2/);
    },
  },
  {
    name: "Play advances the stepper",
    async run(page) {
      const cell = await cellContaining(page, "new Play(");
      await cell.locator(".widget-slider .noUi-handle").first().focus();
      await page.keyboard.press("Home");
      await expect.poll(() => sliderReadout(cell)).toBe("0");
      const playPause = cell.locator(".widget-play button").first(); // ipywidgets 8: one button toggles play/pause
      await playPause.click();
      await expect.poll(() => sliderReadout(cell), { timeout: 10_000 }).toBe("1");
      await expect.poll(() => sliderReadout(cell), { timeout: 10_000 }).toBe("2");
      await playPause.click();
      // The kernel redraws the running sum for the step Play stopped at.
      const step = Number(await sliderReadout(cell));
      expect(step).toBeGreaterThanOrEqual(2);
      await expect
        .poll(() => heatmapValues(heatmapTitled(cell, /^running sum/)), { timeout: 10_000 })
        .toEqual(RUNNING_SUMS[step]);
    },
  },
  {
    name: "clicking an output cell shows its sum of terms",
    async run(page) {
      const cell = await cellContaining(page, "onClick(");
      const y = heatmapTitled(cell, "Y: click a cell");
      expect(await heatmapValues(y)).toEqual([0, 0, 1, 0, 4, 6, 4, 12, 9]);
      // Row 2, column 1 holds 12: click the middle of its cell.
      await y.scrollIntoViewIfNeeded();
      const centre = await cellCentre(y, 2, 1);
      // Plotly reports a click on the point it last hovered: move there first, as a hand would.
      const [x, y0] = [centre.x, centre.y];
      await page.mouse.move(x - 10, y0 - 10);
      await page.mouse.move(x, y0, { steps: 5 });
      await page.waitForTimeout(300);
      await page.mouse.click(x, y0);
      await expect.poll(async () => cell.locator(".widget-html").last().innerText(), { timeout: 10_000 }).toContain("Y[2, 1]");
      expect(await cell.locator(".widget-html").last().innerText()).toContain("6 + 6 = 12");
    },
  },
  {
    name: "check cells are collapsed, and an exercise answered in the page says wrong with a hint, then right",
    async run(page) {
      // JupyterLab shows a collapsed cell (metadata jupyter.source_hidden) as a placeholder, without its editor.
      const notebook = page.locator(".jp-Notebook").first();
      const collapsed = await notebook.locator(".jp-CodeCell .jp-InputPlaceholder").count();
      expect(collapsed).toBeGreaterThanOrEqual(7);
      const cell = await cellContaining(page, "exercises.predictCentre(");
      const answer = async (value: number): Promise<string> => {
        await cell.locator(".cm-content").click();
        await page.keyboard.press("Control+A");
        await page.keyboard.type(`const answer1 = { value: ${value} };\ncheck(exercises.predictCentre(answer1));`);
        await page.keyboard.press("Control+Enter");
        await expect
          .poll(async () => cell.locator(".jp-OutputArea-output").innerText(), { timeout: 30_000 })
          .toContain(String(value === 7 ? "Right" : "Not yet"));
        return cell.locator(".jp-OutputArea-output").innerText();
      };
      expect(await answer(3)).toMatch(/^✗ Not yet\. Hint: That is what one product block puts there/);
      expect(await answer(7)).toMatch(/^✓ Right: y\[1, 1\] = 1·3 \+ 2·1 \+ 3·0 \+ 1·2 = 7/);
    },
  },
  restartThenRunAll,
];

/** Checks per notebook path (relative to the repo). */
export const NOTEBOOK_CHECKS: Record<string, NotebookCheck[]> = {
  "build/smoke/smoke.ipynb": smokeChecks,
  "notebooks/03-transposed-convolution-step-by-step.ipynb": transposedConvolutionChecks,
};
