/**
 * `HeatmapModel` / `HeatmapView`: a feature map (or a grid of channels) drawn with
 * plotly.js. The model receives `values` as a float32 binary buffer; the view redraws in
 * place with `Plotly.react` on every change, resize and theme switch, and sends a custom
 * `click` message when a cell is clicked. Malformed state is shown in the view and logged,
 * never thrown.
 *
 * A view draws only while its element is in the page. JupyterLab renders a widget output again
 * when the kernel updates it (the end-of-cell static refresh): the output's renderer empties its
 * node and makes a new view of the same model, while the old view stays subscribed to the model
 * until the output is cleared. So a view that finds its element out of the page does no drawing
 * work, and releases the plot, its canvases' pixels and its page-wide observers; it draws again,
 * from scratch, when it is attached again (a notebook that detaches cells scrolled out of view).
 */
import { DOMWidgetModel, DOMWidgetView, type ISerializers } from "@jupyter-widgets/base";
import type { Message } from "@lumino/messaging";
import type { ObjectHash } from "backbone";
import {
  HEATMAP_MODEL_NAME,
  HEATMAP_VIEW_NAME,
  WIDGETS_MODULE_NAME,
  WIDGETS_MODULE_VERSION,
  type HeatmapState,
} from "../../shared/protocol";
import { availableWidthOf } from "./available-width";
import { drawCellColors } from "./cell-colors";
import { drawCellLabels } from "./cell-labels";
import { clickMessage } from "./click";
import { buildHeatmapFigure, type FigureNote, type HeatmapFigure } from "./figure";
import { loadPlotly } from "./plotly-loader";
import type { PlotlyApi, PlotlyGraphDiv, PlotPoint } from "./plotly-types";
import { checkHeatmapState, deserializeValues, serializeValues, DEFAULT_VALUE_FORMAT, type Heatmap } from "./state";
import { readTheme, watchTheme, type Theme } from "./theme";

/** State keys of the heatmap beyond the standard widget keys. */
const HEATMAP_KEYS: readonly (keyof HeatmapState)[] = [
  "values",
  "shape",
  "title",
  "channel_titles",
  "show_values",
  "colorscale",
  "zmin",
  "zmax",
  "x_label",
  "y_label",
  "highlights",
  "cell_size",
  "value_format",
];

/**
 * DOM event fired on the view's element after every completed draw, with
 * `detail: {drawCount, durationMs, figureMs, plotlyMs, labelsMs}` (the last three: where the
 * draw's time went; labelsMs paints cells and labels); the element's `data-draw-count` attribute
 * counts draws. When only values changed, the event comes before plotly has the new values (its
 * hover data and colour bar follow in the next task); cells and labels are already on screen.
 * Browser tests and benchmarks use them to know when an update is on screen.
 */
export const HEATMAP_DRAWN_EVENT = "upsampling-lab:heatmap-drawn";

/**
 * How long the values must rest before plotly gets them after a values-only redraw: while a
 * slider moves, its Plotly.react (tens of ms) would delay the next step's redraw (../DESIGN.md).
 */
export const PLOTLY_CATCH_UP_DELAY_MS = 300;

/** Width used before the output area has been laid out. */
const FALLBACK_WIDTH_PX = 640;

/** Synced model of a heatmap; `values` crosses the wire as a float32 buffer. */
export class HeatmapModel extends DOMWidgetModel {
  override defaults(): ObjectHash {
    return {
      ...super.defaults(),
      _model_name: HEATMAP_MODEL_NAME,
      _model_module: WIDGETS_MODULE_NAME,
      _model_module_version: WIDGETS_MODULE_VERSION,
      _view_name: HEATMAP_VIEW_NAME,
      _view_module: WIDGETS_MODULE_NAME,
      _view_module_version: WIDGETS_MODULE_VERSION,
      values: new Float32Array(0),
      shape: [0, 0],
      title: "",
      channel_titles: [],
      show_values: true,
      colorscale: "Viridis",
      zmin: null,
      zmax: null,
      x_label: "",
      y_label: "",
      highlights: [],
      cell_size: 0,
      value_format: DEFAULT_VALUE_FORMAT,
    };
  }

  static override serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    values: { deserialize: deserializeValues, serialize: serializeValues },
  };

  static model_name = HEATMAP_MODEL_NAME;
  static model_module = WIDGETS_MODULE_NAME;
  static model_module_version = WIDGETS_MODULE_VERSION;
  static view_name = HEATMAP_VIEW_NAME;
  static view_module = WIDGETS_MODULE_NAME;
  static view_module_version = WIDGETS_MODULE_VERSION;
}

