/**
 * `LinePlotModel` / `LinePlotView`: lines (a loss curve, several series, linear or log axes) drawn
 * with plotly.js. Every model change redraws in place with `Plotly.react`, as does a theme switch.
 * Malformed state is shown in the view, never thrown.
 */
import { DOMWidgetModel, DOMWidgetView } from "@jupyter-widgets/base";
import type { ObjectHash } from "backbone";
import {
  LINE_PLOT_MODEL_NAME,
  LINE_PLOT_VIEW_NAME,
  WIDGETS_MODULE_NAME,
  WIDGETS_MODULE_VERSION,
  type LinePlotSeries,
  type LinePlotState,
} from "../../shared/protocol";
import { loadPlotly } from "./plotly-loader";
import type { LinePlotLayout, PlotConfig, ScatterTrace } from "./plotly-types";
import { readTheme, watchTheme, type Theme } from "./theme";

/** The colours of series 1, 2, ... (as the static figure, src/figure/linePlotScene.ts). */
const SERIES_COLORS = [
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

const CONFIG: PlotConfig = {
  displaylogo: false,
  displayModeBar: false,
  responsive: false,
  scrollZoom: false,
  showTips: false,
  doubleClick: false,
};

/** DOM event fired on the view's element after each completed draw (tests wait for it). */
export const LINE_PLOT_DRAWN_EVENT = "upsampling-lab:line-plot-drawn";

/** The problem with `series` as the view would draw it, or null when it is drawable. */
export function linePlotProblem(series: unknown, logX: boolean, logY: boolean): string | null {
  if (!Array.isArray(series)) return "series is not a list";
  for (const [i, s] of (series as Partial<LinePlotSeries>[]).entries()) {
    if (!s || typeof s.name !== "string" || !Array.isArray(s.x) || !Array.isArray(s.y)) return `series ${i} is not {name, x, y}`;
    if (s.x.length !== s.y.length) return `series "${s.name}": ${s.x.length} x values but ${s.y.length} y values`;
    const bad = (values: unknown[], log: boolean) =>
      values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v) || (log && v <= 0));
    const bx = bad(s.x, logX);
    const by = bad(s.y, logY);
    if (bx >= 0 || by >= 0)
      return `series "${s.name}": value ${bx >= 0 ? `x[${bx}]` : `y[${by}]`} cannot be drawn${logX || logY ? " (log axes need values > 0)" : ""}`;
  }
  return null;
}

/** The plotly traces and layout of a line plot's state in a theme. */
export function linePlotFigure(state: LinePlotState, theme: Theme): { data: ScatterTrace[]; layout: LinePlotLayout } {
  const data = state.series.map((s, i): ScatterTrace => ({
    type: "scatter",
    mode: s.x.length < 2 ? "lines+markers" : "lines",
    name: s.name,
    x: s.x,
    y: s.y,
    line: { color: SERIES_COLORS[i % SERIES_COLORS.length], width: 2 },
    hovertemplate: `${s.name}: %{y:.4~g} at %{x}<extra></extra>`,
  }));
  const axis = (log: boolean, title: string) => ({
    type: log ? ("log" as const) : ("linear" as const),
    title: { text: title },
    gridcolor: theme.gridColor,
    linecolor: theme.gridColor,
    zeroline: false,
    automargin: true,
  });
  const layout: LinePlotLayout = {
    width: state.width,
    height: state.height,
    margin: { l: 56, r: 16, t: state.title ? 36 : 12, b: 44 },
    title: { text: state.title, x: 0, xanchor: "left", font: { size: 14, color: theme.foreground } },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { family: theme.fontFamily, color: theme.foreground, size: 12 },
    xaxis: axis(state.log_x, state.x_label),
    yaxis: axis(state.log_y, state.y_label),
    showlegend: state.series.length > 1,
    legend: { orientation: "v" },
    hovermode: "closest",
  };
  return { data, layout };
}

