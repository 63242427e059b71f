/**
 * Lays out a heatmap figure: square cells coloured by the scale, the value in
 * each cell, row/column indices, a title, a colour bar with ticks, highlight
 * rectangles, hatched NaN/Infinity cells with a legend note, large maps
 * downsampled with a note, and `(C, H, W)` tensors as a grid with one shared scale.
 */
import { formatNumber, type Tensor } from "../tensor";
import { checkOptionNames } from "../args";
import { colorAt, colorScaleByName, isDiverging, textColorOn, type Rgb } from "./colorScale";
import { parseCssColor } from "./cssColor";
import { downsampleFactor, downsampleMaps } from "./downsample";
import { featureMapsOf, mapValue } from "./featureMaps";
import { NON_FINITE_STYLE, estimatedTextWidth, type NonFiniteKind, type Primitive, type Scene } from "./scene";
import { colorRange, niceTicks, scanValues } from "./valueRange";

/** A rectangle drawn over cells (same fields as the widget protocol's `HeatmapHighlight`). */
export interface FigureHighlight {
  /** Top row (cell index in the full-size map). */
  row: number;
  /** Left column. */
  col: number;
  /** Height in cells (default 1). */
  height?: number;
  /** Width in cells (default 1). */
  width?: number;
  /** `outline` draws the border (default); `shade` fills the cells translucently. */
  style?: "outline" | "shade";
  /** CSS colour (default `#ff3b30`). */
  color?: string;
  /** Short text drawn at the rectangle's top-left corner. */
  label?: string;
  /** Channel of a multi-channel grid it belongs to (default: every channel). */
  channel?: number;
}

/** Options of the static heatmap figures (`heatmapSvg`, `heatmapPng`). */
export interface HeatmapFigureOptions {
  /** Title above the figure. */
  title?: string;
  /** `Viridis` (default), `RdBu` (diverging, symmetric about 0 for signed data) or `Greys`. */
  colorscale?: string;
  /** Fixed low end of the colour range (default: the smallest finite value). */
  zmin?: number | null;
  /** Fixed high end of the colour range (default: the largest finite value). */
  zmax?: number | null;
  /** Print the value in each cell (default true; hidden automatically when cells are too small). */
  showValues?: boolean;
  /** Draw row and column indices (default true; off for downsampled maps). */
  showIndices?: boolean;
  /** Draw the colour bar (default true). */
  showColorbar?: boolean;
  /** Rectangles drawn over cells. */
  highlights?: readonly FigureHighlight[];
  /** Cell size in CSS pixels, 2..200 (default: fitted to about 440 px). */
  cellSize?: number;
  /** Titles of the channels of a `(C, H, W)` grid (default `channel 0`, ...). */
  channelTitles?: readonly string[];
  /** Title of the x axis (columns). */
  xLabel?: string;
  /** Title of the y axis (rows). */
  yLabel?: string;
  /** Largest number of cells drawn per side before the map is downsampled (default 100, at least 8). */
  maxSide?: number;
}

/** Every option name `HeatmapFigureOptions` accepts. */
export const HEATMAP_FIGURE_OPTION_NAMES = [
  "title", "colorscale", "zmin", "zmax", "showValues", "showIndices", "showColorbar",
  "highlights", "cellSize", "channelTitles", "xLabel", "yLabel", "maxSide",
] as const;

const HIGHLIGHT_KEYS = ["row", "col", "height", "width", "style", "color", "label", "channel"];
const DEFAULT_HIGHLIGHT_COLOR = "#ff3b30";
const TEXT: Rgb = [17, 17, 17];
const MUTED: Rgb = [90, 90, 90];
const FRAME: Rgb = [120, 120, 120];

function optionalString(fn: string, name: string, v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new TypeError(`${fn}: ${name} must be a string, got ${String(v)}`);
  return v;
}

