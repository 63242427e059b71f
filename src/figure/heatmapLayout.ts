/**
 * The layout of a heatmap, computed once and drawn by two thin renderers (the static SVG/PNG
 * scene in `heatmapScene.ts`, the JupyterLab view in `widgets/lab`): the cell grid and its size,
 * the colour range and the colour bar's ticks, block-averaging of large maps with its note,
 * NaN/±∞ cells and their legend, printed values, highlights with their labels, the grid of
 * channels and the titles. Positions are CSS pixels from the figure's top-left corner.
 */
import { colorAt, textColorOn, isDiverging, type ColorScaleName, type Rgb } from "./colorScale";
import { parseCssColor } from "./cssColor";
import { downsampleMaps } from "./downsample";
import type { FeatureMaps } from "./featureMaps";
import { DEFAULT_HIGHLIGHT_COLOR, type HeatmapHighlight } from "./highlight";
import { NON_FINITE_STYLE, estimatedTextWidth, type NonFiniteKind } from "./scene";
import { autoValueLabel, formatValue, textWidthEm } from "./valueFormat";
import { colorRange, niceTicks, scanValues } from "./valueRange";

/** Most drawn cells along one axis of one map before it is block-averaged. */
export const MAX_CELLS_PER_AXIS = 128;
/** Most drawn cells over all channels before the maps are block-averaged. */
export const MAX_DRAWN_CELLS = 262_144;
/** Largest cell edge in CSS pixels when the size is automatic. */
export const MAX_AUTO_CELL_PX = 48;
/** Tallest the grid of cells grows when the cell size is automatic. */
export const MAX_AUTO_GRID_HEIGHT_PX = 700;
/** Smallest font size (px) at which cell values are printed. */
export const MIN_VALUE_FONT_PX = 7;
/** Font size of cell values in cells of 36 px and more. */
export const MAX_VALUE_FONT_PX = 12;
/** Font size of row/column indices, channel titles' is 12, the title's 15. */
export const INDEX_FONT_PX = 11;
/** Font size of highlight labels. */
export const HIGHLIGHT_LABEL_FONT_PX = 10;

/** What a heatmap shows and how: checked input of `heatmapLayout`. */
export interface HeatmapLayoutInput {
  /** `channels` maps of `height x width` values. */
  maps: FeatureMaps;
  /** Draw the maps as a grid of channels with a title each (a `[c, h, w]` state, even for c = 1). */
  grid: boolean;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Titles of the channels (missing ones: `channel 0`, ...). */
  channelTitles: readonly string[];
  colorscale: ColorScaleName;
  /** Fixed colour range ends (null: the data's). */
  zmin: number | null;
  zmax: number | null;
  showValues: boolean;
  /** d3-format of the printed values. */
  valueFormat: string;
  /** Draw row and column indices. */
  showIndices: boolean;
  /** Reserve room for the colour bar and compute its ticks. */
  showColorbar: boolean;
  /** Highlights with CSS colours `parseCssColor` reads (checked by the caller). */
  highlights: readonly HeatmapHighlight[];
  /** Cell edge in CSS pixels; 0 fits the cells to `availableWidth`. */
  cellSize: number;
  /** Width the figure may fill, in CSS pixels. */
  availableWidth: number;
  /** Most cells per side before block-averaging (default MAX_CELLS_PER_AXIS). */
  maxSide?: number;
}

/** One map of the grid: where its cells sit and what they show. */
export interface PanelLayout {
  channel: number;
  /** Channel title ("" for a single map). */
  title: string;
  /** Left and top edge of the first cell. */
  left: number;
  top: number;
  /** Drawn value of every cell, row-major (block means when downsampled; NaN/±Infinity kept). */
  values: Float64Array;
  /** Non-finite kind of every cell: 0 finite, 1 NaN, 2 +Infinity, 3 -Infinity. */
  kinds: Uint8Array;
  /** RGBA of every finite cell on the colour scale (alpha 0 where the cell is non-finite). */
  colors: Uint8ClampedArray;
  /** Printed text of every cell ("" prints nothing); empty when values are not printed. */
  texts: string[];
  /** Whether each printed text is light (on a dark cell) rather than dark. */
  lightText: Uint8Array;
}