/** Synced model of a line plot. */
export class LinePlotModel extends DOMWidgetModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      _model_name: LINE_PLOT_MODEL_NAME,
      _model_module: WIDGETS_MODULE_NAME,
      _model_module_version: WIDGETS_MODULE_VERSION,
      _view_name: LINE_PLOT_VIEW_NAME,
      _view_module: WIDGETS_MODULE_NAME,
      _view_module_version: WIDGETS_MODULE_VERSION,
      series: [],
      title: "",
      x_label: "",
      y_label: "",
      log_x: false,
      log_y: false,
      width: 560,
      height: 320,
    };
  }

  static model_name = LINE_PLOT_MODEL_NAME;
  static model_module = WIDGETS_MODULE_NAME;
  static model_module_version = WIDGETS_MODULE_VERSION;
  static view_name = LINE_PLOT_VIEW_NAME;
  static view_module = WIDGETS_MODULE_NAME;
  static view_module_version = WIDGETS_MODULE_VERSION;
}

/** Draws a `LinePlotModel` with plotly.js, in place on every change. */
export class LinePlotView extends DOMWidgetView {
  private plotEl!: HTMLDivElement;
  private messageEl!: HTMLDivElement;
  private stopWatchingTheme: () => void = () => undefined;
  private removed = false;
  /** Settles when the latest draw has finished. */
  drawn: Promise<void> = Promise.resolve();

  override render(): void {
    this.el.classList.add("ul-line-plot");
    const doc = this.el.ownerDocument;
    this.messageEl = doc.createElement("div");
    this.messageEl.className = "ul-line-plot-message";
    this.messageEl.setAttribute("role", "alert");
    this.messageEl.hidden = true;
    this.plotEl = doc.createElement("div");
    this.plotEl.className = "ul-line-plot-plot";
    this.el.append(this.messageEl, this.plotEl);
    this.listenTo(this.model, "change", () => this.draw());
    this.stopWatchingTheme = watchTheme(() => this.draw(), doc);
    void this.displayed.then(() => this.draw());
  }

  override remove(): void {
    this.removed = true;
    this.stopWatchingTheme();
    void loadPlotly().then(
      (plotly) => plotly.purge(this.plotEl),
      () => undefined,
    );
    super.remove();
  }

  /** Draws the current state (each draw waits for the previous one, so the last state wins). */
  private draw(): void {
    this.drawn = this.drawn
      .then(() => this.drawNow())
      .catch((error: unknown) => this.showMessage(`could not draw the plot: ${String(error)}`));
  }

  private async drawNow(): Promise<void> {
    if (this.removed) return;
    const state: LinePlotState = {
      series: this.model.get("series") as LinePlotSeries[],
      title: String(this.model.get("title") ?? ""),
      x_label: String(this.model.get("x_label") ?? ""),
      y_label: String(this.model.get("y_label") ?? ""),
      log_x: this.model.get("log_x") === true,
      log_y: this.model.get("log_y") === true,
      width: Number(this.model.get("width")) || 560,
      height: Number(this.model.get("height")) || 320,
    };
    const problem = linePlotProblem(state.series, state.log_x, state.log_y);
    if (problem) {
      this.showMessage(problem);
      return;
    }
    this.showMessage(null);
    const plotly = await loadPlotly();
    if (this.removed) return;
    const { data, layout } = linePlotFigure(state, readTheme(this.el));
    await plotly.react(this.plotEl, data, layout, CONFIG);
    this.el.dispatchEvent(new (this.el.ownerDocument.defaultView?.CustomEvent ?? CustomEvent)(LINE_PLOT_DRAWN_EVENT));
  }

  private showMessage(text: string | null): void {
    if (text) console.warn(`upsampling-lab line plot: ${text}`);
    this.messageEl.textContent = text ?? "";
    this.messageEl.hidden = text === null;
  }
}
