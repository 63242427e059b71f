/**
 * Builds the plotly figure of a checked heatmap: square cells sized to the output area,
 * values printed in the cells when they fit, one shared colour axis for every channel,
 * NaN/Infinity drawn as their own coloured cells, very large maps block-averaged, and
 * highlight rectangles with labels. Pure: the same heatmap, width and theme give the same
 * figure, so it is unit-tested without a browser.
 */
import type { CellGrid } from "./cell-colors";
import type { LabelGrid } from "./cell-labels";
import { cellColor, colorTable, textColorOn } from "./label-colors";
import type { Heatmap, Highlight } from "./state";
import type {
  Annotation,
  AxisLayout,
  FigureLayout,
  HeatmapTrace,
  PlotConfig,
  RectShape,
} from "./plotly-types";
import type { Theme } from "./theme";

/** Most drawn cells along one axis of one channel before the map is block-averaged. */
export const MAX_CELLS_PER_AXIS = 256;
/** Most drawn cells over all channels before the map is block-averaged. */
export const MAX_DRAWN_CELLS = 262_144;
/** Most tick labels along one axis. */
export const MAX_TICKS = 16;
/** Largest cell edge in CSS pixels when the size is automatic. */
export const MAX_AUTO_CELL_PX = 48;
/** Smallest font size (px) at which cell values are printed. */
export const MIN_VALUE_FONT_PX = 8;

/** Fill colours of cells that hold no finite number, and their printed labels. */
export const NON_FINITE_STYLE = [
  { kind: "NaN", label: "NaN", color: "#ff00ff" },
  { kind: "+Infinity", label: "+∞", color: "#00e5ff" },
  { kind: "-Infinity", label: "−∞", color: "#ff9100" },
] as const;

/** What one trace of the figure shows, for mapping clicks back to cells. */
export interface TraceInfo {
  channel: number;
  /** Block size: 1, or f when every drawn cell is the mean of an f x f block. */
  factor: number;
  /** `values`: finite cells on the colour axis; `nonFinite`: the NaN/Inf overlay. */
  kind: "values" | "nonFinite";
}

/** A line of text shown under the plot (downsampling, NaN/Inf legend). */
export interface FigureNote {
  text: string;
  /** Colour swatch drawn before the text, if any. */
  swatch?: string;
}

/** Everything the view needs to draw and interpret a heatmap. */
export interface HeatmapFigure {
  data: HeatmapTrace[];
  layout: FigureLayout;
  config: PlotConfig;
  traces: TraceInfo[];
  notes: FigureNote[];
  /** Drawn edge of one cell in CSS pixels (one block when downsampled). */
  cellPx: number;
  /** Block size (1: every cell drawn). */
  factor: number;
  /** Whether values are printed in the cells. */
  valuesShown: boolean;
  /** The printed values (and NaN/Infinity marks), drawn by the view on its label layer. */
  labels: LabelGrid[];
  /** The cells' colours, painted by the view under the plot (plotly's heatmap traces are transparent). */
  cells: CellGrid[];
  /** Background of the figure (the plot's own is transparent so the painted cells show through). */
  background: string;
  /**
   * Everything plotly draws apart from the cell values and the colour range: two figures with the
   * same key differ only in those, so the view can repaint its own canvases at once and update
   * plotly (hover data, colour bar) after.
   */
  frameKey: string;
  /** Colour range actually used. */
  colorRange: [number, number];
}

/** Layout inputs that do not come from the model. */
export interface FigureOptions {
  /** Width of the output area in CSS pixels. */
  availableWidth: number;
  theme: Theme;
}

const MARGIN_RIGHT = 84;
const GAP_PX = 28;
const SUBTITLE_PX = 22;
const MAX_AUTO_HEIGHT_PX = 760;

