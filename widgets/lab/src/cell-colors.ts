/**
 * The cells' colours, painted on a canvas under the plotly figure, whose heatmap traces are
 * transparent (plotly still answers hover and clicks from them). A change of values alone then
 * repaints this canvas and the labels and shows at once; plotly's slower update (axes, colour
 * bar and hover data) follows in the next task (measured: ../DESIGN.md). Each grid is one image of one pixel per cell, scaled up
 * without smoothing, so a 256x256 map costs 65536 pixels, not one per screen pixel.
 *
 * `ulCells` on the canvas holds the values painted, for tests and tools.
 */
import { NON_FINITE_STYLE, nonFiniteKindOf, rgbHex } from "upsampling-lab/heatmap-layout";
import { sizeFigureCanvas, type GridGeometry } from "./figure-canvas";

/** The cells of one trace: geometry, the drawn values and their RGBA colours. */
export interface CellGrid extends GridGeometry {
  /** Row-major drawn values (NaN/±Infinity where `kinds` says so). */
  values: ArrayLike<number>;
  /** Row-major RGBA bytes, 4 per cell. */
  colors: Uint8ClampedArray;
  /** Non-finite kind of every cell (0 finite, 1 NaN, 2 +Infinity, 3 -Infinity): drawn hatched as the static figure does. */
  kinds?: Uint8Array;
}

/** The cell canvas with the property that tells what it painted. */
export type CellCanvas = HTMLCanvasElement & { ulCells?: Omit<CellGrid, "colors" | "kinds">[] };

/**
 * Paints `grids` on `canvas` sized to a `width` x `height` CSS-pixel figure (transparent elsewhere).
 * One grid without NaN/Infinity cells (the usual map) gets a canvas of one pixel per cell instead,
 * laid over the grid and scaled up by the browser without smoothing (`drawOneGrid`).
 */
export function drawCellColors(canvas: CellCanvas, width: number, height: number, grids: readonly CellGrid[]): void {
  canvas.ulCells = grids.map(({ colors: _colors, kinds: _kinds, ...rest }) => rest);
  const [only] = grids;
  if (grids.length === 1 && only.rows > 0 && only.cols > 0 && !(only.kinds ?? []).some((kind) => kind !== 0)) {
    drawOneGrid(canvas, only);
    return;
  }
  canvas.style.left = "0px";
  canvas.style.top = "0px";
  canvas.style.imageRendering = "";
  const ratio = sizeFigureCanvas(canvas, width, height);

  const context = canvas.getContext("2d") as CanvasRenderingContext2D | null;
  if (!context || typeof context.drawImage !== "function") return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.imageSmoothingEnabled = false;
  const doc = canvas.ownerDocument;
  for (const grid of grids) {
    if (grid.rows === 0 || grid.cols === 0) continue;
    const image = doc.createElement("canvas");
    image.width = grid.cols;
    image.height = grid.rows;
    const pixels = image.getContext("2d");
    if (!pixels) continue;
    const data = pixels.createImageData(grid.cols, grid.rows);
    data.data.set(grid.colors);
    pixels.putImageData(data, 0, 0);
    context.drawImage(image, grid.left, grid.top, grid.cols * grid.cellWidth, grid.rows * grid.cellHeight);
    if (grid.kinds) drawHatches(context, grid, grid.kinds);
  }
}

/**
 * Paints one grid as a `cols` x `rows` pixel canvas placed over its cells and scaled up with
 * `image-rendering: pixelated`: the page then holds and commits 4096 pixels for a 64x64 map, not a
 * figure-sized bitmap (committing that one cost 1-3 ms of every frame: widgets/lab/DESIGN.md).
 */
function drawOneGrid(canvas: CellCanvas, grid: CellGrid): void {
  if (canvas.width !== grid.cols) canvas.width = grid.cols;
  if (canvas.height !== grid.rows) canvas.height = grid.rows;
  canvas.style.left = `${grid.left}px`;
  canvas.style.top = `${grid.top}px`;
  canvas.style.width = `${grid.cols * grid.cellWidth}px`;
  canvas.style.height = `${grid.rows * grid.cellHeight}px`;
  canvas.style.imageRendering = "pixelated";
  const context = canvas.getContext("2d") as CanvasRenderingContext2D | null;
  if (!context || typeof context.putImageData !== "function") return;
  const data = context.createImageData(grid.cols, grid.rows);
  data.data.set(grid.colors);
  context.putImageData(data, 0, 0);
}

/** Hatches the NaN/±Infinity cells: their background, then diagonal lines 6 px apart, 2 px wide. */
function drawHatches(context: CanvasRenderingContext2D, grid: GridGeometry, kinds: Uint8Array): void {
  for (let k = 0; k < kinds.length; k++) {
    if (kinds[k] === 0) continue;
    const style = NON_FINITE_STYLE[nonFiniteKindOf(kinds[k])];
    const x = grid.left + (k % grid.cols) * grid.cellWidth;
    const y = grid.top + Math.floor(k / grid.cols) * grid.cellHeight;
    context.save();
    context.beginPath();
    context.rect(x, y, grid.cellWidth, grid.cellHeight);
    context.clip();
    context.fillStyle = rgbHex(style.background);
    context.fillRect(x, y, grid.cellWidth, grid.cellHeight);
    context.strokeStyle = rgbHex(style.line);
    context.lineWidth = 2;
    context.beginPath();
    const spacing = 6 * Math.SQRT2;
    for (let d = -grid.cellHeight; d < grid.cellWidth; d += spacing) {
      context.moveTo(x + d, y + grid.cellHeight);
      context.lineTo(x + d + grid.cellHeight, y);
    }
    context.stroke();
    context.restore();
  }
}
