/**
 * The live renderer of a heatmap: the library's layout (`heatmapLayout`, shared with the static
 * figure) turned into a plotly figure for axes, hover, clicks and the colour bar, and into the
 * grids the view paints on its canvases (cell colours under the plot, printed values and
 * highlight labels over it). Pure: the same heatmap, width and theme give the same figure, so it
 * is unit-tested without a browser.
 */
import {
  colorScaleStops,
  heatmapLayout,
  NON_FINITE_MARKS,
  NON_FINITE_STYLE,
  rgbHex,
  SHADE_OPACITY,
  type HeatmapLayout,
  type HeatmapNote,
} from "upsampling-lab/heatmap-layout";
import type { CellGrid } from "./cell-colors";
import type { LabelGrid, LabelText } from "./cell-labels";
import type { Heatmap } from "./state";
import type { Annotation, AxisLayout, FigureLayout, HeatmapTrace, PlotConfig, RectShape } from "./plotly-types";
import type { Theme } from "./theme";

/** Text colour on light cells, and on dark cells. */
export const DARK_TEXT = "#111111";
export const LIGHT_TEXT = "#ffffff";

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
  /** Hatched swatch drawn before the text: its background and line colours. */
  swatch?: { background: string; line: string };
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
  /** Highlight labels, drawn on the label layer too. */
  texts: LabelText[];
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
  /** The shared layout this figure draws. */
  heatmapLayout: HeatmapLayout;
}

/** Layout inputs that do not come from the model. */
export interface FigureOptions {
  /** Width of the output area in CSS pixels. */
  availableWidth: number;
  theme: Theme;
}

const TRANSPARENT = "rgba(0,0,0,0)";