/** Draws a `HeatmapModel` with plotly.js. */
export class HeatmapView extends DOMWidgetView {
  private messageEl!: HTMLDivElement;
  private plotEl!: HTMLDivElement;
  /** Holds the plot and its canvases; its background is the figure's. */
  private stageEl!: HTMLDivElement;
  /** The cells' colours, on a canvas under the plot (see cell-colors.ts). */
  private cellsEl!: HTMLCanvasElement;
  /** The printed values, on a canvas over the plot (see cell-labels.ts). */
  private labelsEl!: HTMLCanvasElement;
  /** A figure drawn on the canvases whose values plotly does not have yet (see `catchUpPlotly`). */
  private plotlyBehind: HeatmapFigure | null = null;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  private notesEl!: HTMLDivElement;
  private plotly: PlotlyApi | null = null;
  private clickBound = false;
  private isDisplayed = false;
  private isRemoved = false;
  /** The element left the page: nothing is drawn and the plot, pixels and observers are released (see `pause`). */
  private paused = false;
  private drawing = false;
  private redrawNeeded = false;
  private frameRequested = false;
  private drawnWidth = -1;
  private drawCount = 0;
  private figure: HeatmapFigure | null = null;
  private heatmap: Heatmap | null = null;
  private stopWatchingTheme: () => void = () => undefined;
  private resizeObserver: ResizeObserver | null = null;
  /** The container observed beside the element: in a flex box the width comes from it. */
  private observedParent: Element | null = null;
  /** Theme and width as last read; reading them forces style/layout work on the whole page, so only when they may have changed. */
  private theme: Theme | null = null;
  private width = 0;
  /** Settles when the draw in progress (if any) has finished; for tests and callers that wait. */
  drawn: Promise<void> = Promise.resolve();

  override render(): void {
    this.el.classList.add("ul-heatmap");
    const doc = this.el.ownerDocument;
    this.messageEl = doc.createElement("div");
    this.messageEl.className = "ul-heatmap-message";
    this.messageEl.setAttribute("role", "alert");
    this.messageEl.hidden = true;
    const stage = (this.stageEl = doc.createElement("div"));
    stage.className = "ul-heatmap-stage";
    this.plotEl = doc.createElement("div");
    this.plotEl.className = "ul-heatmap-plot";
    this.cellsEl = doc.createElement("canvas");
    this.cellsEl.className = "ul-heatmap-cells";
    this.labelsEl = doc.createElement("canvas");
    this.labelsEl.className = "ul-heatmap-labels";
    this.labelsEl.hidden = true;
    stage.append(this.cellsEl, this.plotEl, this.labelsEl);
    this.notesEl = doc.createElement("div");
    this.notesEl.className = "ul-heatmap-notes";
    this.el.append(this.messageEl, stage, this.notesEl);

    this.listenTo(this.model, "change", () => this.scheduleDraw());
    this.watchPage();
    void this.displayed.then(() => {
      this.isDisplayed = true;
      this.observeContainer();
      this.scheduleDraw();
    });
  }

  override processLuminoMessage(msg: Message): void {
    super.processLuminoMessage(msg);
    if (msg.type === "after-detach" && !this.el.isConnected) {
      this.pause();
      return;
    }
    if (msg.type === "after-attach" && this.paused) {
      this.resume();
      return;
    }
    if (msg.type === "after-attach") this.observeContainer();
    if (msg.type === "resize" || msg.type === "after-show" || msg.type === "after-attach") this.onResize();
  }

  override remove(): void {
    this.isRemoved = true;
    this.release();
    super.remove();
  }

  /** Whether this view is the one on screen: its element is in the page (a replaced view's is not). */
  get isInPage(): boolean {
    return this.el.isConnected;
  }

  /** Watches what may change the drawing from outside the model: the theme and the available width. */
  private watchPage(): void {
    const doc = this.el.ownerDocument;
    this.stopWatchingTheme = watchTheme(() => {
      this.theme = null;
      this.scheduleDraw();
    }, doc);
    const view = doc.defaultView;
    if (view && typeof view.ResizeObserver === "function") {
      this.resizeObserver = new view.ResizeObserver(() => this.onResize());
      this.resizeObserver.observe(this.el);
    }
  }

  /**
   * The element left the page: stops drawing and releases what the drawing holds (the plot with
   * its data and listeners, the canvases' pixels, the page-wide observers). The model listener
   * stays, so a change while out of the page costs one check; `resume` redraws from scratch.
   */
  private pause(): void {
    if (this.paused || this.isRemoved) return;
    this.paused = true;
    this.release();
  }

  /** Back in the page after `pause`: watches the page again and draws the current state. */
  private resume(): void {
    if (!this.paused || this.isRemoved || !this.el.isConnected) return;
    this.paused = false;
    this.watchPage();
    this.observedParent = null;
    this.observeContainer();
    this.scheduleDraw();
  }