/** Builds the plotly figure of `heatmap` for an output area `availableWidth` pixels wide. */
export function buildHeatmapFigure(heatmap: Heatmap, options: FigureOptions): HeatmapFigure {
  const { channels, height, width } = heatmap;
  const theme = options.theme;
  const factor = downsampleFactor(channels, height, width);
  const rows = Math.ceil(height / factor);
  const cols = Math.ceil(width / factor);
  const gridCols = heatmap.multiChannel ? Math.min(channels, Math.max(1, Math.ceil(Math.sqrt(channels)))) : 1;
  const gridRows = Math.ceil(channels / gridCols);
  const subtitle = heatmap.multiChannel ? SUBTITLE_PX : 0;

  const margin = {
    l: 40 + (heatmap.yLabel ? 20 : 0),
    r: MARGIN_RIGHT,
    t: (heatmap.title ? 40 : 12) + subtitle,
    b: 30 + (heatmap.xLabel ? 20 : 0),
    pad: 0,
  };
  const rowGap = GAP_PX + subtitle + (heatmap.xLabel ? 20 : 0);
  const colGap = GAP_PX + (heatmap.yLabel ? 20 : 0);
  const cellPx = chooseCellPx(heatmap.cellSize, options.availableWidth, {
    cols: gridCols * Math.max(cols, 1),
    rows: gridRows * Math.max(rows, 1),
    fixedWidth: margin.l + margin.r + (gridCols - 1) * colGap,
    fixedHeight: margin.t + margin.b + (gridRows - 1) * rowGap,
  });
  const panelW = Math.max(cols, 1) * cellPx;
  const panelH = Math.max(rows, 1) * cellPx;
  const plotW = gridCols * panelW + (gridCols - 1) * colGap;
  const plotH = gridRows * panelH + (gridRows - 1) * rowGap;

  const colorRange = colourRange(heatmap);
  const blocks = Array.from({ length: channels }, (_, c) => blockValues(heatmap, c, factor));
  // Measuring every label is only worth it when the cells are big enough for any label at all.
  const maxFont = Math.min(14, cellPx * 0.42);
  const mayPrint = heatmap.showValues && factor === 1 && maxFont >= MIN_VALUE_FONT_PX;
  // Formatted once: the labels measured for the font size are the labels drawn.
  const texts = mayPrint ? blocks.map((b) => b.labels(heatmap.valueFormat)) : [];
  const labelChars = mayPrint ? Math.max(1, ...texts.map(longestLength)) : Infinity;
  const valueFont = Math.min(maxFont, (cellPx * 0.92) / (labelChars * 0.6));
  const valuesShown = mayPrint && valueFont >= MIN_VALUE_FONT_PX;
  const nonFiniteFont = Math.min(14, cellPx * 0.42, (cellPx * 0.92) / (3 * 0.6));
  const nonFiniteLabels = factor === 1 && nonFiniteFont >= MIN_VALUE_FONT_PX;

  const data: HeatmapTrace[] = [];
  const labels: LabelGrid[] = [];
  const cells: CellGrid[] = [];
  const palette = colorTable(heatmap.colorscale);
  const traces: TraceInfo[] = [];
  const shapes: RectShape[] = [];
  const annotations: Annotation[] = [];
  const layout = {
    width: Math.round(margin.l + plotW + margin.r),
    height: Math.round(margin.t + plotH + margin.b),
    margin,
    paper_bgcolor: TRANSPARENT,
    plot_bgcolor: TRANSPARENT,
    font: { family: theme.fontFamily, color: theme.foreground, size: 12 },
    coloraxis: {
      colorscale: heatmap.colorscale,
      cmin: colorRange[0],
      cmax: colorRange[1],
      colorbar: {
        thickness: 14,
        outlinewidth: 0,
        tickfont: { color: theme.foreground },
        x: 1,
        xanchor: "left" as const,
        xpad: 12,
        len: 1,
      },
    },
    shapes,
    annotations,
    dragmode: false as const,
    hovermode: "closest" as const,
    showlegend: false as const,
  } as FigureLayout;
  if (heatmap.title) {
    layout.title = { text: escapeText(heatmap.title), x: 0, xanchor: "left", font: { size: 15, color: theme.foreground } };
  }

  const axisValues = (count: number): number[] =>
    Array.from({ length: count }, (_, i) => i * factor + (factor - 1) / 2);
  const xs = axisValues(cols);
  const ys = axisValues(rows);
  const hoverPrefix = (c: number): string =>
    heatmap.multiChannel ? `<b>${templateSafe(channelTitle(heatmap, c))}</b><br>` : "";

  for (let c = 0; c < channels; c++) {
    const gridRow = Math.floor(c / gridCols);
    const gridCol = c % gridCols;
    const suffix = c === 0 ? "" : String(c + 1);
    const xName = `x${suffix}`;
    const yName = `y${suffix}`;
    const x0 = (gridCol * (panelW + colGap)) / plotW;
    const x1 = (gridCol * (panelW + colGap) + panelW) / plotW;
    const y1 = 1 - (gridRow * (panelH + rowGap)) / plotH;
    const y0 = 1 - (gridRow * (panelH + rowGap) + panelH) / plotH;
    const bottomRow = gridRow === gridRows - 1 || c + gridCols >= channels;
    layout[`xaxis${suffix}`] = axis(theme, {
      domain: [clamp01(x0), clamp01(x1)],
      range: [-0.5, width - 0.5],
      anchor: yName,
      count: width,
      pixels: panelW,
      title: bottomRow ? heatmap.xLabel : "",
    });
    layout[`yaxis${suffix}`] = {
      ...axis(theme, {
        domain: [clamp01(y0), clamp01(y1)],
        range: [height - 0.5, -0.5],
        anchor: xName,
        count: height,
        pixels: panelH,
        title: gridCol === 0 ? heatmap.yLabel : "",
      }),
      scaleanchor: xName,
      scaleratio: 1,
      constrain: "domain",
    };

    const block = blocks[c];
    const trace: HeatmapTrace = {
      type: "heatmap",
      name: channelTitle(heatmap, c),
      z: block.z,
      x: xs,
      y: ys,
      xaxis: xName,
      yaxis: yName,
      coloraxis: "coloraxis",
      hovertemplate:
        factor === 1
          ? `${hoverPrefix(c)}row %{y}, col %{x}<br>value %{z:.6~g}<extra></extra>`
          : `${hoverPrefix(c)}rows %{customdata[0]}–%{customdata[1]}, cols %{customdata[2]}–%{customdata[3]}<br>mean %{z:.6~g}<extra></extra>`,
      hoverongaps: false,
      opacity: 0,
    };
    // Where plotly draws this panel's cells: domains are fractions of the plot area, which is
    // the (rounded) figure size less the margins.
    const areaW = layout.width - margin.l - margin.r;
    const areaH = layout.height - margin.t - margin.b;
    const grid = {
      left: margin.l + clamp01(x0) * areaW,
      top: margin.t + (1 - clamp01(y1)) * areaH,
      cellWidth: ((clamp01(x1) - clamp01(x0)) * areaW) / Math.max(cols, 1),
      cellHeight: ((clamp01(y1) - clamp01(y0)) * areaH) / Math.max(rows, 1),
      rows,
      cols,
    };
    const flat = block.z.flat();
    cells.push({ ...grid, values: flat, colors: cellColors(flat, palette, colorRange) });
    if (valuesShown) {
      labels.push({
        ...grid,
        texts: texts[c],
        colors: flat.map((value) => (value === null ? "" : textColorOn(cellColor(heatmap.colorscale, value, colorRange)))),
        fontPx: Math.floor(valueFont),
        fontFamily: theme.fontFamily,
      });
    }
    if (factor > 1) trace.customdata = blockRanges(rows, cols, factor, height, width);
    data.push(trace);
    traces.push({ channel: c, factor, kind: "values" });

    if (block.nonFiniteCells > 0) {
      const overlay: HeatmapTrace = {
        type: "heatmap",
        name: `${channelTitle(heatmap, c)} (NaN/Infinity)`,
        z: block.nonFiniteZ,
        x: xs,
        y: ys,
        xaxis: xName,
        yaxis: yName,
        colorscale: nonFiniteColorscale(),
        zmin: -0.5,
        zmax: 2.5,
        showscale: false,
        opacity: 0,
        text: block.nonFiniteText,
        hovertemplate: `${hoverPrefix(c)}row %{y}, col %{x}<br>value %{text}<extra></extra>`,
        hoverongaps: false,
      };
      const codes = block.nonFiniteZ.flat();
      cells.push({ ...grid, values: codes, colors: nonFiniteColors(codes) });
      if (nonFiniteLabels) {
        const marks = block.nonFiniteText.flat();
        labels.push({ ...grid, texts: marks, colors: marks.map(() => "#000000"), fontPx: Math.floor(nonFiniteFont), fontFamily: theme.fontFamily });
      }
      data.push(overlay);
      traces.push({ channel: c, factor, kind: "nonFinite" });
    }

    if (heatmap.multiChannel) {
      annotations.push({
        text: escapeText(channelTitle(heatmap, c)),
        x: (x0 + x1) / 2,
        y: y1,
        xref: "paper",
        yref: "paper",
        xanchor: "center",
        yanchor: "bottom",
        showarrow: false,
        font: { color: theme.foreground, size: 12, family: theme.fontFamily },
      });
    }
    for (const highlight of heatmap.highlights) {
      if (highlight.channel !== null && highlight.channel !== c) continue;
      shapes.push(highlightShape(highlight, xName, yName));
      if (highlight.label) annotations.push(highlightLabel(highlight, xName, yName, theme));
    }
  }

  const notes: FigureNote[] = [];
  if (factor > 1) {
    notes.push({
      text:
        `Downsampled: the ${height}×${width} map is drawn as ${rows}×${cols} cells, each the mean of a ` +
        `${factor}×${factor} block (NaN/Infinity left out of the mean); values are not printed.`,
    });
  } else if (heatmap.showValues && !valuesShown && channels * height * width > 0) {
    notes.push({ text: "Values are hidden: the cells are too small to print them (hover a cell to read it)." });
  }
  const counts = [0, 0, 0];
  for (const value of heatmap.values) {
    if (Number.isNaN(value)) counts[0]++;
    else if (value === Infinity) counts[1]++;
    else if (value === -Infinity) counts[2]++;
  }
  NON_FINITE_STYLE.forEach((style, i) => {
    if (counts[i] > 0) {
      notes.push({
        swatch: style.color,
        text: `${style.kind} (${style.label}): ${counts[i]} ${counts[i] === 1 ? "cell" : "cells"}, drawn in this colour outside the colour scale`,
      });
    }
  });
  if (channels * height * width === 0) {
    notes.push({ text: `Empty map: shape ${JSON.stringify(heatmap.multiChannel ? [channels, height, width] : [height, width])} has no cells.` });
  }

  const config: PlotConfig = { displaylogo: false, displayModeBar: false, responsive: false, scrollZoom: false, showTips: false, doubleClick: false };
  return {
    data,
    layout,
    config,
    background: theme.background,
    cells,
    // The colour range is left out: with an automatic range it changes with nearly every update,
    // and the painted cells use the new one at once; only plotly's colour bar follows a task later.
    frameKey: JSON.stringify([
      { ...layout, coloraxis: { ...layout.coloraxis, cmin: 0, cmax: 0 } },
      config,
      data.map(({ z: _z, text: _text, customdata: _customdata, ...rest }) => rest),
    ]),
    traces,
    notes,
    cellPx,
    factor,
    valuesShown,
    labels,
    colorRange,
  };
}

