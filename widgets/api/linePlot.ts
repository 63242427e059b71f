/**
 * `LinePlot`: lines drawn by the frontend's `LinePlotView` (plotly), such as a loss curve that grows
 * while a training loop runs. State is JSON (`series` of `{name, x, y}`); every change redraws the
 * plot in place. Its display carries a static SVG/PNG figure (src/figure/linePlotScene.ts) for export.
 */
import { checkOptionNames, describe } from "../../src/args";
import { checkLineSeries, linePlotScene, LINE_PLOT_OPTION_NAMES, type LinePlotOptions, type Scene } from "../../src/figure";
import {
  LINE_PLOT_MODEL_NAME,
  LINE_PLOT_VIEW_NAME,
  WIDGETS_MODULE_NAME,
  WIDGETS_MODULE_RANGE,
  type LinePlotSeries,
} from "../shared/protocol";
import { display } from "./display";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, type DOMWidgetOptions } from "./modelSpec";
import { bool, float, json, str } from "./traits";
import { Widget } from "./widget";

/** Options of a line plot widget: those of the static figure, plus the DOM widget's. */
export interface LinePlotWidgetOptions extends LinePlotOptions, DOMWidgetOptions {}

/** Series given as `{name: ys}` (x = 0, 1, 2, ...) or as a list of `{name, x, y}`. */
export type SeriesInput =
  Record<string, readonly number[]> | readonly { name: string; x: readonly number[]; y: readonly number[] }[];

const OPTION_TO_STATE: Record<string, string> = { xLabel: "x_label", yLabel: "y_label", logX: "log_x", logY: "log_y" };
const OPTION_NAMES = [...LINE_PLOT_OPTION_NAMES, "layout", "_dom_classes", "tabbable", "tooltip"] as const;

/** `{name: ys}` or `[{name, x, y}]` as a list of series (not yet checked). */
function seriesList(what: string, input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (input !== null && typeof input === "object") {
    return Object.entries(input as Record<string, unknown>).map(([name, y]) => ({
      name,
      x: Array.isArray(y) || ArrayBuffer.isView(y) ? Array.from({ length: (y as ArrayLike<number>).length }, (_, i) => i) : y,
      y,
    }));
  }
  throw new TypeError(`${what}: series must be { name: values } or an array of { name, x, y }, got ${describe(input)}`);
}

function optionsToState(what: string, options: object | undefined): Record<string, unknown> {
  checkOptionNames(what, options, OPTION_NAMES);
  const state: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options ?? {})) if (v !== undefined) state[OPTION_TO_STATE[k] ?? k] = v;
  return state;
}

/** A line plot widget: `const p = new LinePlot({ loss: [] }, { logY: true })`; `p.append("loss", step, value)` redraws in place. */
export class LinePlot extends Widget {
  /** Opens a LinePlotModel showing `series`. */
  constructor(series: SeriesInput = [], options?: LinePlotWidgetOptions) {
    const what = new.target.name;
    const state = { ...optionsToState(what, options), series: seriesList(what, series) };
    const { spec, options: opts } = domWidgetSpec(
      what,
      state,
      modelHeader(LINE_PLOT_MODEL_NAME, LINE_PLOT_VIEW_NAME, WIDGETS_MODULE_NAME, WIDGETS_MODULE_RANGE),
      { series: [], title: "", x_label: "", y_label: "", log_x: false, log_y: false, width: 560, height: 320 },
      {
        series: json(),
        title: str(),
        x_label: str(),
        y_label: str(),
        log_x: bool(),
        log_y: bool(),
        width: float(200, 4000),
        height: float(120, 4000),
      },
      (a) => new Layout(a),
    );
    super(spec, opts, what);
  }

  /** The lines drawn (copies). */
  get series(): LinePlotSeries[] {
    return structuredClone(this.get("series") as LinePlotSeries[]);
  }
  /** Redraws with new lines: `{name: ys}` or `[{name, x, y}]`. */
  set series(input: SeriesInput) {
    this.set({ series: seriesList(this.constructor.name, input) });
  }

  /** Adds points at the end of the series `name` (created when missing) and redraws: `append("loss", step, value)`. */
  append(name: string, x: number | readonly number[], y: number | readonly number[]): void {
    const xs = typeof x === "number" ? [x] : [...x];
    const ys = typeof y === "number" ? [y] : [...y];
    const series = this.series;
    const line = series.find((s) => s.name === name);
    if (line) {
      line.x.push(...xs);
      line.y.push(...ys);
    } else {
      series.push({ name, x: xs, y: ys });
    }
    this.set({ series });
  }

  /** Changes several options (and `series`) in one update message. */
  update(changes: LinePlotOptions & { series?: SeriesInput }): void {
    const { series, ...options } = changes ?? {};
    const state = optionsToState(this.constructor.name, options);
    if (series !== undefined) state.series = seriesList(this.constructor.name, series);
    this.set(state);
  }

  /** The options of the static figure matching the current state. */
  figureOptions(): LinePlotOptions {
    const s = this.fullState();
    return {
      title: s.title as string,
      xLabel: s.x_label as string,
      yLabel: s.y_label as string,
      logX: s.log_x as boolean,
      logY: s.log_y as boolean,
      width: s.width as number,
      height: s.height as number,
    };
  }

  /** The static figure of the current state. */
  override figureScene(): Scene {
    return linePlotScene(this.modelName, this.get("series"), this.figureOptions());
  }

  /** A one-line description. */
  override toString(): string {
    const series = this.get("series") as LinePlotSeries[];
    const title = this.get("title") ? `, title '${this.get("title")}'` : "";
    return `LinePlot(${series.map((s) => `${s.name}: ${s.y.length} points`).join(", ") || "no series"}${title})`;
  }

  /** Series checked (finite numbers, x and y of one length, positive on log axes) before every change is kept. */
  protected override normalize(state: Record<string, unknown>, what: string): Record<string, unknown> {
    const series = checkLineSeries(what, state.series, { logX: state.log_x as boolean, logY: state.log_y as boolean });
    return { ...state, series: series.map((s) => ({ name: s.name, x: [...s.x], y: [...s.y] })) };
  }
}

/** Displays a line plot of `series` in the cell's output and returns it, so later cells (or a loop) update it in place. */
export async function plot(series: SeriesInput, options?: LinePlotWidgetOptions): Promise<LinePlot> {
  const widget = new LinePlot(series, options);
  await display(widget);
  return widget;
}
