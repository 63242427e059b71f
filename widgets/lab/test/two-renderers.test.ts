/**
 * The two renderers of the shared heatmap layout draw the same thing: the static figure (the SVG
 * the library writes, read back here) and the JupyterLab view (plotly for axes, hover and colour bar; canvases for cells and
 * labels), given the same maps and options. Each case renders both ways and compares what they
 * draw: every cell's box and colour (or hatching), every printed value and mark with its font and
 * colour, highlight boxes and labels, the colour range and colour bar ticks, the plotly axes'
 * placement over the painted cells, and the notes under the figure.
 */
import { heatmapSvg, Tensor, tensor, type HeatmapFigureOptions } from "upsampling-lab";
import { NON_FINITE_STYLE, nonFiniteKindOf } from "upsampling-lab/heatmap-layout";
import { describe, expect, it } from "vitest";
import { buildHeatmapFigure, LIGHT_TEXT, type HeatmapFigure } from "../src/figure";
import type { AxisLayout } from "../src/plotly-types";
import { checkHeatmapState } from "../src/state";
import { LIGHT_THEME } from "../src/theme";

/** Width both renderers fit the cells to (the static figure's own). */
const WIDTH = 600;

interface DrawnCell {
  x: number;
  y: number;
  size: number;
  /** `#rrggbb`, or the hatch pattern of a non-finite cell. */
  paint: string;
}

interface DrawnText {
  x: number;
  y: number;
  text: string;
  size: number;
  light?: boolean;
}

const hex = (rgb: readonly number[]): string =>
  `#${rgb
    .slice(0, 3)
    .map((v) => v.toString(16).padStart(2, "0"))
    .join("")}`;
/** Coordinates as the SVG writer prints them (2 decimals). */
const round = (v: number): number => Math.round(v * 100) / 100;

/** The static figure's drawing, read back from its SVG. */
interface StaticDrawing {
  cells: DrawnCell[];
  texts: (DrawnText & { role: string })[];
  /** Highlight outlines and shade bands. */
  highlights: number;
}

function readSvg(svg: string): StaticDrawing {
  const cells: DrawnCell[] = [];
  for (const m of svg.matchAll(
    /<rect class="cell( \w+)?" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="[^"]+" fill="([^"]+)"/g,
  )) {
    cells.push({ x: Number(m[2]), y: Number(m[3]), size: Number(m[4]), paint: m[1] ? m[1].trim() : m[5] });
  }
  const texts: (DrawnText & { role: string })[] = [];
  for (const m of svg.matchAll(
    /<text class="([^"]+)" x="([^"]+)" y="([^"]+)" font-size="([^"]+)" fill="([^"]+)"[^>]*>([^<]*)<\/text>/g,
  )) {
    const text = m[6]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/\u00a0/g, " ");
    texts.push({ role: m[1], x: Number(m[2]), y: Number(m[3]), text, size: Number(m[4]), light: m[5] === "#ffffff" });
  }
  return { cells, texts, highlights: (svg.match(/<rect class="highlight(-shade)?"/g) ?? []).length };
}

function staticTexts(drawing: StaticDrawing, roles: string[]): DrawnText[] {
  return drawing.texts.filter((t) => roles.includes(t.role)).map(({ role: _role, ...t }) => t);
}

function liveCells(figure: HeatmapFigure): DrawnCell[] {
  const out: DrawnCell[] = [];
  for (const grid of figure.cells) {
    for (let k = 0; k < grid.rows * grid.cols; k++) {
      const kind = grid.kinds?.[k] ?? 0;
      out.push({
        x: round(grid.left + (k % grid.cols) * grid.cellWidth),
        y: round(grid.top + Math.floor(k / grid.cols) * grid.cellHeight),
        size: grid.cellWidth,
        paint: kind > 0 ? nonFiniteKindOf(kind) : hex(Array.from(grid.colors.slice(4 * k, 4 * k + 3))),
      });
    }
  }
  return out;
}

function liveTexts(figure: HeatmapFigure): DrawnText[] {
  const out: DrawnText[] = [];
  for (const grid of figure.labels) {
    grid.texts.forEach((text, k) => {
      if (!text) return;
      out.push({
        x: round(grid.left + ((k % grid.cols) + 0.5) * grid.cellWidth),
        y: round(grid.top + (Math.floor(k / grid.cols) + 0.5) * grid.cellHeight),
        text,
        size: round(grid.fontPx),
        light: grid.colors[k] === LIGHT_TEXT,
      });
    });
  }
  return out;
}

const byPosition = (a: { x: number; y: number }, b: { x: number; y: number }): number => a.y - b.y || a.x - b.x;