  /** Frees the plot, the canvases' pixels and the observers; the next draw starts from nothing. */
  private release(): void {
    this.stopWatchingTheme();
    this.stopWatchingTheme = () => undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    this.observedParent = null;
    // A draw in progress sees the pause after its await and releases the plot itself.
    if (this.drawing || !this.stageEl) return;
    // The label canvas lives inside plotly's figure (placeLabels): keep it out of what purge removes.
    if (this.labelsEl.parentElement !== this.stageEl) this.stageEl.append(this.labelsEl);
    if (this.plotly) this.plotly.purge(this.plotEl);
    this.clickBound = false;
    for (const canvas of [this.cellsEl, this.labelsEl]) {
      canvas.width = 0;
      canvas.height = 0;
    }
    this.figure = null;
    this.plotlyBehind = null;
    clearTimeout(this.catchUpTimer);
    this.drawnWidth = -1;
    this.theme = null;
    this.width = 0;
  }

  /** Out of the page (or removed): pauses and says so, so the caller does no drawing work. */
  private outOfPage(): boolean {
    if (this.isRemoved) return true;
    if (this.el.isConnected) return false;
    this.pause();
    return true;
  }

  /** Measures the width the view may fill again, and redraws when it changed since the last draw. */
  private onResize(): void {
    if (this.outOfPage()) return;
    if (this.paused) {
      this.resume();
      return;
    }
    const width = availableWidthOf(this.el);
    if (width > 0) this.width = width;
    if (Math.abs(this.availableWidth() - this.drawnWidth) > 1) this.scheduleDraw();
  }

  /** Observes the element's current container too: a flex box (HBox) gives the view its width. */
  private observeContainer(): void {
    const parent = this.el.parentElement;
    if (!this.resizeObserver || parent === this.observedParent) return;
    if (this.observedParent) this.resizeObserver.unobserve(this.observedParent);
    this.observedParent = parent;
    if (parent) this.resizeObserver.observe(parent);
  }

  /**
   * Coalesces every change arriving in the same task (one comm message, or values and title set
   * together) into a single draw, in the next task: not the next animation frame, whose wait
   * showed in the slider -> heatmap latency (../DESIGN.md).
   */
  private scheduleDraw(): void {
    if (!this.isDisplayed || this.frameRequested || this.outOfPage()) return;
    if (this.paused) {
      // Back in the page without a lumino message (the model changed first): pick up from scratch.
      this.resume();
      return;
    }
    this.frameRequested = true;
    setTimeout(() => {
      this.frameRequested = false;
      if (this.outOfPage()) return;
      this.drawn = this.draw();
    }, 0);
  }

  /** Draws the current state; a draw requested meanwhile runs right after, with the newest state. */
  private async draw(): Promise<void> {
    if (this.drawing) {
      this.redrawNeeded = true;
      return this.drawn;
    }
    this.drawing = true;
    try {
      do {
        this.redrawNeeded = false;
        await this.drawOnce();
      } while (this.redrawNeeded && !this.isRemoved && !this.paused);
    } catch (error) {
      this.showProblem(["the heatmap could not be drawn: " + (error instanceof Error ? error.message : String(error))]);
    } finally {
      this.drawing = false;
    }
    // Left the page (or was removed) while plotly drew: release what that draw made.
    if (this.paused || this.isRemoved) this.release();
    else if (this.plotlyBehind) {
      clearTimeout(this.catchUpTimer);
      this.catchUpTimer = setTimeout(() => void this.catchUpPlotly(), PLOTLY_CATCH_UP_DELAY_MS);
    }
  }

  /**
   * Gives plotly the values already shown on the canvases (hover and clicks read them from
   * plotly) once they rested for PLOTLY_CATCH_UP_DELAY_MS, unless a draw is due anyway; a change
   * arriving meanwhile is drawn right after.
   */
  private async catchUpPlotly(): Promise<void> {
    const figure = this.plotlyBehind;
    if (!figure || !this.plotly || this.drawing || this.frameRequested || this.outOfPage()) return;
    this.plotlyBehind = null;
    this.drawing = true;
    try {
      await this.plotly.react(this.plotEl, figure.data, figure.layout, figure.config);
    } catch (error) {
      console.warn(
        `${WIDGETS_MODULE_NAME}: heatmap ${this.model.model_id}: plotly could not take the new values: ${String(error)}`,
      );
    } finally {
      this.drawing = false;
    }
    if (this.paused || this.isRemoved) this.release();
    else if (this.redrawNeeded) this.drawn = this.draw();
  }