/** Builds the plotly figure of `heatmap` for an output area `availableWidth` pixels wide. */
export function buildHeatmapFigure(heatmap: Heatmap, options: FigureOptions): HeatmapFigure {
  const theme = options.theme;
  const hl = heatmapLayout({
    maps: { channels: heatmap.channels, height: heatmap.height, width: heatmap.width, values: heatmap.values },
    grid: heatmap.multiChannel,
    title: heatmap.title,
    xLabel: heatmap.xLabel,
    yLabel: heatmap.yLabel,
    channelTitles: heatmap.channelTitles,
    colorscale: heatmap.colorscale,
    zmin: heatmap.zmin,
    zmax: heatmap.zmax,
    showValues: heatmap.showValues,
    valueFormat: heatmap.valueFormat,
    showIndices: true,
    showColorbar: true,
    highlights: heatmap.highlights,
    cellSize: heatmap.cellSize,
    availableWidth: options.availableWidth,
  });
  const { factor, rows, cols, cellPx } = hl;
  const mapW = cols * cellPx;
  const mapH = rows * cellPx;
  // An empty state ([0, h, w]) has no panel: its plot area is the colour bar's height.
  const left = Math.min(hl.colorbar.left - 20, ...hl.panels.map((p) => p.left));
  const top = Math.min(hl.colorbar.top, ...hl.panels.map((p) => p.top));
  const right = Math.max(left + 1, ...hl.panels.map((p) => p.left + mapW));
  const bottom = Math.max(top + hl.colorbar.height, ...hl.panels.map((p) => p.top + mapH));
  const margin = { l: left, r: hl.width - right, t: top, b: hl.height - bottom, pad: 0 };
  const plotW = right - left;
  const plotH = bottom - top;
  const paperX = (px: number): number => (px - left) / plotW;
  const paperY = (py: number): number => 1 - (py - top) / plotH;
  const cb = hl.colorbar;

  const shapes: RectShape[] = [];
  const annotations: Annotation[] = [];
  const layout = {
    width: hl.width,
    height: hl.height,
    margin,
    paper_bgcolor: TRANSPARENT,
    plot_bgcolor: TRANSPARENT,
    font: { family: theme.fontFamily, color: theme.foreground, size: 12 },
    coloraxis: {
      colorscale: colorScaleStops(hl.colorscale),
      cmin: hl.colorRange[0],
      cmax: hl.colorRange[1],
      colorbar: {
        thickness: cb.width,
        outlinewidth: 0,
        tickfont: { color: theme.foreground, size: 10 },
        tickmode: "array" as const,
        tickvals: cb.ticks,
        ticktext: cb.tickLabels,
        x: paperX(cb.left),
        xanchor: "left" as const,
        xpad: 0,
        y: paperY(cb.top),
        yanchor: "top" as const,
        ypad: 0,
        len: cb.height / plotH,
        lenmode: "fraction" as const,
        ticklabeloverflow: "allow" as const,
      },
    },
    shapes,
    annotations,
    dragmode: false as const,
    hovermode: "closest" as const,
    showlegend: false as const,
  } as FigureLayout;
  if (hl.title) {
    layout.title = {
      text: escapeText(hl.title),
      x: hl.panels[0].left / hl.width,
      y: 1 - hl.titleY / hl.height,
      xref: "container",
      yref: "container",
      xanchor: "left",
      yanchor: "middle",
      font: { size: 15, color: theme.foreground },
    };
  }

  const axisValues = (count: number): number[] => Array.from({ length: count }, (_, i) => i * factor + (factor - 1) / 2);
  const xs = axisValues(cols);
  const ys = axisValues(rows);
  const hoverPrefix = (title: string): string => (heatmap.multiChannel ? `<b>${templateSafe(title)}</b><br>` : "");
  const data: HeatmapTrace[] = [];
  const traces: TraceInfo[] = [];
  const cells: CellGrid[] = [];
  const labels: LabelGrid[] = [];
  for (const panel of hl.panels) {
    const c = panel.channel;
    const suffix = c === 0 ? "" : String(c + 1);
    const xName = `x${suffix}`;
    const yName = `y${suffix}`;
    const gridCol = c % hl.gridCols;
    const bottomRow = c + hl.gridCols >= hl.channels;
    layout[`xaxis${suffix}`] = axis(theme, {
      domain: [paperX(panel.left), paperX(panel.left + mapW)],
      range: [-0.5, cols * factor - 0.5],
      anchor: yName,
      step: hl.indexStep,
      title: bottomRow ? hl.xLabel : "",
    });
    layout[`yaxis${suffix}`] = axis(theme, {
      domain: [paperY(panel.top + mapH), paperY(panel.top)],
      range: [rows * factor - 0.5, -0.5],
      anchor: xName,
      step: hl.indexStep,
      title: gridCol === 0 ? hl.yLabel : "",
    });

    const grid = { left: panel.left, top: panel.top, cellWidth: cellPx, cellHeight: cellPx, rows, cols };
    const z: (number | null)[][] = [];
    // The NaN/Infinity overlay's marks and codes only when the map has such cells (most have none).
    const marks: string[][] = [];
    const codes: (number | null)[][] = [];
    let nonFinite = 0;
    for (let k = 0; k < panel.kinds.length; k++) if (panel.kinds[k] > 0) nonFinite++;
    for (let r = 0; r < rows; r++) {
      const zRow: (number | null)[] = new Array(cols);
      for (let q = 0; q < cols; q++) {
        const k = r * cols + q;
        zRow[q] = panel.kinds[k] === 0 ? panel.values[k] : null;
      }
      z.push(zRow);
      if (nonFinite === 0) continue;
      const mRow: string[] = new Array(cols);
      const cRow: (number | null)[] = new Array(cols);
      for (let q = 0; q < cols; q++) {
        const kind = panel.kinds[r * cols + q];
        cRow[q] = kind === 0 ? null : kind - 1;
        mRow[q] = NON_FINITE_MARKS[kind];
      }
      marks.push(mRow);
      codes.push(cRow);
    }
    const trace: HeatmapTrace = {
      type: "heatmap",
      name: panel.title || "map",
      z,
      x: xs,
      y: ys,
      xaxis: xName,
      yaxis: yName,
      coloraxis: "coloraxis",
      hovertemplate:
        factor === 1
          ? `${hoverPrefix(panel.title)}row %{y}, col %{x}<br>value %{z:.6~g}<extra></extra>`
          : `${hoverPrefix(panel.title)}rows %{customdata[0]}–%{customdata[1]}, cols %{customdata[2]}–%{customdata[3]}<br>mean %{z:.6~g}<extra></extra>`,
      hoverongaps: false,
      opacity: 0,
    };
    if (factor > 1) trace.customdata = blockRanges(rows, cols, factor, heatmap.height, heatmap.width);
    data.push(trace);
    traces.push({ channel: c, factor, kind: "values" });
    cells.push({ ...grid, values: panel.values, colors: panel.colors, kinds: panel.kinds });

    if (panel.texts.length > 0) {
      const valueTexts = panel.texts.map((t, k) => (panel.kinds[k] === 0 ? t : ""));
      if (hl.valuesShown) {
        labels.push({
          ...grid,
          texts: valueTexts,
          colors: valueTexts.map((_, k) => (panel.lightText[k] ? LIGHT_TEXT : DARK_TEXT)),
          fontPx: hl.valueFontPx,
          fontFamily: theme.fontFamily,
        });
      }
      if (hl.markFontPx > 0 && nonFinite > 0) {
        const markTexts = panel.texts.map((t, k) => (panel.kinds[k] === 0 ? "" : t));
        labels.push({
          ...grid,
          texts: markTexts,
          colors: markTexts.map(() => DARK_TEXT),
          fontPx: hl.markFontPx,
          fontFamily: theme.fontFamily,
        });
      }
    }
    if (nonFinite > 0) {
      data.push({
        type: "heatmap",
        name: `${panel.title || "map"} (NaN/Infinity)`,
        z: codes,
        x: xs,
        y: ys,
        xaxis: xName,
        yaxis: yName,
        zmin: -0.5,
        zmax: 2.5,
        showscale: false,
        opacity: 0,
        text: marks,
        hovertemplate: `${hoverPrefix(panel.title)}row %{y}, col %{x}<br>value %{text}<extra></extra>`,
        hoverongaps: false,
      });
      traces.push({ channel: c, factor, kind: "nonFinite" });
    }
    if (panel.title) {
      annotations.push({
        text: escapeText(panel.title),
        x: paperX(panel.left),
        y: paperY(panel.top - hl.channelTitleOffset),
        xref: "paper",
        yref: "paper",
        xanchor: "left",
        yanchor: "middle",
        showarrow: false,
        font: { color: theme.foreground, size: 12, family: theme.fontFamily },
      });
    }
  }

  const texts: LabelText[] = [];
  for (const h of hl.highlights) {
    const panel = hl.panels[h.channel];
    const suffix = h.channel === 0 ? "" : String(h.channel + 1);
    // Back to data coordinates (cell centres at integer indices), rounded off the float noise of the division.
    const toX = (px: number): number => Math.round((((px - panel.left) / cellPx) * factor - 0.5) * 1e6) / 1e6;
    const toY = (py: number): number => Math.round((((py - panel.top) / cellPx) * factor - 0.5) * 1e6) / 1e6;
    const box = (b: { x: number; y: number; width: number; height: number }, fill: boolean): RectShape => ({
      type: "rect",
      xref: `x${suffix}`,
      yref: `y${suffix}`,
      x0: toX(b.x),
      x1: toX(b.x + b.width),
      y0: toY(b.y),
      y1: toY(b.y + b.height),
      line: { color: h.color, width: fill ? 0 : h.lineWidth },
      fillcolor: fill ? h.color : TRANSPARENT,
      opacity: fill ? SHADE_OPACITY : 1,
      layer: "above",
    });
    shapes.push(box(h, false));
    for (const band of h.bands) shapes.push(box(band, true));
    if (h.label) {
      texts.push({
        text: h.label,
        x: h.labelX,
        y: h.labelY,
        color: h.color,
        background: theme.background,
        fontPx: h.labelFontPx,
        fontFamily: theme.fontFamily,
      });
    }
  }

  const config: PlotConfig = {
    displaylogo: false,
    displayModeBar: false,
    responsive: false,
    scrollZoom: false,
    showTips: false,
    doubleClick: false,
  };
  return {
    data,
    layout,
    config,
    background: theme.background,
    cells,
    // The colour range (and so the colour bar's ticks) is left out: with an automatic range it changes
    // with nearly every update, and the painted cells use the new one at once; plotly follows a task later.
    frameKey: JSON.stringify([
      {
        ...layout,
        coloraxis: {
          ...layout.coloraxis,
          cmin: 0,
          cmax: 0,
          colorbar: { ...layout.coloraxis.colorbar, tickvals: [], ticktext: [] },
        },
      },
      config,
      data.map(({ z: _z, text: _text, customdata: _customdata, ...rest }) => rest),
    ]),
    traces,
    notes: hl.notes.map(noteOf),
    cellPx,
    factor,
    valuesShown: hl.valuesShown,
    labels,
    texts,
    colorRange: hl.colorRange,
    heatmapLayout: hl,
  };
}

