/**
 * Runs in the page of tests/browser/cell-labels.test.ts (bundled for it; type-checked here, with the DOM): draws grids of labels with the heatmap
 * view's `drawCellLabels` (labels copied from rasterised tiles) and with one `fillText` per cell
 * (how the view printed them before, written here from that description), and counts the bytes
 * where the two canvases differ.
 */
import { drawCellLabels, type LabelGrid } from "../../src/cell-labels";

/** One case: a figure of `width` x `height` CSS pixels at `ratio`, its grids drawn one after another on the same canvas. */
export interface LabelCase {
  width: number;
  height: number;
  ratio: number;
  /** Successive draws on one canvas (tiles are reused and the last draw's labels cleared). */
  draws: LabelGrid[][];
}

/**
 * Per draw: how many bytes differ from the reference; the largest difference of a pixel's
 * premultiplied channel (what it adds to the page: colour times opacity, 0-255); how many pixels
 * the labels cover.
 */
export interface LabelCaseResult {
  /** Labels `drawCellLabels` printed with `fillText` on the figure's canvas (not copied from tiles). */
  printed: number[];
  differingBytes: number[];
  largestDifference: number[];
  inkedPixels: number[];
}

/** The labels printed one by one with `fillText` at each cell's centre, squeezed to 94% of the cell. */
function referenceDraw(canvas: HTMLCanvasElement, width: number, height: number, ratio: number, grids: LabelGrid[]): void {
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2-D context");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.textAlign = "center";
  context.textBaseline = "middle";
  for (const grid of grids) {
    context.font = `${grid.fontPx}px ${grid.fontFamily}`;
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.cols; c++) {
        const text = grid.texts[r * grid.cols + c];
        if (!text) continue;
        context.fillStyle = grid.colors[r * grid.cols + c];
        const x = grid.left + (c + 0.5) * grid.cellWidth;
        const y = grid.top + (r + 0.5) * grid.cellHeight;
        context.fillText(text, x, y, grid.cellWidth * 0.94);
      }
    }
  }
}

function pixelsOf(canvas: HTMLCanvasElement): Uint8ClampedArray {
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2-D context");
  return context.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** Draws `labelCase` both ways (see the module comment) and compares them after every draw. */
export function runLabelCase(labelCase: LabelCase): LabelCaseResult {
  const view = window as unknown as { devicePixelRatio: number };
  view.devicePixelRatio = labelCase.ratio;
  const drawn = document.createElement("canvas");
  const reference = document.createElement("canvas");
  const result: LabelCaseResult = { printed: [], differingBytes: [], largestDifference: [], inkedPixels: [] };
  // fillText calls on the figure's canvas are counted (the tiles' own, on a scratch canvas, are not).
  const prototype = CanvasRenderingContext2D.prototype;
  const fillText = prototype.fillText;
  for (const grids of labelCase.draws) {
    let printed = 0;
    prototype.fillText = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof fillText>) {
      if (this.canvas === drawn) printed++;
      fillText.apply(this, args);
    };
    try {
      drawCellLabels(drawn, labelCase.width, labelCase.height, grids);
    } finally {
      prototype.fillText = fillText;
    }
    result.printed.push(printed);
    referenceDraw(reference, labelCase.width, labelCase.height, labelCase.ratio, grids);
    const a = pixelsOf(drawn);
    const b = pixelsOf(reference);
    if (a.length !== b.length) throw new Error(`bitmaps differ in size: ${a.length} and ${b.length} bytes`);
    let differing = 0;
    let largest = 0;
    let inked = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      differing++;
      const alpha = i - (i % 4) + 3;
      const premultiplied = (bytes: Uint8ClampedArray): number => (i === alpha ? bytes[i] : (bytes[i] * bytes[alpha]) / 255);
      largest = Math.max(largest, Math.abs(premultiplied(a) - premultiplied(b)));
    }
    for (let i = 3; i < b.length; i += 4) if (b[i] !== 0) inked++;
    result.differingBytes.push(differing);
    result.largestDifference.push(largest);
    result.inkedPixels.push(inked);
  }
  return result;
}