  private async drawOnce(): Promise<void> {
    if (this.outOfPage()) return;
    const raw: Partial<Record<keyof HeatmapState, unknown>> = {};
    for (const key of HEATMAP_KEYS) raw[key] = this.model.get(key);
    const check = checkHeatmapState(raw);
    if (!check.ok) {
      this.showProblem(check.errors);
      return;
    }
    const started = performance.now();
    const width = this.availableWidth();
    this.theme ??= readTheme(this.el);
    const figure = buildHeatmapFigure(check.heatmap, { availableWidth: width, theme: this.theme });
    const plotly = this.plotly ?? (await loadPlotly());
    if (this.outOfPage()) return;
    this.plotly = plotly;
    const figureBuilt = performance.now();
    // Only the values changed: show them on the canvases now, give them to plotly in the next task.
    const valuesOnly = this.figure !== null && this.plotEl.hidden === false && figure.frameKey === this.figure.frameKey;
    if (valuesOnly) {
      this.plotlyBehind = figure;
    } else {
      this.plotlyBehind = null;
      await plotly.react(this.plotEl, figure.data, figure.layout, figure.config);
      this.placeLabels();
    }
    const plotted = performance.now();
    // Removed or out of the page while plotly was drawing: `draw` releases the plot; nothing is announced.
    if (this.outOfPage()) return;
    if (this.stageEl.style.background !== figure.background) this.stageEl.style.background = figure.background;
    drawCellColors(this.cellsEl, figure.layout.width, figure.layout.height, figure.cells);
    drawCellLabels(this.labelsEl, figure.layout.width, figure.layout.height, figure.labels, figure.texts);
    const labelled = performance.now();
    this.figure = figure;
    this.heatmap = check.heatmap;
    this.drawnWidth = width;
    if (!this.clickBound) {
      (this.plotEl as unknown as PlotlyGraphDiv).on("plotly_click", (event) => this.onPlotClick(event.points));
      this.clickBound = true;
    }
    this.messageEl.hidden = true;
    this.messageEl.textContent = "";
    this.plotEl.hidden = false;
    this.cellsEl.hidden = false;
    this.showNotes(figure.notes);
    this.drawCount++;
    this.el.dataset.drawCount = String(this.drawCount);
    this.el.dispatchEvent(
      new CustomEvent(HEATMAP_DRAWN_EVENT, {
        detail: {
          drawCount: this.drawCount,
          durationMs: performance.now() - started,
          // Where the draw's time went: building the figure (first draw: loading plotly too), Plotly.react
          // (0 when only values changed: plotly follows in the next task), painting cells and labels.
          figureMs: figureBuilt - started,
          plotlyMs: plotted - figureBuilt,
          labelsMs: labelled - plotted,
        },
      }),
    );
  }

  /**
   * Puts the label canvas inside plotly's figure, just under its hover layer: over the cells,
   * axes and highlights, but not over a hover box. Before plotly has drawn it stays in the stage.
   */
  private placeLabels(): void {
    const hover = this.plotEl.querySelector(".hoverlayer")?.closest("svg");
    const paper = hover?.parentElement;
    if (hover && paper && this.labelsEl.nextSibling !== hover) paper.insertBefore(this.labelsEl, hover);
  }

  /** Sends the first clicked cell to the kernel as a custom `click` message. */
  private onPlotClick(points: PlotPoint[]): void {
    if (!this.figure || !this.heatmap || points.length === 0) return;
    const message = clickMessage(points[0], this.figure.traces, this.heatmap);
    if (message) this.send(message);
  }

  private availableWidth(): number {
    if (this.width <= 0) this.width = availableWidthOf(this.el);
    return this.width > 0 ? this.width : FALLBACK_WIDTH_PX;
  }

  /** Shows why the state cannot be drawn, in the view and in the console. */
  private showProblem(errors: string[]): void {
    console.warn(`${WIDGETS_MODULE_NAME}: heatmap ${this.model.model_id} cannot be drawn:\n  ${errors.join("\n  ")}`);
    this.messageEl.textContent = `Heatmap cannot be drawn:\n${errors.map((e) => `• ${e}`).join("\n")}`;
    this.messageEl.hidden = false;
    this.plotEl.hidden = true;
    this.cellsEl.hidden = true;
    this.labelsEl.hidden = true;
    this.notesEl.replaceChildren();
  }

  private showNotes(notes: FigureNote[]): void {
    const doc = this.el.ownerDocument;
    this.notesEl.replaceChildren(
      ...notes.map((note) => {
        const line = doc.createElement("div");
        line.className = "ul-heatmap-note";
        if (note.swatch) {
          const swatch = doc.createElement("span");
          swatch.className = "ul-heatmap-swatch";
          swatch.style.background = `repeating-linear-gradient(45deg, ${note.swatch.line} 0 2px, ${note.swatch.background} 2px 6px)`;
          line.append(swatch);
        }
        line.append(doc.createTextNode(note.text));
        return line;
      }),
    );
  }
}
