/**
 * The static heatmap figure: checks the options, lays the heatmap out with `heatmapLayout`
 * (shared with the JupyterLab view) and draws that layout as scene primitives for the SVG
 * writer and the PNG rasteriser.
 */
import { formatNumber, type Tensor } from "../tensor";
import { checkOptionNames } from "../args";
import { colorAt, colorScaleByName, type Rgb } from "./colorScale";
import { parseCssColor } from "./cssColor";
import { featureMapsOf } from "./featureMaps";
import { heatmapLayout, nonFiniteKindOf, MAX_CELLS_PER_AXIS, SHADE_OPACITY, type HeatmapLayout } from "./heatmapLayout";
import { DEFAULT_HIGHLIGHT_COLOR, HIGHLIGHT_KEYS, type HeatmapHighlight } from "./highlight";
import { NON_FINITE_STYLE, estimatedTextWidth, type Primitive, type Scene } from "./scene";
import { DEFAULT_VALUE_FORMAT, isValueFormat } from "./valueFormat";

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
  highlights?: readonly HeatmapHighlight[];
  /** Cell size in CSS pixels, 2..200 (default: fitted to about 440 px). */
  cellSize?: number;
  /** Titles of the channels of a `(C, H, W)` grid (default `channel 0`, ...). */
  channelTitles?: readonly string[];
  /** Title of the x axis (columns). */
  xLabel?: string;
  /** Title of the y axis (rows). */
  yLabel?: string;
  /** Largest number of cells drawn per side before the map is downsampled (default 128, at least 8). */
  maxSide?: number;
  /** d3-format of the printed values (default "": automatic, as the JupyterLab view). */
  valueFormat?: string;
}

/** Every option name `HeatmapFigureOptions` accepts. */
export const HEATMAP_FIGURE_OPTION_NAMES = [
  "title",
  "colorscale",
  "zmin",
  "zmax",
  "showValues",
  "showIndices",
  "showColorbar",
  "highlights",
  "cellSize",
  "channelTitles",
  "xLabel",
  "yLabel",
  "maxSide",
  "valueFormat",
] as const;

/** Width the static figure's cells are fitted to when their size is automatic. */
const STATIC_WIDTH_PX = 600;
const TEXT: Rgb = [17, 17, 17];
const MUTED: Rgb = [90, 90, 90];
const FRAME: Rgb = [120, 120, 120];
const WHITE: Rgb = [255, 255, 255];

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

function checkHighlights(fn: string, hs: unknown, channels: number): HeatmapHighlight[] {
  if (hs === undefined || hs === null) return [];
  if (!Array.isArray(hs)) throw new TypeError(`${fn}: highlights must be an array of {row, col, ...}, got ${String(hs)}`);
  return hs.map((h: unknown, i): HeatmapHighlight => {
    const what = `${fn}: highlights[${i}]`;
    if (h === null || typeof h !== "object") throw new TypeError(`${what} must be an object {row, col, ...}, got ${String(h)}`);
    const o = h as Record<string, unknown>;
    checkOptionNames(what, o, HIGHLIGHT_KEYS);
    const big = 1 << 30;
    const style = o.style ?? "outline";
    if (style !== "outline" && style !== "shade") {
      throw new RangeError(`${what}.style must be 'outline' or 'shade', got ${String(style)}`);
    }
    const color = o.color ?? DEFAULT_HIGHLIGHT_COLOR;
    parseCssColor(`${what}.color`, color);
    const checked: HeatmapHighlight = {
      row: checkInt(what, "row", o.row, -big, big),
      col: checkInt(what, "col", o.col, -big, big),
      height: o.height === undefined ? 1 : checkInt(what, "height", o.height, 1, big),
      width: o.width === undefined ? 1 : checkInt(what, "width", o.width, 1, big),
      style,
      color: color as string,
      label: optionalString(what, "label", o.label),
    };
    if (o.channel !== undefined && o.channel !== null) checked.channel = checkInt(what, "channel", o.channel, 0, channels - 1);
    return checked;
  });
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
  const maxSide = options.maxSide === undefined ? MAX_CELLS_PER_AXIS : checkInt(fn, "maxSide", options.maxSide, 8, 4096);
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
  const valueFormat = options.valueFormat ?? DEFAULT_VALUE_FORMAT;
  if (typeof valueFormat !== "string" || !isValueFormat(valueFormat)) {
    throw new RangeError(`${fn}: valueFormat must be a d3-format specifier such as '.3~g' or '.2f', got ${String(valueFormat)}`);
  }
  const highlights = checkHighlights(fn, options.highlights, full.channels);
  const layout = heatmapLayout({
    maps: full,
    grid: full.channels > 1,
    title,
    xLabel,
    yLabel,
    channelTitles,
    colorscale: scale,
    zmin,
    zmax,
    showValues,
    valueFormat,
    showIndices,
    showColorbar,
    highlights,
    cellSize: requestedCell,
    availableWidth: STATIC_WIDTH_PX,
    maxSide,
  });
  const scene = heatmapLayoutScene(layout);
  const shape = `[${values.shape.join(", ")}]`;
  const [lo, hi] = layout.colorRange;
  scene.description = `${title ? `${title}: ` : ""}heatmap of a tensor of shape ${shape}, colour range ${formatNumber(lo)} to ${formatNumber(hi)}`;
  return scene;
}