/** Renders `values` both ways and compares what they draw. */
function compare(values: Tensor, options: HeatmapFigureOptions = {}): { drawing: StaticDrawing; figure: HeatmapFigure } {
  const drawing = readSvg(heatmapSvg(values, options));
  const shape = values.rank === 3 ? values.shape : values.shape.slice(-2);
  const check = checkHeatmapState({
    values: new Float32Array(values.data),
    shape,
    title: options.title,
    colorscale: options.colorscale,
    zmin: options.zmin,
    zmax: options.zmax,
    highlights: options.highlights,
    channel_titles: options.channelTitles,
  });
  if (!check.ok) throw new Error(check.errors.join("; "));
  const figure = buildHeatmapFigure(check.heatmap, { availableWidth: WIDTH, theme: LIGHT_THEME });

  // Cells: the same boxes in the same colours, NaN/±∞ hatched alike.
  expect(liveCells(figure).sort(byPosition)).toEqual(drawing.cells.sort(byPosition));
  // Printed values and NaN/±∞ marks: same text, place, size and light/dark colour.
  expect(liveTexts(figure).sort(byPosition)).toEqual(staticTexts(drawing, ["value", "mark"]).sort(byPosition));
  // Highlight labels: same text at the same place; boxes: plotly's shapes over the same cells.
  expect(figure.texts.map((t) => ({ x: round(t.x), y: round(t.y), text: t.text, size: round(t.fontPx) }))).toEqual(
    staticTexts(drawing, ["highlight-label"]).map(({ light: _light, ...t }) => t),
  );
  expect(figure.layout.shapes).toHaveLength(drawing.highlights);
  const outlines = figure.layout.shapes.filter((s) => s.fillcolor === "rgba(0,0,0,0)" || s.line.width > 0);
  figure.heatmapLayout.highlights.forEach((h, i) => {
    const shape = outlines[i];
    const panel = figure.heatmapLayout.panels[h.channel];
    const cell = figure.cellPx / figure.factor;
    expect(panel.left + (shape.x0 + 0.5) * cell).toBeCloseTo(h.x, 6);
    expect(panel.top + (shape.y1 + 0.5) * cell).toBeCloseTo(h.y + h.height, 6);
  });
  // Colour range and colour bar ticks.
  const [lo, hi] = figure.colorRange;
  expect([figure.layout.coloraxis.cmin, figure.layout.coloraxis.cmax]).toEqual([lo, hi]);
  expect(figure.layout.coloraxis.colorbar.ticktext).toEqual(staticTexts(drawing, ["colorbar-label"]).map((t) => t.text));
  // Plotly's axes sit exactly over the painted cells of each panel.
  const { margin, width, height } = figure.layout;
  for (const panel of figure.heatmapLayout.panels) {
    const suffix = panel.channel === 0 ? "" : String(panel.channel + 1);
    const x = figure.layout[`xaxis${suffix}`] as AxisLayout;
    const y = figure.layout[`yaxis${suffix}`] as AxisLayout;
    expect(margin.l + x.domain[0] * (width - margin.l - margin.r)).toBeCloseTo(panel.left, 6);
    expect(margin.t + (1 - y.domain[1]) * (height - margin.t - margin.b)).toBeCloseTo(panel.top, 6);
  }
  // Channel titles and notes.
  expect(figure.layout.annotations.map((a) => a.text)).toEqual(staticTexts(drawing, ["channel-title"]).map((t) => t.text));
  expect(figure.notes.map((n) => n.text)).toEqual(staticTexts(drawing, ["note"]).map((t) => t.text));
  return { drawing, figure };
}

describe("the static figure and the JupyterLab view draw one layout", () => {
  it("NaN and ±∞: hatched the same way, marked, listed in the same notes", () => {
    const { figure } = compare(
      tensor([
        [0, NaN, 2],
        [Infinity, -Infinity, 1],
      ]),
    );
    expect(figure.notes.map((n) => n.swatch?.background)).toEqual(
      ["nan", "posinf", "neginf"].map((k) => hex(NON_FINITE_STYLE[k as "nan"].background)),
    );
    expect(
      liveTexts(figure)
        .sort(byPosition)
        .map((t) => t.text),
    ).toEqual(["0", "NaN", "2", "+∞", "−∞", "1"]);
  });

  it("a 1x1 map", () => {
    const { figure } = compare(tensor([[7]]));
    expect(liveTexts(figure).map((t) => t.text)).toEqual(["7"]);
  });

  it("a 300x300 map, block-averaged to 100x100 with its note", () => {
    const values = new Float32Array(300 * 300).map((_, i) => Math.sin(i / 97) + (i % 300) / 300);
    const { figure } = compare(new Tensor(values, [300, 300]));
    expect([figure.factor, figure.heatmapLayout.rows]).toEqual([3, 100]);
    expect(figure.notes[0].text).toMatch(/^Downsampled from 300×300 to 100×100 cells/);
  });

  it("several channels as a grid with titles and one colour range", () => {
    const values = new Float32Array(3 * 4 * 5).map((_, i) => (i * 7) % 11);
    const { figure } = compare(new Tensor(values, [3, 4, 5]), { channelTitles: ["red", "green"] });
    expect(figure.heatmapLayout.panels.map((p) => p.title)).toEqual(["red", "green", "channel 2"]);
  });

  it("highlights: outlines, shades and labels, on every channel or one", () => {
    const values = new Float32Array(2 * 4 * 4).map((_, i) => i);
    const { figure } = compare(new Tensor(values, [2, 4, 4]), {
      highlights: [
        { row: 1, col: 1, height: 2, width: 2, label: "3·k", color: "#0a84ff" },
        { row: 0, col: 3, style: "shade", label: "x[0,3]", channel: 1 },
        { row: 3, col: 2, height: 2, color: "green" }, // reaches past the map: clipped alike
      ],
    });
    expect(figure.texts.map((t) => t.text)).toEqual(["3·k", "3·k", "x[0,3]"]);
  });

  it("a fixed colour range clips the colours alike", () => {
    const { figure } = compare(
      tensor([
        [-3, 0, 1],
        [2, 5, 9],
      ]),
      { zmin: 0, zmax: 4, colorscale: "RdBu" },
    );
    expect(figure.colorRange).toEqual([0, 4]);
  });
});
