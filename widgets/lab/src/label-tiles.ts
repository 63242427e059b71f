/**
 * Printed cell values rasterised once each: a label (its text, colour, font, cell width, device
 * pixel ratio and sub-pixel position) is drawn with `fillText` on a scratch canvas the first time
 * it is needed, and its pixels are kept; every later draw copies them into the label canvas's
 * pixels. The values of a map at the printed precision repeat a lot (within a map and from one
 * slider step to the next), and `fillText` (shaping and rasterising text) was most of a redraw
 * (../DESIGN.md).
 *
 * A tile's text was drawn at the sub-pixel offset (to 1/256 pixel) it has in the figure and is
 * copied at whole device pixels without scaling, so the copy has the pixels `fillText` would draw
 * there (a grid whose cells are whole pixels wide has one offset per axis for all its cells). The
 * tiles are shared by every heatmap of a document; they are dropped when they hold more than
 * `MAX_TILE_PIXELS` at the start of a draw.
 */

/** Pixels kept in tiles (4 bytes each) before they are dropped at the start of a draw. */
const MAX_TILE_PIXELS = 1 << 20;
/** Width of the scratch canvas new tiles are drawn on, in device pixels. */
const SCRATCH_WIDTH = 1024;

/** How the labels of one grid are printed: what makes two labels with the same text look alike. */
export interface LabelStyle {
  /** CSS font, e.g. `7px sans-serif`. */
  font: string;
  fontPx: number;
  /** Width of a cell in CSS pixels (labels are squeezed to 94% of it). */
  cellWidth: number;
  /** Device pixel ratio of the figure. */
  ratio: number;
}

/** Box around a label's anchor (the centre of its text) that holds all its pixels, in device pixels. */
export interface TileBox {
  width: number;
  height: number;
  /** Where the anchor's whole pixel lies in the box, from its top-left corner. */
  anchorX: number;
  anchorY: number;
}

/** One rasterised label: the non-transparent part of its box, as RGBA pixels (unpremultiplied, as in ImageData). */
export interface LabelTile {
  /** Left and top of the kept pixels, from the box's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** `width * height` pixels, one 32-bit RGBA word each (ImageData's byte order). */
  pixels: Uint32Array;
}

/** The tiles of one style at one sub-pixel phase: colour -> text -> tile. */
export type TileIndex = Map<string, Map<string, LabelTile>>;

/** The box of the labels of `style`: the text is at most 94% of the cell wide; room around it for antialiasing and overhanging glyphs. */
export function tileBox(style: LabelStyle): TileBox {
  const halfWidth = Math.ceil((style.cellWidth * 0.47 + style.fontPx * 0.25) * style.ratio) + 2;
  const halfHeight = Math.ceil(style.fontPx * style.ratio) + 2;
  return { width: 2 * halfWidth, height: 2 * halfHeight, anchorX: halfWidth, anchorY: halfHeight };
}

/** Sub-pixel offsets are rounded to this fraction of a pixel, so that float noise (37.3 + 20 = 57.300000000000004) does not split a grid's tiles. */
const OFFSET_STEPS = 256;

/**
 * The whole device pixel at or left of `devicePx`, and the rest (the sub-pixel offset, 0 <= offset
 * < 1) rounded to 1/256 pixel (a rest that rounds up to 1 moves to the next pixel). Text is placed
 * at quarter pixels, so the rounding changes a label's pixels only within 1/512 pixel of such a step.
 */
export function splitPixel(devicePx: number): { whole: number; offset: number } {
  let whole = Math.floor(devicePx);
  let steps = Math.round((devicePx - whole) * OFFSET_STEPS);
  if (steps === OFFSET_STEPS) {
    whole++;
    steps = 0;
  }
  return { whole, offset: steps / OFFSET_STEPS };
}

interface PendingTile {
  tile: LabelTile;
  /** The table holding it under `text`. */
  byText: Map<string, LabelTile>;
  text: string;
  color: string;
  style: LabelStyle;
  box: TileBox;
  offsetX: number;
  offsetY: number;
}

/** The rasterised labels of a document (see the module comment). */
export class LabelTiles {
  private readonly scratch: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  /** Per style key, per sub-pixel offset along x, then y: the tiles. */
  private readonly styles = new Map<string, Map<number, Map<number, TileIndex>>>();
  private keptPixels = 0;
  /** Tiles handed out whose pixels `rasterise` has yet to fill. */
  private pending: PendingTile[] = [];

  private constructor(scratch: HTMLCanvasElement, context: CanvasRenderingContext2D) {
    this.scratch = scratch;
    this.context = context;
  }

  /**
   * Tiles drawn on a canvas of `doc`; null where canvases have no 2-D context or pixels to read
   * (DOM test environments). Fonts that finish loading drop every tile: those drawn before may
   * hold a fallback font's glyphs.
   */
  static create(doc: Document): LabelTiles | null {
    const scratch = doc.createElement("canvas");
    const context = scratch.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D | null;
    if (!context || typeof context.fillText !== "function" || typeof context.getImageData !== "function") return null;
    const tiles = new LabelTiles(scratch, context);
    doc.fonts?.addEventListener?.("loadingdone", () => tiles.dropAll());
    return tiles;
  }

  /** Starts a draw: drops every tile when they hold too many pixels. */
  beginDraw(): void {
    if (this.keptPixels > MAX_TILE_PIXELS) this.dropAll();
  }