/** A highlight as drawn: its rectangle and label in CSS pixels. */
export interface HighlightLayout {
  channel: number;
  x: number;
  y: number;
  width: number;
  height: number;
  style: "outline" | "shade";
  /** The colour as given (CSS) and as RGB. */
  color: string;
  rgb: Rgb;
  /** Border width (an outline's, or the thin line around a shade). */
  lineWidth: number;
  /**
   * A shade's translucent bands along the inside of its border: the cells inside keep their own
   * colour, readable against the colour bar, and their numbers stay clear (none for an outline).
   */
  bands: { x: number; y: number; width: number; height: number }[];
  /** Label text ("" for none), its left end and vertical centre. */
  label: string;
  labelX: number;
  labelY: number;
  labelFontPx: number;
}

/** A line under the figure: the downsampling note or a NaN/±∞ legend entry. */
export interface HeatmapNote {
  text: string;
  /** The non-finite kind whose swatch comes before the text. */
  kind?: NonFiniteKind;
}

/** Everything both renderers draw. */
export interface HeatmapLayout {
  /** Figure size without the notes. */
  width: number;
  height: number;
  /** Full map size. */
  channels: number;
  mapHeight: number;
  mapWidth: number;
  /** Block size (1: every cell drawn), and the drawn rows and columns of each map. */
  factor: number;
  rows: number;
  cols: number;
  gridCols: number;
  gridRows: number;
  cellPx: number;
  colorscale: ColorScaleName;
  colorRange: [number, number];
  /** Colour bar box (width 0 when there is none) and its ticks. */
  colorbar: { left: number; top: number; width: number; height: number; ticks: number[]; tickLabels: string[] };
  /** Title (empty: none) and its vertical centre. */
  title: string;
  titleY: number;
  /** Axis titles: the y title's centre x and the x title's offset below each bottom-row map. */
  xLabel: string;
  yLabel: string;
  yLabelX: number;
  /** Index labels every `indexStep` cells of the full map (0: no indices), `indexFontPx` high. */
  indexStep: number;
  indexFontPx: number;
  /** Channel titles sit this far above the first cell row, column indices `indexGap` above it. */
  channelTitleOffset: number;
  indexGap: number;
  panels: PanelLayout[];
  valuesShown: boolean;
  valueFontPx: number;
  /** Font of the NaN/±∞ marks printed in non-finite cells (0: not printed). */
  markFontPx: number;
  highlights: HighlightLayout[];
  notes: HeatmapNote[];
}

/** Marks printed in non-finite cells, by kind code 1..3. */
export const NON_FINITE_MARKS = ["", "NaN", "+∞", "−∞"] as const;
const KIND_NAMES: NonFiniteKind[] = ["nan", "posinf", "neginf"];

/** Block size so that no map has more than `maxSide` cells along an axis and the grid stays under MAX_DRAWN_CELLS. */
export function downsampleFactor(channels: number, height: number, width: number, maxSide = MAX_CELLS_PER_AXIS): number {
  let factor = Math.max(1, Math.ceil(Math.max(height, width) / maxSide));
  while (channels * Math.ceil(height / factor) * Math.ceil(width / factor) > MAX_DRAWN_CELLS) factor++;
  return factor;
}

