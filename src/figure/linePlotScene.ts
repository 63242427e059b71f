/**
 * The static figure of a line plot (loss curves and the like): axes with round ticks, linear or
 * logarithmic on each axis, one coloured line per series and a legend, as a scene the SVG writer
 * and the PNG rasteriser both draw. The same data the `LinePlot` widget draws with plotly.
 */
import { checkOptionNames, describe } from "../args";
import type { Rgb } from "./colorScale";
import type { Primitive, Scene } from "./scene";
import { estimatedTextWidth } from "./scene";
import { niceTicks } from "./valueRange";

/** One line: its name (in the legend) and its points. */
export interface LineSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
}

/** Options of {@link linePlotScene} (and of the `LinePlot` widget). */
export interface LinePlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic axes (every value on that axis must then be > 0). */
  logX?: boolean;
  logY?: boolean;
  /** Size of the whole figure in CSS pixels (default 560 x 320). */
  width?: number;
  height?: number;
}

/** Every option a line plot accepts. */
export const LINE_PLOT_OPTION_NAMES = ["title", "xLabel", "yLabel", "logX", "logY", "width", "height"] as const;

/** The colours of series 1, 2, ... (plotly's default sequence, so both drawings agree), repeated after ten. */
export const SERIES_COLORS: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

const TEXT: Rgb = [17, 17, 17];
const AXIS: Rgb = [90, 90, 90];
const GRID: Rgb = [228, 228, 228];

function hexRgb(hex: string): Rgb {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/**
 * Checks series for a plot: names are strings, x and y are arrays of finite numbers of one length,
 * and every value on a logarithmic axis is positive. Throws naming the series and the value.
 */
export function checkLineSeries(fn: string, series: unknown, options: { logX?: boolean; logY?: boolean } = {}): LineSeries[] {
  if (!Array.isArray(series)) throw new TypeError(`${fn}: series must be an array of { name, x, y }, got ${describe(series)}`);
  return series.map((s: unknown, i) => {
    const where = `${fn}: series[${i}]`;
    if (s === null || typeof s !== "object") throw new TypeError(`${where} must be an object { name, x, y }, got ${describe(s)}`);
    checkOptionNames(where, s, ["name", "x", "y"]);
    const { name, x, y } = s as Record<string, unknown>;
    if (typeof name !== "string") throw new TypeError(`${where}.name must be a string, got ${describe(name)}`);
    const axis = (values: unknown, which: "x" | "y", log: boolean | undefined): number[] => {
      if (!Array.isArray(values) && !ArrayBuffer.isView(values))
        throw new TypeError(`${where}.${which} must be an array of numbers, got ${describe(values)}`);
      const out = Array.from(values as ArrayLike<unknown>, (v, k) => {
        if (typeof v !== "number" || !Number.isFinite(v))
          throw new RangeError(`${where}.${which}[${k}] must be a finite number, got ${describe(v)}`);
        if (log && !(v > 0)) throw new RangeError(`${where}.${which}[${k}] must be > 0 on a logarithmic axis, got ${v}`);
        return v;
      });
      return out;
    };
    const xs = axis(x, "x", options.logX);
    const ys = axis(y, "y", options.logY);
    if (xs.length !== ys.length)
      throw new RangeError(`${where}: x has ${xs.length} values but y has ${ys.length}; they must pair up`);
    return { name, x: xs, y: ys };
  });
}

/** Tick values of one axis over [lo, hi]: round numbers, or powers of ten on a log axis. */
function axisTicks(lo: number, hi: number, log: boolean): number[] {
  if (!log) return niceTicks(lo, hi, 5);
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / 6));
  const ticks: number[] = [];
  for (let e = first; e <= last; e += every) ticks.push(Number(`1e${e}`)); // exact: 10 ** -5 is 9.999999999999999e-6
  return ticks.length > 0 ? ticks : [lo, hi];
}

/** A short label of a tick value: `1e-3` style for powers of ten far from 1, compact digits otherwise. */
export function tickLabel(v: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential().replace(/\.0+e/, "e").replace("e+", "e");
  return String(Number(v.toPrecision(4)));
}