function optionalBool(fn: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== "boolean") throw new TypeError(`${fn}: ${name} must be true or false, got ${String(v)}`);
  return v;
}

function optionalBound(fn: string, name: string, v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${fn}: ${name} must be a finite number or null, got ${String(v)}`);
  }
  return v;
}

function checkInt(fn: string, name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`${fn}: ${name} must be an integer in ${lo}..${hi}, got ${String(v)}`);
  }
  return v;
}

/** A validated highlight with defaults filled in. */
interface ResolvedHighlight {
  row: number;
  col: number;
  height: number;
  width: number;
  style: "outline" | "shade";
  color: Rgb;
  label: string;
  channel: number | undefined;
}

function resolveHighlights(fn: string, hs: unknown, channels: number): ResolvedHighlight[] {
  if (hs === undefined || hs === null) return [];
  if (!Array.isArray(hs)) throw new TypeError(`${fn}: highlights must be an array of {row, col, ...}, got ${String(hs)}`);
  return hs.map((h: unknown, i): ResolvedHighlight => {
    const what = `${fn}: highlights[${i}]`;
    if (h === null || typeof h !== "object") throw new TypeError(`${what} must be an object {row, col, ...}, got ${String(h)}`);
    const o = h as Record<string, unknown>;
    checkOptionNames(what, o, HIGHLIGHT_KEYS);
    const big = 1 << 30;
    const style = o.style ?? "outline";
    if (style !== "outline" && style !== "shade") {
      throw new RangeError(`${what}.style must be 'outline' or 'shade', got ${String(style)}`);
    }
    return {
      row: checkInt(what, "row", o.row, -big, big),
      col: checkInt(what, "col", o.col, -big, big),
      height: o.height === undefined ? 1 : checkInt(what, "height", o.height, 1, big),
      width: o.width === undefined ? 1 : checkInt(what, "width", o.width, 1, big),
      style,
      color: parseCssColor(`${what}.color`, o.color ?? DEFAULT_HIGHLIGHT_COLOR),
      label: optionalString(what, "label", o.label),
      channel: o.channel === undefined || o.channel === null ? undefined : checkInt(what, "channel", o.channel, 0, channels - 1),
    };
  });
}

function nonFiniteKind(v: number): NonFiniteKind | undefined {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "posinf";
  if (v === -Infinity) return "neginf";
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The scene of a heatmap figure of `values` (`[h, w]`, `[c, h, w]`, `[w]` or `[1, c, h, w]`). */
export function heatmapScene(fn: string, values: Tensor, options: HeatmapFigureOptions = {}): Scene {
  checkOptionNames(fn, options, HEATMAP_FIGURE_OPTION_NAMES);
  const full = featureMapsOf(fn, values);
  const scale = colorScaleByName(fn, options.colorscale ?? "viridis");
  const title = optionalString(fn, "title", options.title);
  const xLabel = optionalString(fn, "xLabel", options.xLabel);
  const yLabel = optionalString(fn, "yLabel", options.yLabel);
  const zmin = optionalBound(fn, "zmin", options.zmin);
  const zmax = optionalBound(fn, "zmax", options.zmax);
  if (zmin !== null && zmax !== null && !(zmin < zmax)) {
    throw new RangeError(`${fn}: zmin must be less than zmax, got zmin ${zmin} and zmax ${zmax}`);
  }
  const showValues = optionalBool(fn, "showValues", options.showValues, true);
  const showIndices = optionalBool(fn, "showIndices", options.showIndices, true);
  const showColorbar = optionalBool(fn, "showColorbar", options.showColorbar, true);
  const maxSide = options.maxSide === undefined ? 100 : checkInt(fn, "maxSide", options.maxSide, 8, 4096);
  const requestedCell =
    options.cellSize === undefined || options.cellSize === 0
      ? 0
      : (() => {
          const c = options.cellSize;
          if (typeof c !== "number" || !Number.isFinite(c) || c < 2 || c > 200) {
            throw new RangeError(`${fn}: cellSize must be a number of pixels in 2..200 (or 0 for automatic), got ${String(c)}`);
          }
          return c;
        })();
  const channelTitles = options.channelTitles ?? [];
  if (!Array.isArray(channelTitles) || channelTitles.some((t) => typeof t !== "string")) {
    throw new TypeError(`${fn}: channelTitles must be an array of strings, got ${String(channelTitles)}`);
  }
  const highlights = resolveHighlights(fn, options.highlights, full.channels);

  const { counts } = scanValues(full);
  const factor = downsampleFactor(full.height, full.width, maxSide);
  const { maps } = downsampleMaps(full, factor);
  const downsampled = factor > 1;
  // The colours span the drawn values: block means when downsampled, so their contrast stays visible.
  const { min, max } = downsampled ? scanValues(maps) : scanValues(full);
  const [lo, hi] = colorRange(min, max, zmin, zmax, isDiverging(scale));
  const C = maps.channels;
  const h = maps.height;
  const w = maps.width;
  const gridCols = C === 1 ? 1 : Math.ceil(Math.sqrt(C));
  const gridRows = Math.ceil(C / gridCols);
  const cell =
    requestedCell > 0 ? requestedCell : Math.max(2, Math.min(56, Math.floor(Math.min(440, 960 / gridCols) / Math.max(h, w))));

  // Value labels: one font size for all cells, shrunk to fit the longest label; hidden below 7 px.
  const labels: string[] = [];
  let longest = 1;
  if (showValues && !downsampled) {
    for (let i = 0; i < C * h * w; i++) {
      const s = formatNumber(maps.values[i]);
      labels.push(s);
      longest = Math.max(longest, s.length);
    }
  }
  const valueFont = Math.min(14, cell * 0.36, (cell - 3) / (0.62 * longest));
  const drawValues = showValues && !downsampled && valueFont >= 7;

  const drawIndices = showIndices && !downsampled && cell >= 6;
  const indexFont = Math.max(9, Math.min(12, cell * 0.4));
  let indexStep = 1;
  if (drawIndices) {
    const need = estimatedTextWidth(String(Math.max(h, w) - 1), indexFont) + 4;
    for (const k of [1, 2, 5, 10, 20, 50, 100, 200, 500]) {
      indexStep = k;
      if (k * cell >= need && k * cell >= indexFont + 2) break;
    }
  }

  const pad = 12;
  const titleH = title ? 26 : 0;
  const chTitleH = C > 1 ? 18 : 0;
  const colIdxH = drawIndices ? indexFont + 6 : 0;
  const rowIdxW = drawIndices ? estimatedTextWidth(String(h - 1), indexFont) + 8 : 0;
  const yLabelW = yLabel ? 18 : 0;
  const xLabelH = xLabel ? 18 : 0;
  const mapW = w * cell;
  const mapH = h * cell;
  const gapX = 16;
  const gapY = 12;
  const panelW = rowIdxW + mapW;
  const panelH = chTitleH + colIdxH + mapH + xLabelH;
  const gridW = gridCols * panelW + (gridCols - 1) * gapX;
  const gridH = gridRows * panelH + (gridRows - 1) * gapY;
  const gridX = pad + yLabelW;
  const gridY = pad + titleH;

  const ticks = showColorbar ? niceTicks(lo, hi, 5) : [];
  const tickLabels = ticks.map(formatNumber);
  const cbX = gridX + gridW + 20;
  const cbW = 16;
  const cbTop = gridY + chTitleH + colIdxH;
  const cbH = Math.max(60, gridH - chTitleH - colIdxH - xLabelH);
  const tickLabelW = Math.max(0, ...tickLabels.map((t) => estimatedTextWidth(t, 10)));
  const rightEdge = showColorbar ? cbX + cbW + 8 + tickLabelW : gridX + gridW;

  const notes: { text: string; kind?: NonFiniteKind }[] = [];
  if (downsampled) {
    notes.push({
      text: `Downsampled from ${full.height}x${full.width} to ${h}x${w} (mean of ${factor}x${factor} blocks); values and indices hidden`,
    });
  } else if (showValues && !drawValues) {
    notes.push({ text: "Values hidden: cells too small to print them" });
  }
  const kinds: [NonFiniteKind, number, string][] = [
    ["nan", counts.nan, "NaN"],
    ["posinf", counts.posInf, "+Inf"],
    ["neginf", counts.negInf, "-Inf"],
  ];
  for (const [kind, n, name] of kinds) {
    if (n > 0) notes.push({ text: `${name}: ${plural(n, "value")} (${NON_FINITE_STYLE[kind].legend})`, kind });
  }
  const noteH = 16;
  const notesH = notes.length > 0 ? 6 + notes.length * noteH : 0;
  const textWidths = [
    title ? estimatedTextWidth(title, 15) + 2 * pad : 0,
    ...notes.map((n) => estimatedTextWidth(n.text, 11) + 2 * pad + 18),
  ];
  const width = Math.ceil(Math.max(rightEdge + pad, ...textWidths));
  const height = Math.ceil(gridY + Math.max(gridH, showColorbar ? cbTop - gridY + cbH : 0) + notesH + pad);

  const p: Primitive[] = [];
  if (title) p.push({ kind: "text", x: gridX, y: pad + 10, text: title, size: 15, bold: true, color: TEXT, anchor: "start", role: "title" });
  if (yLabel) {
    p.push({ kind: "text", x: pad + 6, y: gridY + gridH / 2, text: yLabel, size: 12, color: MUTED, anchor: "middle", vertical: true, role: "y-label" });
  }

  const colorOf = (v: number): Rgb => colorAt(scale, (v - lo) / (hi - lo));
  for (let c = 0; c < C; c++) {
    const q = c % gridCols;
    const r = Math.floor(c / gridCols);
    const px = gridX + q * (panelW + gapX) + rowIdxW;
    const panelTop = gridY + r * (panelH + gapY);
    const py = panelTop + chTitleH + colIdxH;
    if (C > 1) {
      const t = channelTitles[c] ?? `channel ${c}`;
      p.push({ kind: "text", x: px, y: panelTop + chTitleH / 2, text: t, size: 12, bold: true, color: TEXT, anchor: "start", role: "channel-title" });
    }
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        const v = mapValue(maps, c, i, j);
        const x = px + j * cell;
        const y = py + i * cell;
        const nf = nonFiniteKind(v);
        let fill: Rgb;
        if (nf) {
          const st = NON_FINITE_STYLE[nf];
          fill = st.background;
          p.push({ kind: "hatch", x, y, w: cell, h: cell, background: st.background, line: st.line, pattern: nf, role: "cell" });
        } else {
          fill = colorOf(v);
          p.push({ kind: "rect", x, y, w: cell, h: cell, fill, role: "cell" });
        }
        if (drawValues) {
          p.push({
            kind: "text", x: x + cell / 2, y: y + cell / 2, text: labels[(c * h + i) * w + j], size: valueFont,
            color: textColorOn(fill), anchor: "middle", maxWidth: cell - 2, role: "value",
          });
        }
      }
    }
    p.push({ kind: "rect", x: px, y: py, w: mapW, h: mapH, stroke: FRAME, strokeWidth: 1, role: "frame" });
    if (drawIndices) {
      for (let i = 0; i < h; i += indexStep) {
        p.push({ kind: "text", x: px - 4, y: py + i * cell + cell / 2, text: String(i), size: indexFont, color: MUTED, anchor: "end", role: "row-index" });
      }
      for (let j = 0; j < w; j += indexStep) {
        p.push({ kind: "text", x: px + j * cell + cell / 2, y: py - colIdxH / 2, text: String(j), size: indexFont, color: MUTED, anchor: "middle", role: "col-index" });
      }
    }
    if (xLabel) {
      p.push({ kind: "text", x: px + mapW / 2, y: py + mapH + xLabelH / 2 + 2, text: xLabel, size: 12, color: MUTED, anchor: "middle", role: "x-label" });
    }
    for (const hl of highlights) {
      if (hl.channel !== undefined && hl.channel !== c) continue;
      // Clip to the map (a padding border may lie partly outside), in drawn (possibly downsampled) cells.
      const r0 = Math.max(0, hl.row);
      const c0 = Math.max(0, hl.col);
      const r1 = Math.min(full.height, hl.row + hl.height);
      const c1 = Math.min(full.width, hl.col + hl.width);
      if (r1 <= r0 || c1 <= c0) continue;
      const x = px + (c0 / factor) * cell;
      const y = py + (r0 / factor) * cell;
      const ww = ((c1 - c0) / factor) * cell;
      const hh = ((r1 - r0) / factor) * cell;
      if (hl.style === "shade") {
        p.push({ kind: "rect", x, y, w: ww, h: hh, fill: hl.color, fillOpacity: 0.35, role: "highlight" });
      } else {
        const sw = Math.max(2, Math.min(4, cell * 0.08));
        p.push({ kind: "rect", x: x + sw / 2, y: y + sw / 2, w: Math.max(1, ww - sw), h: Math.max(1, hh - sw), stroke: hl.color, strokeWidth: sw, role: "highlight" });
      }
      if (hl.label) {
        const lw = estimatedTextWidth(hl.label, 10) + 4;
        p.push({ kind: "rect", x: x + 1, y: y + 1, w: lw, h: 12, fill: [255, 255, 255], fillOpacity: 0.85, role: "highlight-label-bg" });
        p.push({ kind: "text", x: x + 3, y: y + 7, text: hl.label, size: 10, bold: true, color: hl.color, anchor: "start", role: "highlight-label" });
      }
    }
  }

  if (showColorbar) {
    const bands = 48;
    for (let k = 0; k < bands; k++) {
      const t = 1 - (k + 0.5) / bands;
      p.push({ kind: "rect", x: cbX, y: cbTop + (k * cbH) / bands, w: cbW, h: cbH / bands + 0.5, fill: colorAt(scale, t), role: "colorbar" });
    }
    p.push({ kind: "rect", x: cbX, y: cbTop, w: cbW, h: cbH, stroke: FRAME, strokeWidth: 1, role: "frame" });
    ticks.forEach((v, k) => {
      const y = cbTop + ((hi - v) / (hi - lo)) * cbH;
      p.push({ kind: "rect", x: cbX + cbW - 4, y: y - 0.5, w: 8, h: 1, fill: TEXT, role: "colorbar-tick" });
      p.push({ kind: "text", x: cbX + cbW + 6, y, text: tickLabels[k], size: 10, color: TEXT, anchor: "start", role: "colorbar-label" });
    });
  }

  const notesTop = gridY + Math.max(gridH, showColorbar ? cbTop - gridY + cbH : 0) + 6;
  notes.forEach((n, k) => {
    const y = notesTop + k * noteH + noteH / 2;
    let x = pad;
    if (n.kind) {
      const st = NON_FINITE_STYLE[n.kind];
      p.push({ kind: "hatch", x, y: y - 6, w: 12, h: 12, background: st.background, line: st.line, pattern: n.kind, role: "legend" });
      x += 18;
    }
    p.push({ kind: "text", x, y, text: n.text, size: 11, color: MUTED, anchor: "start", role: "note" });
  });

  const shape = `[${values.shape.join(", ")}]`;
  const description = `${title ? `${title}: ` : ""}heatmap of a tensor of shape ${shape}, colour range ${formatNumber(lo)} to ${formatNumber(hi)}`;
  return { width, height, background: [255, 255, 255], primitives: p, description, mapCount: C };
}
