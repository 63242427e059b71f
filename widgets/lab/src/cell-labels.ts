/**
 * The values printed in the cells, drawn on a canvas laid over the plotly figure instead of
 * as plotly `texttemplate` labels, which are far slower to update (measured: ../DESIGN.md). The
 * canvas ignores the pointer, so hover and clicks reach plotly underneath.
 *
 * What was printed stays readable from page scripts: the canvas's `ulLabels` property holds
 * every grid's geometry and texts (`CellLabelsData`), for tests and tools (a property, not a
 * JSON attribute, which would cost time on every draw).
 */
import { sizeFigureCanvas, type GridGeometry } from "./figure-canvas";
import { labelTilesOf, splitPixel, tileBox, type LabelTile, type LabelTiles, type TileIndex } from "./label-tiles";

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

  // Desynchronized: Chromium then stops copying the figure-sized bitmap into every frame's commit
  // (~1 ms per frame, a key press's frame too, in headless Chromium: ../DESIGN.md). A hint; other browsers ignore it.
  const context = canvas.getContext("2d", { desynchronized: true }) as CanvasRenderingContext2D | null;
  if (!context || typeof context.fillText !== "function") return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.textAlign = "center";
  context.textBaseline = "middle";
  // The cells' labels copied from tiles rasterised once (label-tiles.ts), replacing every pixel;
  // printed one by one where canvases have no pixels to read (DOM test environments).
  const tiles = grids.length > 0 && typeof context.putImageData === "function" ? labelTilesOf(canvas.ownerDocument) : null;
  // Grids whose labels are copied from tiles go into the canvas's pixels, replacing all of them; the
  // others (no tiles here, or too many labels never seen before) are printed one by one over those.
  let image: ImageData | null = null;
  const printed: LabelGrid[] = [];
  tiles?.beginDraw();
  for (const grid of grids) {
    const font = `${grid.fontPx}px ${grid.fontFamily}`;
    const imageOf = (): ImageData => (image ??= clearedPixelsOf(canvas, context));
    if (!tiles || !copyTiles(imageOf, tiles, grid, font, ratio)) printed.push(grid);
  }
  if (image) context.putImageData(image, 0, 0);
  else context.clearRect(0, 0, width, height);
  for (const grid of printed) {
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

/** The label canvas's pixels, kept between draws (a new ImageData of a figure-sized canvas is megabytes per draw). */
const pixelsByCanvas = new WeakMap<HTMLCanvasElement, ImageData>();

/** An ImageData the size of `canvas`'s bitmap, every pixel transparent. */
function clearedPixelsOf(canvas: HTMLCanvasElement, context: CanvasRenderingContext2D): ImageData {
  let image = pixelsByCanvas.get(canvas);
  if (!image || image.width !== canvas.width || image.height !== canvas.height) {
    image = context.createImageData(canvas.width, canvas.height);
    pixelsByCanvas.set(canvas, image);
  } else {
    image.data.fill(0);
  }
  return image;
}

/** Per cell of the grid being copied: its label's tile (reused between draws). */
let cellTiles: (LabelTile | null)[] = [];

/**
 * Copies the labels of `grid` into the label canvas's pixels (from `imageOf`) from the document's
 * label tiles (label-tiles.ts), rasterising the new ones first. A pixel over another label's pixel
 * (two labels' antialiasing meeting) is composited over it, as `fillText` would. Returns false,
 * having drawn nothing, when more than an eighth of its labels (at least 64) were never seen
 * before (a map whose values all change to new ones): `fillText` prints those for less than
 * making them tiles costs.
 */
function copyTiles(imageOf: () => ImageData, tiles: LabelTiles, grid: LabelGrid, font: string, ratio: number): boolean {
  const style = { font, fontPx: grid.fontPx, cellWidth: grid.cellWidth, ratio };
  const styleKey = `${ratio} ${grid.cellWidth} ${font}`;
  const box = tileBox(style);
  // Every column's (and row's) anchor: its whole device pixel, and the tiles of its sub-pixel offset.
  const colX = new Int32Array(grid.cols);
  const colOffset = new Float64Array(grid.cols);
  for (let c = 0; c < grid.cols; c++) {
    const { whole, offset } = splitPixel((grid.left + (c + 0.5) * grid.cellWidth) * ratio);
    colX[c] = whole - box.anchorX;
    colOffset[c] = offset;
  }
  const rowY = new Int32Array(grid.rows);
  const rowOffset = new Float64Array(grid.rows);
  for (let r = 0; r < grid.rows; r++) {
    const { whole, offset } = splitPixel((grid.top + (r + 0.5) * grid.cellHeight) * ratio);
    rowY[r] = whole - box.anchorY;
    rowOffset[r] = offset;
  }
  const n = grid.rows * grid.cols;
  // Rasterising a tile costs more than printing its label once: worth it for labels that repeat.
  const newTileBudget = Math.max(64, n / 8);
  if (cellTiles.length < n) cellTiles = new Array<LabelTile | null>(n).fill(null);
  let index: TileIndex | null = null;
  let indexX = NaN;
  let indexY = NaN;
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const i = r * grid.cols + c;
      const text = grid.texts[i];
      if (!text) {
        cellTiles[i] = null;
        continue;
      }
      if (!index || colOffset[c] !== indexX || rowOffset[r] !== indexY) {
        indexX = colOffset[c];
        indexY = rowOffset[r];
        index = tiles.tilesOf(styleKey, indexX, indexY);
      }
      cellTiles[i] = tiles.tile(index, style, box, indexX, indexY, text, grid.colors[i]);
      if (tiles.newTiles > newTileBudget) {
        tiles.abandon();
        return false;
      }
    }
  }
  tiles.rasterise();
  const image = imageOf();

  const width = image.width;
  const height = image.height;
  const bytes = image.data;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, width * height);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const tile = cellTiles[r * grid.cols + c];
      if (!tile || tile.width === 0) continue;
      const left = colX[c] + tile.x;
      const top = rowY[r] + tile.y;
      // The part of the tile inside the canvas.
      const x0 = Math.max(0, -left);
      const x1 = Math.min(tile.width, width - left);
      const y0 = Math.max(0, -top);
      const y1 = Math.min(tile.height, height - top);
      const pixels = tile.pixels;
      for (let y = y0; y < y1; y++) {
        const from = y * tile.width;
        const to = (top + y) * width + left;
        for (let x = x0; x < x1; x++) {
          const pixel = pixels[from + x];
          if (pixel === 0) continue;
          if (words[to + x] === 0) words[to + x] = pixel;
          else composite(bytes, 4 * (to + x), pixels, from + x);
        }
      }
    }
  }
  return true;
}

/** x * y / 255 rounded, for 8-bit x and y (as Skia's 8-bit pipeline computes it). */
function mul255(x: number, y: number): number {
  return ((x * y + 128) * 257) >> 16;
}

/**
 * Composites pixel `k` of `pixels` over the RGBA bytes at `at` (source-over), as the canvas
 * would: both premultiplied, blended in 8 bits, and stored unpremultiplied again, as ImageData holds them.
 */
function composite(bytes: Uint8ClampedArray, at: number, pixels: Uint32Array, k: number): void {
  const source = new Uint8Array(pixels.buffer, pixels.byteOffset + 4 * k, 4);
  const sourceAlpha = source[3];
  const alpha = sourceAlpha + mul255(bytes[at + 3], 255 - sourceAlpha);
  for (let channel = 0; channel < 3; channel++) {
    const premultiplied =
      mul255(source[channel], sourceAlpha) + mul255(mul255(bytes[at + channel], bytes[at + 3]), 255 - sourceAlpha);
    bytes[at + channel] = alpha === 0 ? 0 : Math.round((premultiplied * 255) / alpha);
  }
  bytes[at + 3] = alpha;
}