/** Integer index step between labels: 1, 2, 5, 10, 20, 50... so that labels are `minPx` apart or more. */
export function indexStepFor(count: number, pxPerIndex: number, minPx: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) {
      if (step * magnitude * pxPerIndex >= minPx || step * magnitude >= count) return step * magnitude;
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Lays out a heatmap (see the module comment). Input is trusted: callers check it first. */
export function heatmapLayout(input: HeatmapLayoutInput): HeatmapLayout {
  const full = input.maps;
  const C = full.channels;
  const factor = downsampleFactor(C, full.height, full.width, input.maxSide ?? MAX_CELLS_PER_AXIS);
  const { maps } = downsampleMaps(full, factor);
  const rows = maps.height;
  const cols = maps.width;
  const { counts } = scanValues(full);
  // The colours span the drawn values: block means when downsampled, so their contrast stays visible.
  const { min, max } = scanValues(maps);
  const [lo, hi] = colorRange(min, max, input.zmin, input.zmax, isDiverging(input.colorscale));
  const ticks = input.showColorbar ? niceTicks(lo, hi, 5) : [];
  const tickLabels = ticks.map((t) => formatValue(t, ".3~g"));

  const gridCols = C <= 1 ? 1 : Math.ceil(Math.sqrt(C));
  const gridRows = Math.max(1, Math.ceil(C / gridCols));
  const pad = 12;
  const titleH = input.title ? 28 : 0;
  const yLabelW = input.yLabel ? 20 : 0;
  const xLabelH = input.xLabel ? 20 : 0;
  const chTitleH = input.grid ? 20 : 0;
  const indexFont = INDEX_FONT_PX;
  const colIdxH = input.showIndices ? indexFont + 6 : 0;
  const rowIdxW = input.showIndices ? estimatedTextWidth(String(Math.max(0, full.height - 1)), indexFont) + 8 : 0;
  const gapX = 16;
  const gapY = 12;
  // Room for tick labels of up to 7 characters, whatever the values: a change of values alone
  // then leaves the figure's size as it was (the live view repaints only its cells then).
  const tickLabelW = input.showColorbar ? estimatedTextWidth("−0.0025", 10) : 0;
  const colorbarW = input.showColorbar ? 20 + 16 + 8 + tickLabelW : 0;

  let cell = input.cellSize;
  if (!(cell > 0)) {
    const fixedW = 2 * pad + yLabelW + gridCols * rowIdxW + (gridCols - 1) * gapX + colorbarW;
    const fixedH = gridRows * (chTitleH + colIdxH + xLabelH) + (gridRows - 1) * gapY;
    const byWidth = (Math.max(input.availableWidth, 160) - fixedW) / Math.max(1, gridCols * cols);
    const byHeight = (MAX_AUTO_GRID_HEIGHT_PX - fixedH) / Math.max(1, gridRows * rows);
    cell = Math.max(2, Math.floor(Math.min(MAX_AUTO_CELL_PX, byWidth, byHeight)));
  }

  const mapW = cols * cell;
  const mapH = rows * cell;
  const panelW = rowIdxW + mapW;
  const panelH = chTitleH + colIdxH + mapH + xLabelH;
  const gridW = gridCols * panelW + (gridCols - 1) * gapX;
  const gridH = gridRows * panelH + (gridRows - 1) * gapY;
  const gridX = pad + yLabelW;
  const gridY = pad + titleH;
  const cbTop = gridY + chTitleH + colIdxH;
  const colorbar = {
    left: gridX + gridW + 20,
    top: cbTop,
    width: input.showColorbar ? 16 : 0,
    height: Math.max(60, gridH - chTitleH - colIdxH - xLabelH),
    ticks,
    tickLabels,
  };
  const width = Math.ceil(input.showColorbar ? colorbar.left + 16 + 8 + tickLabelW + pad : gridX + gridW + pad);
  const height = Math.ceil(gridY + Math.max(gridH, input.showColorbar ? cbTop - gridY + colorbar.height : 0) + pad);

  // Printed values: the font follows the cell size alone, so maps of one cell size print at one
  // size. The automatic format shortens a label that would not fit (fewer significant digits); an
  // explicit format keeps its digits and the font shrinks to fit the longest label instead.
  const valueFormat = input.valueFormat;
  // Whole pixels: 7 px from 20 px cells, where "10.25" still fits.
  const cellFont = Math.min(MAX_VALUE_FONT_PX, Math.floor(cell * 0.35));
  const room = cell * 0.94;
  const mayPrint = input.showValues && factor === 1 && cellFont >= MIN_VALUE_FONT_PX;
  const fits = (text: string): boolean => textWidthEm(text) * cellFont <= room;
  // Rounded labels keep a clear gap (3 px) to their neighbours, fonts running up to 7% wider than estimated.
  const fitsWithGap = (text: string): boolean => textWidthEm(text) * cellFont * 1.07 + 3 <= cell;
  const panelsTexts: string[][] = [];
  let widestEm = 0;
  if (mayPrint) {
    // Maps repeat values (upsampled, integer or clipped maps): each distinct value is formatted once.
    const labelOf = new Map<number, string>();
    for (let c = 0; c < C; c++) {
      const texts: string[] = new Array(rows * cols);
      for (let i = 0; i < rows * cols; i++) {
        const v = maps.values[c * rows * cols + i];
        let text = labelOf.get(v);
        if (text === undefined) {
          text = !Number.isFinite(v)
            ? ""
            : valueFormat === ""
              ? autoValueLabel(v, fits, fitsWithGap)
              : formatValue(v, valueFormat);
          labelOf.set(v, text);
          widestEm = Math.max(widestEm, textWidthEm(text));
        }
        texts[i] = text;
      }
      panelsTexts.push(texts);
    }
  }
  const valueFont = valueFormat === "" ? cellFont : Math.min(cellFont, room / Math.max(widestEm, 0.5));
  const valuesShown = mayPrint && valueFont >= MIN_VALUE_FONT_PX;
  const markFont =
    factor === 1 && cellFont >= MIN_VALUE_FONT_PX && textWidthEm("NaN") * cellFont <= room ? Math.floor(cellFont * 10) / 10 : 0;

  const table = colorTable(input.colorscale);
  const span = hi - lo;
  const panels: PanelLayout[] = [];
  for (let c = 0; c < C; c++) {
    const q = c % gridCols;
    const r = Math.floor(c / gridCols);
    const left = gridX + q * (panelW + gapX) + rowIdxW;
    const top = gridY + r * (panelH + gapY) + chTitleH + colIdxH;
    const n = rows * cols;
    const values = new Float64Array(n);
    const kinds = new Uint8Array(n);
    const colors = new Uint8ClampedArray(n * 4);
    const lightText = new Uint8Array(n);
    const texts = valuesShown ? panelsTexts[c] : markFont > 0 ? new Array<string>(n).fill("") : [];
    for (let i = 0; i < n; i++) {
      const v = maps.values[c * n + i];
      values[i] = v;
      if (Number.isFinite(v)) {
        const k = 4 * Math.round(Math.min(1, Math.max(0, (v - lo) / span)) * (TABLE_SIZE - 1));
        colors[4 * i] = table[k];
        colors[4 * i + 1] = table[k + 1];
        colors[4 * i + 2] = table[k + 2];
        colors[4 * i + 3] = 255;
        lightText[i] = table[k + 3];
      } else {
        kinds[i] = Number.isNaN(v) ? 1 : v > 0 ? 2 : 3;
        if (markFont > 0) texts[i] = NON_FINITE_MARKS[kinds[i]];
      }
    }
    const title = input.grid ? input.channelTitles[c] || `channel ${c}` : "";
    panels.push({ channel: c, title, left, top, values, kinds, colors, texts, lightText });
  }

  // Highlight labels sit in the band between a cell's top edge and its printed number, or, when
  // that band is too low, across the edge between it and the band under the numbers of the row
  // above: either way they cover no number (they may run on over the bands of the cells to the
  // right, which hold none).
  const band = valuesShown ? (cell - valueFont) / 2 : cell;
  const edgeFont = Math.max(6, Math.min(HIGHLIGHT_LABEL_FONT_PX, Math.floor(2 * band - 3)));
  const highlights: HighlightLayout[] = [];
  for (const h of input.highlights) {
    const r0 = Math.max(0, h.row);
    const c0 = Math.max(0, h.col);
    const r1 = Math.min(full.height, h.row + (h.height ?? 1));
    const c1 = Math.min(full.width, h.col + (h.width ?? 1));
    if (r1 <= r0 || c1 <= c0) continue;
    const color = h.color || DEFAULT_HIGHLIGHT_COLOR;
    const rgb = parseCssColor("highlight color", color);
    const style = h.style === "shade" ? "shade" : "outline";
    const inside = band >= edgeFont + 2;
    const labelFont = edgeFont;
    for (const panel of panels) {
      if (h.channel !== undefined && h.channel !== null && h.channel !== panel.channel) continue;
      const x = panel.left + (c0 / factor) * cell;
      const y = panel.top + (r0 / factor) * cell;
      const width = ((c1 - c0) / factor) * cell;
      const height = ((r1 - r0) / factor) * cell;
      highlights.push({
        channel: panel.channel,
        x,
        y,
        width,
        height,
        style,
        color,
        rgb,
        lineWidth: style === "shade" ? 1 : Math.max(2, Math.min(3, cell * 0.08)),
        bands: style === "shade" ? shadeBands(x, y, width, height, cell) : [],
        label: h.label ?? "",
        labelX: x + 2,
        labelY: inside ? y + 1 + labelFont / 2 : y,
        labelFontPx: labelFont,
      });
    }
  }

  const notes: HeatmapNote[] = [];
  if (factor > 1) {
    notes.push({
      text:
        `Downsampled from ${full.height}×${full.width} to ${rows}×${cols} cells, each the mean of a ` +
        `${factor}×${factor} block (NaN/±∞ left out); values not printed`,
    });
  } else if (input.showValues && !valuesShown) {
    notes.push({ text: "Values hidden: the cells are too small to print them" });
  }
  if (C * full.height * full.width === 0) notes.push({ text: `Empty map: ${C}×${full.height}×${full.width} has no cells` });
  const nonFinite: [NonFiniteKind, number, string][] = [
    ["nan", counts.nan, "NaN"],
    ["posinf", counts.posInf, "+Infinity (+∞)"],
    ["neginf", counts.negInf, "-Infinity (−∞)"],
  ];
  for (const [kind, n, name] of nonFinite) {
    if (n > 0)
      notes.push({ text: `${name}: ${plural(n, "cell")}, ${NON_FINITE_STYLE[kind].legend}, outside the colour scale`, kind });
  }

  const indexStep = input.showIndices
    ? indexStepFor(
        Math.max(full.height, full.width),
        cell / factor,
        estimatedTextWidth(String(Math.max(full.height, full.width) - 1), indexFont) + 6,
      )
    : 0;
  return {
    width,
    height,
    channels: C,
    mapHeight: full.height,
    mapWidth: full.width,
    factor,
    rows,
    cols,
    gridCols,
    gridRows,
    cellPx: cell,
    colorscale: input.colorscale,
    colorRange: [lo, hi],
    colorbar,
    title: input.title,
    titleY: pad + 10,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    yLabelX: pad + 6,
    indexStep,
    indexFontPx: indexFont,
    channelTitleOffset: colIdxH + chTitleH / 2,
    indexGap: colIdxH / 2,
    panels,
    valuesShown,
    valueFontPx: valuesShown ? Math.floor(valueFont * 10) / 10 : 0,
    markFontPx: markFont,
    highlights,
    notes,
  };
}

/** Opacity of a shade's bands. */
export const SHADE_OPACITY = 0.5;

/** The four bands along the inside of a `width x height` box at (x, y), about a fifth of a cell wide. */
function shadeBands(x: number, y: number, width: number, height: number, cell: number): HighlightLayout["bands"] {
  const b = Math.max(1.5, Math.min(width / 2, height / 2, Math.round(cell * 0.2)));
  return [
    { x, y, width, height: b },
    { x, y: y + height - b, width, height: b },
    { x, y: y + b, width: b, height: height - 2 * b },
    { x: x + width - b, y: y + b, width: b, height: height - 2 * b },
  ].filter((r) => r.width > 0 && r.height > 0);
}

/** The kind name (`nan`, `posinf`, `neginf`) of a kind code 1..3. */
export function nonFiniteKindOf(code: number): NonFiniteKind {
  return KIND_NAMES[code - 1];
}

const TABLE_SIZE = 1024;

/** Colour tables already computed, by scale name (each is the same on every call). */
const colorTables = new Map<ColorScaleName, Uint8ClampedArray>();

/** RGB of scale `name` at TABLE_SIZE evenly spaced positions, with 1 in the 4th byte where light text reads better. */
function colorTable(name: ColorScaleName): Uint8ClampedArray {
  const known = colorTables.get(name);
  if (known) return known;
  const table = new Uint8ClampedArray(TABLE_SIZE * 4);
  for (let i = 0; i < TABLE_SIZE; i++) {
    const rgb = colorAt(name, i / (TABLE_SIZE - 1));
    table.set([rgb[0], rgb[1], rgb[2], textColorOn(rgb)[0] === 255 ? 1 : 0], 4 * i);
  }
  colorTables.set(name, table);
  return table;
}
