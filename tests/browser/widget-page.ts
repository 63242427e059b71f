/**
 * Reading and driving the project's widgets in a notebook page: heatmaps (`.ul-heatmap`,
 * plotly underneath, one `g.heatmap-label` text per cell in row-major order), sliders and
 * Play from @jupyter-widgets/controls.
 */
import type { Locator, Page } from "playwright-core";
import { currentNotebook } from "./lab-page";

/** The code cell of the notebook in front whose source contains `text`. */
export async function cellContaining(page: Page, text: string): Promise<Locator> {
  const notebook = await currentNotebook(page);
  const cell = notebook.locator(".jp-Notebook .jp-CodeCell").filter({ has: page.locator(".jp-InputArea", { hasText: text }) });
  const count = await cell.count();
  if (count !== 1) throw new Error(`expected one code cell containing ${JSON.stringify(text)}, found ${count}`);
  return cell;
}

/** The labels a heatmap draws in its cells, row by row, as numbers. */
export async function heatmapValues(heatmap: Locator): Promise<number[]> {
  const texts = await heatmap.locator("g.heatmap-label text").allTextContents();
  return texts.map((text) => Number(text.replace("\u2212", "-")));
}

/** How many times a heatmap has drawn (its `data-draw-count`). */
export async function drawCount(heatmap: Locator): Promise<number> {
  return Number((await heatmap.getAttribute("data-draw-count")) ?? "0");
}

/** The heatmap (inside `scope`) whose title is `title`. */
export function heatmapTitled(scope: Locator, title: string | RegExp): Locator {
  return scope.locator(".ul-heatmap").filter({ has: scope.page().locator(".g-gtitle", { hasText: title }) });
}

/** Every heatmap of the notebook in front that shows exactly `values` (row-major). */
export async function heatmapsShowing(page: Page, values: number[]): Promise<number> {
  const heatmaps = (await currentNotebook(page)).locator(".ul-heatmap");
  let found = 0;
  for (let i = 0; i < (await heatmaps.count()); i++) {
    const shown = await heatmapValues(heatmaps.nth(i));
    if (shown.length === values.length && shown.every((v, j) => v === values[j])) found++;
  }
  return found;
}

/** The readout (current value) of the slider in `scope`. */
export async function sliderReadout(scope: Locator): Promise<string> {
  return (await scope.locator(".widget-slider .widget-readout").first().innerText()).trim();
}