  private dropAll(): void {
    this.styles.clear();
    this.keptPixels = 0;
  }

  /** The tiles of the style named `styleKey` (same key, same `LabelStyle`) whose anchor lies `offsetX`, `offsetY` past a whole device pixel. */
  tilesOf(styleKey: string, offsetX: number, offsetY: number): TileIndex {
    let byX = this.styles.get(styleKey);
    if (!byX) {
      byX = new Map();
      this.styles.set(styleKey, byX);
    }
    let byY = byX.get(offsetX);
    if (!byY) {
      byY = new Map();
      byX.set(offsetX, byY);
    }
    let index = byY.get(offsetY);
    if (!index) {
      index = new Map();
      byY.set(offsetY, index);
    }
    return index;
  }

  /**
   * The tile of `text` in `color` from `index` (the `tilesOf` table of `style` and the offsets,
   * whose box is `box`). A new tile's pixels are drawn by the next `rasterise`, which must run before they are read.
   */
  tile(
    index: TileIndex,
    style: LabelStyle,
    box: TileBox,
    offsetX: number,
    offsetY: number,
    text: string,
    color: string,
  ): LabelTile {
    let byText = index.get(color);
    if (!byText) {
      byText = new Map();
      index.set(color, byText);
    }
    let tile = byText.get(text);
    if (!tile) {
      tile = { x: 0, y: 0, width: 0, height: 0, pixels: new Uint32Array(0) };
      byText.set(text, tile);
      this.pending.push({ tile, byText, text, color, style, box, offsetX, offsetY });
    }
    return tile;
  }

  /** How many tiles were handed out since the last `rasterise` (each a label not seen before). */
  get newTiles(): number {
    return this.pending.length;
  }

  /** Forgets the tiles handed out since the last `rasterise`, leaving them undrawn. */
  abandon(): void {
    for (const { byText, text } of this.pending) byText.delete(text);
    this.pending = [];
  }

  /** Draws the new tiles' labels on the scratch canvas (as many at once as fit) and keeps their pixels. */
  rasterise(): void {
    if (this.pending.length === 0) return;
    let start = 0;
    while (start < this.pending.length) {
      // Shelves of boxes across the scratch canvas, as many as one canvas of at most 1024 rows holds.
      const places: number[] = [];
      let x = 0;
      let y = 0;
      let shelf = 0;
      let width = SCRATCH_WIDTH;
      let end = start;
      for (; end < this.pending.length; end++) {
        const { box } = this.pending[end];
        if (x + box.width > SCRATCH_WIDTH && x > 0) {
          y += shelf;
          x = 0;
          shelf = 0;
        }
        if (y + box.height > SCRATCH_WIDTH && end > start) break;
        places.push(x, y);
        x += box.width;
        width = Math.max(width, x);
        shelf = Math.max(shelf, box.height);
      }
      const height = y + shelf;
      this.scratch.width = width;
      this.scratch.height = height;
      const context = this.context;
      context.textAlign = "center";
      context.textBaseline = "middle";
      for (let k = start; k < end; k++) {
        const { text, color, style, box, offsetX, offsetY } = this.pending[k];
        const px = places[2 * (k - start)];
        const py = places[2 * (k - start) + 1];
        // The anchor at its whole pixel plus its offset, in device pixels; the font scaled as in the figure.
        context.setTransform(style.ratio, 0, 0, style.ratio, px + box.anchorX + offsetX, py + box.anchorY + offsetY);
        context.font = style.font;
        context.fillStyle = color;
        context.fillText(text, 0, 0, style.cellWidth * 0.94);
      }
      const image = context.getImageData(0, 0, width, height);
      const all = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
      for (let k = start; k < end; k++) {
        const { tile, box } = this.pending[k];
        this.keep(tile, all, width, places[2 * (k - start)], places[2 * (k - start) + 1], box);
      }
      start = end;
    }
    this.pending = [];
    // The scratch bitmap (up to 4 MB) is not kept between draws.
    this.scratch.width = 1;
    this.scratch.height = 1;
  }

  /** Keeps the non-transparent part of the box at (left, top) of `all` (a `width`-pixel-wide image) in `tile`. */
  private keep(tile: LabelTile, all: Uint32Array, width: number, left: number, top: number, box: TileBox): void {
    let x0 = box.width;
    let y0 = box.height;
    let x1 = -1;
    let y1 = -1;
    for (let y = 0; y < box.height; y++) {
      const row = (top + y) * width + left;
      for (let x = 0; x < box.width; x++) {
        if (all[row + x] === 0) continue;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
    if (x1 < 0) return;
    tile.x = x0;
    tile.y = y0;
    tile.width = x1 - x0 + 1;
    tile.height = y1 - y0 + 1;
    tile.pixels = new Uint32Array(tile.width * tile.height);
    for (let y = 0; y < tile.height; y++) {
      const row = (top + y0 + y) * width + left + x0;
      tile.pixels.set(all.subarray(row, row + tile.width), y * tile.width);
    }
    this.keptPixels += tile.pixels.length;
  }
}

const tilesByDocument = new WeakMap<Document, LabelTiles | null>();

/** The label tiles of `doc` (made on first use); null where canvases have no 2-D context. */
export function labelTilesOf(doc: Document): LabelTiles | null {
  let tiles = tilesByDocument.get(doc);
  if (tiles === undefined) {
    tiles = LabelTiles.create(doc);
    tilesByDocument.set(doc, tiles);
  }
  return tiles;
}