/** The range [lo, hi] one axis shows: the data's, widened a little (or around a single value). */
function axisRange(values: number[], log: boolean): [number, number] {
  if (values.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (log) {
    const [a, b] = [Math.log10(lo), Math.log10(hi)];
    const pad = b > a ? (b - a) * 0.04 : 0.5;
    return [10 ** (a - pad), 10 ** (b + pad)];
  }
  if (!(hi > lo)) {
    const half = lo === 0 ? 1 : Math.abs(lo) * 0.5;
    [lo, hi] = [lo - half, hi + half];
  }
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** The scene of a line plot of `series` (checked as {@link checkLineSeries} does). */
export function linePlotScene(fn: string, series: unknown, options: LinePlotOptions = {}): Scene {
  checkOptionNames(fn, options, LINE_PLOT_OPTION_NAMES);
  const lines = checkLineSeries(fn, series, options);
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  if (!(width >= 200 && width <= 4000)) throw new RangeError(`${fn}: width must be in 200..4000 pixels, got ${describe(width)}`);
  if (!(height >= 120 && height <= 4000))
    throw new RangeError(`${fn}: height must be in 120..4000 pixels, got ${describe(height)}`);
  const logX = options.logX === true;
  const logY = options.logY === true;
  const allX = lines.flatMap((s) => s.x);
  const allY = lines.flatMap((s) => s.y);
  const [x0, x1] = axisRange(allX, logX);
  const [y0, y1] = axisRange(allY, logY);
  const xTicks = axisTicks(x0, x1, logX);
  const yTicks = axisTicks(y0, y1, logY);

  const title = options.title ?? "";
  const legendWidth = lines.length > 1 ? Math.min(180, Math.max(...lines.map((s) => estimatedTextWidth(s.name, 11))) + 34) : 0;
  const left = Math.ceil(
    Math.max(...yTicks.map((t) => estimatedTextWidth(tickLabel(t), 11)), 10) + 14 + (options.yLabel ? 18 : 0),
  );
  const top = title ? 30 : 12;
  const bottom = 30 + (options.xLabel ? 18 : 0);
  const right = 14 + legendWidth;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const scale = (v: number, lo: number, hi: number, log: boolean): number =>
    log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
  const px = (v: number): number => left + scale(v, x0, x1, logX) * plotW;
  const py = (v: number): number => top + (1 - scale(v, y0, y1, logY)) * plotH;

  const p: Primitive[] = [];
  for (const t of xTicks) {
    p.push({
      kind: "polyline",
      x: px(t),
      y: top,
      points: [
        [0, 0],
        [0, plotH],
      ],
      stroke: GRID,
      strokeWidth: 1,
      role: "grid",
    });
    p.push({
      kind: "text",
      x: px(t),
      y: top + plotH + 12,
      text: tickLabel(t),
      size: 11,
      color: AXIS,
      anchor: "middle",
      role: "tick",
    });
  }
  for (const t of yTicks) {
    p.push({
      kind: "polyline",
      x: left,
      y: py(t),
      points: [
        [0, 0],
        [plotW, 0],
      ],
      stroke: GRID,
      strokeWidth: 1,
      role: "grid",
    });
    p.push({ kind: "text", x: left - 6, y: py(t), text: tickLabel(t), size: 11, color: AXIS, anchor: "end", role: "tick" });
  }
  p.push({ kind: "rect", x: left, y: top, w: plotW, h: plotH, stroke: AXIS, strokeWidth: 1, role: "axes" });
  lines.forEach((s, i) => {
    const color = hexRgb(SERIES_COLORS[i % SERIES_COLORS.length]);
    const points = s.x.map((x, k): [number, number] => [px(x) - left, py(s.y[k]) - top]);
    if (points.length === 1) points.push([points[0][0] + 0.01, points[0][1]]);
    if (points.length > 0) p.push({ kind: "polyline", x: left, y: top, points, stroke: color, strokeWidth: 2, role: "series" });
    if (legendWidth > 0) {
      const ly = top + 8 + i * 16;
      p.push({ kind: "rect", x: left + plotW + 12, y: ly - 1, w: 14, h: 2, fill: color, role: "legend" });
      p.push({ kind: "text", x: left + plotW + 30, y: ly, text: s.name, size: 11, color: TEXT, anchor: "start", role: "legend" });
    }
  });
  if (title)
    p.push({ kind: "text", x: left, y: 14, text: title, size: 13, color: TEXT, anchor: "start", bold: true, role: "title" });
  if (options.xLabel)
    p.push({
      kind: "text",
      x: left + plotW / 2,
      y: height - 10,
      text: options.xLabel,
      size: 12,
      color: TEXT,
      anchor: "middle",
      role: "axis-title",
    });
  if (options.yLabel)
    p.push({
      kind: "text",
      x: 10,
      y: top + plotH / 2,
      text: options.yLabel,
      size: 12,
      color: TEXT,
      anchor: "middle",
      vertical: true,
      role: "axis-title",
    });

  const described = lines
    .map((s) => `${s.name}: ${s.y.length} points${s.y.length ? `, last ${tickLabel(s.y[s.y.length - 1])}` : ""}`)
    .join("; ");
  return {
    width,
    height,
    background: [255, 255, 255],
    primitives: p,
    description: `${title || "line plot"}${described ? ` (${described})` : ""}${logY ? ", logarithmic y axis" : ""}`,
    mapCount: 1,
  };
}