/** The static renderer: the primitives of a laid-out heatmap, with its notes under it. */
export function heatmapLayoutScene(layout: HeatmapLayout): Scene {
  const pad = 12;
  const p: Primitive[] = [];
  const { cellPx: cell, rows, cols, factor } = layout;
  const mapW = cols * cell;
  const mapH = rows * cell;
  if (layout.title) {
    p.push({
      kind: "text",
      x: layout.panels[0].left,
      y: layout.titleY,
      text: layout.title,
      size: 15,
      bold: true,
      color: TEXT,
      anchor: "start",
      role: "title",
    });
  }
  if (layout.yLabel) {
    const top = layout.panels[0].top;
    const bottom = layout.panels[layout.panels.length - 1].top + mapH;
    p.push({
      kind: "text",
      x: layout.yLabelX,
      y: (top + bottom) / 2,
      text: layout.yLabel,
      size: 12,
      color: MUTED,
      anchor: "middle",
      vertical: true,
      role: "y-label",
    });
  }
  for (const panel of layout.panels) {
    const { left: px, top: py } = panel;
    if (panel.title) {
      p.push({
        kind: "text",
        x: px,
        y: py - layout.channelTitleOffset,
        text: panel.title,
        size: 12,
        bold: true,
        color: TEXT,
        anchor: "start",
        role: "channel-title",
      });
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        const x = px + j * cell;
        const y = py + i * cell;
        let fill: Rgb;
        if (panel.kinds[k] > 0) {
          const nf = nonFiniteKindOf(panel.kinds[k]);
          const st = NON_FINITE_STYLE[nf];
          fill = st.background;
          p.push({ kind: "hatch", x, y, w: cell, h: cell, background: st.background, line: st.line, pattern: nf, role: "cell" });
        } else {
          fill = [panel.colors[4 * k], panel.colors[4 * k + 1], panel.colors[4 * k + 2]];
          p.push({ kind: "rect", x, y, w: cell, h: cell, fill, role: "cell" });
        }
        const text = panel.texts[k];
        if (text) {
          const mark = panel.kinds[k] > 0;
          p.push({
            kind: "text",
            x: x + cell / 2,
            y: y + cell / 2,
            text,
            size: mark ? layout.markFontPx : layout.valueFontPx,
            color: mark ? TEXT : panel.lightText[k] ? WHITE : TEXT,
            anchor: "middle",
            maxWidth: cell * 0.94,
            role: mark ? "mark" : "value",
          });
        }
      }
    }
    p.push({ kind: "rect", x: px, y: py, w: mapW, h: mapH, stroke: FRAME, strokeWidth: 1, role: "frame" });
    if (layout.indexStep > 0) {
      for (let i = 0; i < layout.mapHeight; i += layout.indexStep) {
        p.push({
          kind: "text",
          x: px - 4,
          y: py + ((i + 0.5) / factor) * cell,
          text: String(i),
          size: layout.indexFontPx,
          color: MUTED,
          anchor: "end",
          role: "row-index",
        });
      }
      for (let j = 0; j < layout.mapWidth; j += layout.indexStep) {
        p.push({
          kind: "text",
          x: px + ((j + 0.5) / factor) * cell,
          y: py - layout.indexGap,
          text: String(j),
          size: layout.indexFontPx,
          color: MUTED,
          anchor: "middle",
          role: "col-index",
        });
      }
    }
    if (layout.xLabel) {
      p.push({
        kind: "text",
        x: px + mapW / 2,
        y: py + mapH + 12,
        text: layout.xLabel,
        size: 12,
        color: MUTED,
        anchor: "middle",
        role: "x-label",
      });
    }
  }
  for (const hl of layout.highlights) {
    if (hl.style === "shade") {
      for (const b of hl.bands) {
        p.push({
          kind: "rect",
          x: b.x,
          y: b.y,
          w: b.width,
          h: b.height,
          fill: hl.rgb,
          fillOpacity: SHADE_OPACITY,
          role: "highlight-shade",
        });
      }
      p.push({
        kind: "rect",
        x: hl.x + 0.5,
        y: hl.y + 0.5,
        w: hl.width - 1,
        h: hl.height - 1,
        stroke: hl.rgb,
        strokeWidth: hl.lineWidth,
        role: "highlight",
      });
    } else {
      const sw = hl.lineWidth;
      p.push({
        kind: "rect",
        x: hl.x + sw / 2,
        y: hl.y + sw / 2,
        w: Math.max(1, hl.width - sw),
        h: Math.max(1, hl.height - sw),
        stroke: hl.rgb,
        strokeWidth: sw,
        role: "highlight",
      });
    }
  }
  for (const hl of layout.highlights) {
    if (!hl.label) continue;
    const lw = estimatedTextWidth(hl.label, hl.labelFontPx) + 4;
    p.push({
      kind: "rect",
      x: hl.labelX - 2,
      y: hl.labelY - hl.labelFontPx / 2 - 1,
      w: lw,
      h: hl.labelFontPx + 2,
      fill: [255, 255, 255],
      fillOpacity: 0.85,
      role: "highlight-label-bg",
    });
    p.push({
      kind: "text",
      x: hl.labelX,
      y: hl.labelY,
      text: hl.label,
      size: hl.labelFontPx,
      bold: true,
      color: hl.rgb,
      anchor: "start",
      role: "highlight-label",
    });
  }

  const cb = layout.colorbar;
  if (cb.width > 0) {
    const [lo, hi] = layout.colorRange;
    const bands = 48;
    for (let k = 0; k < bands; k++) {
      const t = 1 - (k + 0.5) / bands;
      p.push({
        kind: "rect",
        x: cb.left,
        y: cb.top + (k * cb.height) / bands,
        w: cb.width,
        h: cb.height / bands + 0.5,
        fill: colorAt(layout.colorscale, t),
        role: "colorbar",
      });
    }
    p.push({ kind: "rect", x: cb.left, y: cb.top, w: cb.width, h: cb.height, stroke: FRAME, strokeWidth: 1, role: "frame" });
    cb.ticks.forEach((v, k) => {
      const y = cb.top + ((hi - v) / (hi - lo)) * cb.height;
      p.push({ kind: "rect", x: cb.left + cb.width - 4, y: y - 0.5, w: 8, h: 1, fill: TEXT, role: "colorbar-tick" });
      p.push({
        kind: "text",
        x: cb.left + cb.width + 6,
        y,
        text: cb.tickLabels[k],
        size: 10,
        color: TEXT,
        anchor: "start",
        role: "colorbar-label",
      });
    });
  }

  const noteH = 16;
  const notesTop = layout.height - pad + 6;
  layout.notes.forEach((n, k) => {
    const y = notesTop + k * noteH + noteH / 2;
    let x = pad;
    if (n.kind) {
      const st = NON_FINITE_STYLE[n.kind];
      p.push({
        kind: "hatch",
        x,
        y: y - 6,
        w: 12,
        h: 12,
        background: st.background,
        line: st.line,
        pattern: n.kind,
        role: "legend",
      });
      x += 18;
    }
    p.push({ kind: "text", x, y, text: n.text, size: 11, color: MUTED, anchor: "start", role: "note" });
  });
  const notesH = layout.notes.length > 0 ? 6 + layout.notes.length * noteH : 0;
  const textWidths = [
    layout.title ? estimatedTextWidth(layout.title, 15) + 2 * pad : 0,
    ...layout.notes.map((n) => estimatedTextWidth(n.text, 11) + 2 * pad + 18),
  ];
  const width = Math.ceil(Math.max(layout.width, ...textWidths));
  const height = Math.ceil(layout.height + notesH);
  return { width, height, background: [255, 255, 255], primitives: p, description: "heatmap", mapCount: layout.channels };
}
