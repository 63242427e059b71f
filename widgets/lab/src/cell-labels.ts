/**
 * The values printed in the cells, drawn on a canvas laid over the plotly figure instead of
 * as plotly `texttemplate` labels. Measured in Chromium on a 64x64 map (4096 labels): plotly
 * rebuilt every label as an SVG text on each update, 250-400 ms per Plotly.react (12 ms
 * without labels); updating 4096 SVG text nodes in place still took ~100 ms to lay out and
 * paint; the canvas draws them in ~6 ms (~18 ms to the next frame). The canvas ignores the
 * pointer, so hover and clicks reach plotly underneath.
 *
 * What was printed stays readable from page scripts: the canvas's `ulLabels` property holds
 * every grid's geometry and texts (`CellLabelsData`), for tests and tools. A property, not a
 * JSON attribute: serialising 4096 labels into the DOM took ~3 ms of every draw.
 */
import { sizeFigureCanvas, type GridGeometry } from "./figure-canvas";

/** The printed values of one trace: a grid of cells with their label and its colour. */
export interface LabelGrid extends GridGeometry {
  /** Row-major label of every cell ("" prints nothing). */
  texts: string[];
  /** Row-major text colour of every cell. */
  colors: string[];
  fontPx: number;
  fontFamily: string;
}

/** One free-standing text (a highlight's label): left end at `x`, vertical centre at `y`, on a background box. */
export interface LabelText {
  text: string;
  x: number;
  y: number;
  color: string;
  background: string;
  fontPx: number;
  fontFamily: string;
}

/** What the `ulLabels` property holds: every grid without its colours. */
export type CellLabelsData = Omit<LabelGrid, "colors">[];

/** The label canvas with the properties that tell what it printed. */
export type LabelCanvas = HTMLCanvasElement & { ulLabels?: CellLabelsData; ulTexts?: LabelText[] };

/**
 * Draws `grids` on `canvas`, sized to a `width` x `height` CSS-pixel figure at the page's
 * device pixel ratio (an empty list clears it). A document without a 2-D canvas context (a
 * DOM test environment) gets the `ulLabels` property only.
 */
export function drawCellLabels(
  canvas: LabelCanvas,
  width: number,
  height: number,
  grids: readonly LabelGrid[],
  texts: readonly LabelText[] = [],
): void {
  const ratio = sizeFigureCanvas(canvas, width, height);
  canvas.hidden = grids.length === 0 && texts.length === 0;
  canvas.ulLabels = grids.map(({ colors: _colors, ...rest }) => rest);
  canvas.ulTexts = [...texts];

  const context = canvas.getContext("2d") as CanvasRenderingContext2D | null;
  if (!context || typeof context.fillText !== "function") return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.textAlign = "center";
  context.textBaseline = "middle";
  for (const grid of grids) {
    context.font = `${grid.fontPx}px ${grid.fontFamily}`;
    let color = "";
    for (let r = 0; r < grid.rows; r++) {
      const y = grid.top + (r + 0.5) * grid.cellHeight;
      for (let c = 0; c < grid.cols; c++) {
        const i = r * grid.cols + c;
        const text = grid.texts[i];
        if (!text) continue;
        if (grid.colors[i] !== color) {
          color = grid.colors[i];
          context.fillStyle = color;
        }
        // At most the cell's width: a font wider than the layout's estimate is squeezed, never overlaps.
        context.fillText(text, grid.left + (c + 0.5) * grid.cellWidth, y, grid.cellWidth * 0.94);
      }
    }
  }
  context.textAlign = "left";
  for (const t of texts) {
    context.font = `bold ${t.fontPx}px ${t.fontFamily}`;
    const w = typeof context.measureText === "function" ? context.measureText(t.text).width : t.text.length * t.fontPx * 0.62;
    context.globalAlpha = 0.85;
    context.fillStyle = t.background;
    context.fillRect(t.x - 2, t.y - t.fontPx / 2 - 1, w + 4, t.fontPx + 2);
    context.globalAlpha = 1;
    context.fillStyle = t.color;
    context.fillText(t.text, t.x, t.y);
  }
}