/** Block size so that no channel has more than MAX_CELLS_PER_AXIS cells along an axis and the grid stays under MAX_DRAWN_CELLS. */
export function downsampleFactor(channels: number, height: number, width: number): number {
  let factor = Math.max(1, Math.ceil(Math.max(height, width) / MAX_CELLS_PER_AXIS));
  while (channels * Math.ceil(height / factor) * Math.ceil(width / factor) > MAX_DRAWN_CELLS) factor++;
  return factor;
}

/** The colour range: the fixed zmin/zmax where given, else min/max over the finite values of every channel. */
export function colourRange(heatmap: Pick<Heatmap, "values" | "zmin" | "zmax">): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  if (heatmap.zmin === null || heatmap.zmax === null) {
    for (const value of heatmap.values) {
      if (!Number.isFinite(value)) continue;
      if (value < lo) lo = value;
      if (value > hi) hi = value;
    }
  }
  let cmin = heatmap.zmin ?? (Number.isFinite(lo) ? lo : 0);
  let cmax = heatmap.zmax ?? (Number.isFinite(hi) ? hi : cmin + 1);
  if (heatmap.zmin === null && cmin > cmax) cmin = cmax - 1;
  if (heatmap.zmax === null && cmax < cmin) cmax = cmin + 1;
  if (cmin === cmax) {
    cmin -= 0.5;
    cmax += 0.5;
  }
  return [cmin, cmax];
}