function noteOf(note: HeatmapNote): FigureNote {
  if (!note.kind) return { text: note.text };
  const style = NON_FINITE_STYLE[note.kind];
  return { text: note.text, swatch: { background: rgbHex(style.background), line: rgbHex(style.line) } };
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

function axis(
  theme: Theme,
  spec: { domain: [number, number]; range: [number, number]; anchor: string; step: number; title: string },
): AxisLayout {
  const result: AxisLayout = {
    domain: spec.domain,
    range: spec.range,
    anchor: spec.anchor,
    side: spec.anchor.startsWith("y") ? "top" : "left",
    tickmode: "linear",
    tick0: 0,
    dtick: Math.max(1, spec.step),
    showticklabels: spec.step > 0,
    ticks: "",
    showgrid: false,
    zeroline: false,
    showline: false,
    linecolor: theme.gridColor,
    color: theme.foreground,
    fixedrange: true,
    // The layout leaves room for every label: measuring each one to hide overflow was most of a redraw.
    ticklabeloverflow: "allow",
  };
  if (spec.title) result.title = { text: escapeText(spec.title), standoff: 6 };
  return result;
}

/** Escapes text for plotly's HTML-like labels. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text placed inside a plotly hover template (`%{` starts a placeholder). */
function templateSafe(text: string): string {
  return escapeText(text).replace(/%\{/g, "%\u200b{");
}
