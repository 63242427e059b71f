/**
 * Extra browser checks for particular notebooks, run after Run All succeeded: the place for
 * key-notebook checks (heatmap cell text, a slider moved with the keyboard, Play, clicking an
 * output cell, restart + Run All). Keyed by the notebook's path relative to the repo.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { cellAt, cellOutputText, executionPrompts, outputProblems, restartAndClear, runAll } from "./lab-page";

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

/** Checks per notebook path (relative to the repo). */
export const NOTEBOOK_CHECKS: Record<string, NotebookCheck[]> = {
  "build/smoke/smoke.ipynb": smokeChecks,
};