interface ChannelBlocks {
  z: (number | null)[][];
  nonFiniteZ: (number | null)[][];
  nonFiniteText: string[][];
  nonFiniteCells: number;
  /** Row-major label of every cell in `format` ("" where the cell holds no finite value). */
  labels(format: string): string[];
}

/** One channel as drawn rows: plain values (factor 1) or block means, with the NaN/Inf overlay. */
function blockValues(heatmap: Heatmap, channel: number, factor: number): ChannelBlocks {
  const { height, width, values } = heatmap;
  const rows = Math.ceil(height / factor);
  const cols = Math.ceil(width / factor);
  const base = channel * height * width;
  const z: (number | null)[][] = [];
  const nonFiniteZ: (number | null)[][] = [];
  const nonFiniteText: string[][] = [];
  let nonFiniteCells = 0;
  for (let r = 0; r < rows; r++) {
    const zRow: (number | null)[] = new Array(cols);
    const nRow: (number | null)[] = new Array(cols);
    const tRow: string[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let finite = 0;
      let firstNonFinite = -1;
      for (let i = r * factor; i < Math.min(height, (r + 1) * factor); i++) {
        for (let j = c * factor; j < Math.min(width, (c + 1) * factor); j++) {
          const value = values[base + i * width + j];
          if (Number.isFinite(value)) {
            sum += value;
            finite++;
          } else if (firstNonFinite < 0) {
            firstNonFinite = nonFiniteCode(value);
          }
        }
      }
      if (finite > 0) {
        zRow[c] = factor === 1 ? sum : sum / finite;
        nRow[c] = null;
        tRow[c] = "";
      } else {
        zRow[c] = null;
        nRow[c] = firstNonFinite;
        tRow[c] = NON_FINITE_STYLE[firstNonFinite].label;
        nonFiniteCells++;
      }
    }
    z.push(zRow);
    nonFiniteZ.push(nRow);
    nonFiniteText.push(tRow);
  }
  return {
    z,
    nonFiniteZ,
    nonFiniteText,
    nonFiniteCells,
    labels(format: string): string[] {
      const out: string[] = [];
      for (const row of z) for (const value of row) out.push(value === null ? "" : formatValue(value, format));
      return out;
    },
  };
}

