/**
 * Reading and driving the project's widgets in a notebook page: heatmaps (`.ul-heatmap`,
 * plotly underneath, the printed values on a canvas over it whose `ulLabels` property holds
 * each grid's geometry and row-major texts), sliders and Play from @jupyter-widgets/controls.
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

/** One printed grid of a heatmap (widgets/lab/src/cell-labels.ts, `CellLabelsData`). */
export interface LabelGrid {
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
  rows: number;
  cols: number;
  texts: string[];
}

/**
 * The grids of values printed by the heatmap(s) `heatmap` matches, one list per heatmap (per
 * channel, then NaN/Infinity marks); empty for a heatmap whose values are hidden.
 */
async function labelGridsOfEach(heatmap: Locator): Promise<LabelGrid[][]> {
  return heatmap.locator("canvas.ul-heatmap-labels").evaluateAll((canvases) =>
    canvases.map((el) => {
      const canvas = el as unknown as { hidden: boolean; ulLabels?: LabelGrid[] };
      return canvas.hidden ? [] : (canvas.ulLabels ?? []);
    }),
  );
}

/** The grids of values a heatmap printed (one per channel, then NaN/Infinity marks); none when values are hidden. */
export async function labelGrids(heatmap: Locator): Promise<LabelGrid[]> {
  return (await labelGridsOfEach(heatmap))[0] ?? [];
}

/** The labels printed in the cells of the first grid of each heatmap `heatmap` matches, row by row, as numbers. */
export async function heatmapValues(heatmap: Locator): Promise<number[]> {
  const each = await labelGridsOfEach(heatmap);
  return each.flatMap((grids) => grids[0]?.texts ?? []).map((text) => Number(text.replace("\u2212", "-")));
}

/** Page coordinates of the centre of cell (row, col) of a heatmap's first printed grid. */
export async function cellCentre(heatmap: Locator, row: number, col: number): Promise<{ x: number; y: number }> {
  const [grid] = await labelGrids(heatmap);
  const box = await heatmap.locator("canvas.ul-heatmap-labels").boundingBox();
  if (!grid || !box) throw new Error("the heatmap prints no values, so its cells cannot be located");
  return { x: box.x + grid.left + (col + 0.5) * grid.cellWidth, y: box.y + grid.top + (row + 0.5) * grid.cellHeight };
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