const TRANSPARENT = "rgba(0,0,0,0)";

/** RGBA bytes of every cell: its colour on the scale over `range` (transparent where null). */
function cellColors(values: readonly (number | null)[], palette: Uint8ClampedArray, range: readonly [number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  const span = range[1] - range[0];
  const last = palette.length / 4 - 1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue;
    const t = span > 0 ? (value - range[0]) / span : 0.5;
    const k = 4 * Math.round(Math.min(1, Math.max(0, t)) * last);
    out[4 * i] = palette[k];
    out[4 * i + 1] = palette[k + 1];
    out[4 * i + 2] = palette[k + 2];
    out[4 * i + 3] = 255;
  }
  return out;
}

/** RGBA bytes of the NaN/Infinity overlay: each code's own colour (transparent where null). */
function nonFiniteColors(codes: readonly (number | null)[]): Uint8ClampedArray {
  const rgb = NON_FINITE_STYLE.map((style) => [1, 3, 5].map((at) => parseInt(style.color.slice(at, at + 2), 16)));
  const out = new Uint8ClampedArray(codes.length * 4);
  codes.forEach((code, i) => {
    if (code === null) return;
    out.set([...rgb[code], 255], 4 * i);
  });
  return out;
}

function longestLength(texts: readonly string[]): number {
  let longest = 0;
  for (const text of texts) if (text.length > longest) longest = text.length;
  return longest;
}

function nonFiniteCode(value: number): number {
  return Number.isNaN(value) ? 0 : value > 0 ? 1 : 2;
}

function nonFiniteColorscale(): [number, string][] {
  const [nan, posInf, negInf] = NON_FINITE_STYLE.map((s) => s.color);
  return [
    [0, nan],
    [1 / 3, nan],
    [1 / 3, posInf],
    [2 / 3, posInf],
    [2 / 3, negInf],
    [1, negInf],
  ];
}

/** Inclusive original row/column ranges of every drawn block, for hover text. */
function blockRanges(rows: number, cols: number, factor: number, height: number, width: number): number[][][] {
  const out: number[][][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[][] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      row[c] = [r * factor, Math.min(height, (r + 1) * factor) - 1, c * factor, Math.min(width, (c + 1) * factor) - 1];
    }
    out.push(row);
  }
  return out;
}

function chooseCellPx(
  cellSize: number,
  availableWidth: number,
  grid: { cols: number; rows: number; fixedWidth: number; fixedHeight: number },
): number {
  if (cellSize > 0) return cellSize;
  const byWidth = (Math.max(availableWidth, 160) - grid.fixedWidth) / grid.cols;
  const byHeight = (MAX_AUTO_HEIGHT_PX - grid.fixedHeight) / grid.rows;
  return Math.max(1, Math.min(MAX_AUTO_CELL_PX, byWidth, byHeight));
}

function axis(
  theme: Theme,
  spec: { domain: [number, number]; range: [number, number]; anchor: string; count: number; pixels: number; title: string },
): AxisLayout {
  const result: AxisLayout = {
    domain: spec.domain,
    range: spec.range,
    anchor: spec.anchor,
    tickmode: "linear",
    tick0: 0,
    dtick: tickStep(spec.count, spec.pixels),
    showticklabels: true,
    ticks: "",
    showgrid: false,
    zeroline: false,
    showline: false,
    linecolor: theme.gridColor,
    color: theme.foreground,
    fixedrange: true,
  };
  if (spec.title) result.title = { text: escapeText(spec.title), standoff: 6 };
  return result;
}

/** Integer index step between tick labels: 1, 2, 5, 10, 20, 50... so that labels are about 28 px apart or more. */
export function tickStep(count: number, pixels: number): number {
  // At most 16 ticks per axis: plotly measures and redraws every tick label on each update,
  // and a 64x64 map in 20 px cells had 32 per axis (Plotly.react 45 ms -> 30 ms with 13).
  const maxTicks = Math.max(2, Math.min(MAX_TICKS, Math.floor(pixels / 28)));
  const raw = Math.max(1, count / maxTicks);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= raw) return step * magnitude;
  return 10 * magnitude;
}

function highlightShape(h: Highlight, xref: string, yref: string): RectShape {
  const shade = h.style === "shade";
  return {
    type: "rect",
    xref,
    yref,
    x0: h.col - 0.5,
    x1: h.col + h.width - 0.5,
    y0: h.row - 0.5,
    y1: h.row + h.height - 0.5,
    line: { color: h.color, width: shade ? 1 : 3 },
    fillcolor: shade ? h.color : "rgba(0,0,0,0)",
    opacity: shade ? 0.35 : 1,
    layer: "above",
  };
}

function highlightLabel(h: Highlight, xref: string, yref: string, theme: Theme): Annotation {
  return {
    text: escapeText(h.label),
    x: h.col - 0.5,
    y: h.row - 0.5,
    xref,
    yref,
    xanchor: "left",
    yanchor: "bottom",
    showarrow: false,
    font: { color: h.color, size: 11, family: theme.fontFamily },
    bgcolor: theme.background,
    borderpad: 1,
  };
}

function channelTitle(heatmap: Heatmap, channel: number): string {
  return heatmap.channelTitles[channel] || `channel ${channel}`;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Escapes text for plotly's HTML-like labels. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text placed inside a plotly hover template (`%{` starts a placeholder). */
function templateSafe(text: string): string {
  return escapeText(text).replace(/%\{/g, "%\u200b{");
}

/**
 * Formats a cell's label in a d3-format specifier (the `value_format` state): precision and
 * type (`g`, `f`, `e`, `d`, `%`), `~` trimming, a `$` prefix and `,` thousands grouping. `g`
 * takes the exponent form whenever it is shorter (`2.52e-6`, not d3's `0.00000252`): one such
 * value would otherwise make every label too wide to print. Minus signs are typographic (−).
 */
export function formatValue(value: number, format: string): string {
  const match = /^.*?(\$)?0?\d*(,)?(?:\.(\d+))?(~)?([a-z%])?$/.exec(format);
  const currency = match?.[1] === "$";
  const group = match?.[2] === ",";
  const precision = match?.[3] === undefined ? undefined : Number(match[3]);
  const trim = match?.[4] === "~";
  const type = match?.[5] ?? "g";
  const magnitude = Math.abs(value);
  let text: string;
  switch (type) {
    case "f":
      text = magnitude.toFixed(precision ?? 6);
      break;
    case "e":
      text = magnitude.toExponential(precision ?? 6);
      break;
    case "d":
      text = Math.round(magnitude).toString();
      break;
    case "%":
      text = `${(magnitude * 100).toFixed(precision ?? 6)}%`;
      break;
    default: {
      const digits = Math.max(1, Math.min(21, precision ?? 6));
      const fixed = trimZeros(magnitude.toPrecision(digits), trim);
      // An exponent form has at least 5 characters ("2e-6"): only a longer fixed form can lose.
      const exponent = fixed.length > 5 ? trimZeros(magnitude.toExponential(digits - 1), trim) : fixed;
      text = exponent.length < fixed.length ? exponent : fixed;
    }
  }
  text = trimZeros(text, trim);
  if (group && !text.includes("e")) text = text.replace(/^\d+/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ","));
  if (currency) text = `$${text}`;
  return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

/** `text` without trailing fractional zeros (and a bare point) when `trim` (d3's `~`). */
function trimZeros(text: string, trim: boolean): string {
  // By hand, not with regular expressions: this runs for every printed cell (4096 on a 64x64 map).
  const point = trim ? text.indexOf(".") : -1;
  if (point < 0) return text;
  let end = point + 1;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  let keep = end;
  while (keep > point + 1 && text.charCodeAt(keep - 1) === 48) keep--;
  if (keep === point + 1) keep = point;
  return keep === end ? text : text.slice(0, keep) + text.slice(end);
}
