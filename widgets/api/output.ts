/**
 * `Output`: a widget that shows outputs. `capture(fn)` routes everything `fn`
 * prints or displays into it: the model's `msg_id` is set to the current request's
 * msg_id (the cell, or the comm message whose callback runs) for the duration,
 * so the frontend diverts those messages into the widget (ipywidgets protocol).
 *
 * The kernel keeps its own record of what the widget shows (the outputs set from kernel code,
 * plus every output published while it captured), so its static figure (for exported notebooks)
 * shows the captured text, tensors and widgets without waiting for the frontend to sync them.
 */
import type { MimeBundle, PublishedOutput } from "../bridge";
import { stackScenes, textScene, type Scene } from "../../src/figure";
import { liveModel } from "./registry";
import { beginCapture, endCapture, figureSceneOf } from "./staticRefresh";
import { Layout } from "./layout";
import { domWidgetSpec, modelHeader, OUTPUT_MODULE, OUTPUT_VERSION, type DOMWidgetOptions } from "./modelSpec";
import { arrayOf, json, str } from "./traits";
import { Widget } from "./widget";

/** Options of `Output`. */
export interface OutputOptions extends DOMWidgetOptions {
  /** Initial outputs (nbformat output objects). */
  outputs?: Record<string, unknown>[];
}

/** A widget holding outputs; `await out.capture(() => console.log("hi"))` prints into it. */
export class Output extends Widget {
  private captureDepth = 0;
  /** What the widget shows, as far as the kernel knows (nbformat output objects). */
  private shown: Record<string, unknown>[] = [];
  /** A `clear_output(wait)` was captured: the next captured output replaces what is shown. */
  private clearBeforeNext = false;

  /** Opens an Output model (with its layout). */
  constructor(options?: OutputOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Output",
      options,
      modelHeader("OutputModel", "OutputView", OUTPUT_MODULE, OUTPUT_VERSION),
      { msg_id: "", outputs: [] },
      { msg_id: str(), outputs: arrayOf(json()) },
      (a) => new Layout(a),
    );
    super(spec, opts, "Output");
    this.shown = this.outputs;
    // Outputs set by kernel code are what it shows; the frontend's copies of captured outputs
    // repeat the kernel's own record (and lose which tensor a figure drew), so they are skipped.
    this.observe("outputs", () => {
      if (this.applyingFrontendUpdate) return;
      this.shown = this.outputs;
      this.clearBeforeNext = false;
    });
  }

  /** The outputs shown (nbformat output objects, as last synced). */
  get outputs(): Record<string, unknown>[] {
    return [...(this.get("outputs") as Record<string, unknown>[])];
  }

  /**
   * Runs `fn` with its console output and displays captured into this widget; returns its
   * result. Outside any request (no parent header) `fn` simply runs.
   */
  async capture<T>(fn: () => T | Promise<T>): Promise<T> {
    const parent = this.bridge.currentParentHeader();
    const msgId = typeof parent?.msg_id === "string" ? parent.msg_id : "";
    const outermost = this.captureDepth === 0;
    this.captureDepth++;
    let stopRecording: (() => void) | undefined;
    try {
      if (outermost && msgId !== "") {
        beginCapture(msgId);
        stopRecording = this.bridge.onOutput?.((output) => {
          if (output.parentMsgId === msgId) this.record(output);
        });
        this.set({ msg_id: msgId });
        // The frontend must know the msg_id before the first captured message arrives.
        await this.flush();
      }
      return await fn();
    } finally {
      this.captureDepth--;
      if (outermost && msgId !== "") {
        try {
          this.set({ msg_id: "" });
          // Stream text still pending goes out (and is recorded) before the reset reaches the frontend.
          await this.flush();
        } finally {
          stopRecording?.();
          endCapture(msgId);
        }
      }
    }
  }

  /** Removes all outputs (`wait`: when capturing, clear only when the next output arrives). */
  async clear(wait = false): Promise<void> {
    if (this.captureDepth > 0 && this.get("msg_id") !== "") await this.bridge.clearOutput(wait);
    else this.set({ outputs: [] });
  }

  /** Appends text as a stdout stream output. */
  appendStdout(text: string): void {
    this.append({ output_type: "stream", name: "stdout", text: String(text) });
  }

  /** Appends text as a stderr stream output. */
  appendStderr(text: string): void {
    this.append({ output_type: "stream", name: "stderr", text: String(text) });
  }

  /** Appends a display output of a mime bundle. */
  appendDisplay(bundle: MimeBundle): void {
    this.append({ output_type: "display_data", data: bundle, metadata: {} });
  }

  private append(output: Record<string, unknown>): void {
    this.set({ outputs: [...this.outputs, output] });
  }

  /** Adds an output published while capturing to what the widget shows (as the frontend does). */
  private record(output: PublishedOutput): void {
    const c = output.content;
    let entry: Record<string, unknown>;
    switch (output.msgType) {
      case "clear_output":
        if (c.wait === true) this.clearBeforeNext = true;
        else this.shown = [];
        this.staticChanged();
        return;
      case "stream":
        entry = { output_type: "stream", name: c.name, text: c.text };
        break;
      case "display_data":
      case "execute_result":
        entry = { output_type: output.msgType, data: c.data, metadata: c.metadata ?? {} };
        break;
      case "error":
        entry = { output_type: "error", ename: c.ename, evalue: c.evalue, traceback: [] };
        break;
      default:
        return;
    }
    if (this.clearBeforeNext) {
      this.shown = [];
      this.clearBeforeNext = false;
    }
    this.shown = [...this.shown, entry];
    this.staticChanged();
  }

  /** The live widgets shown among the outputs (their static figures are part of this one's). */
  override staticParts(): Widget[] {
    const parts: Widget[] = [];
    for (const o of this.shown) {
      const w = widgetShownBy(o);
      if (w !== undefined && !parts.includes(w)) parts.push(w);
    }
    return parts;
  }

  /**
   * What the widget shows, stacked: stream text (consecutive streams joined, as the frontend
   * joins them), errors, and each display as the figure of the widget or tensor it shows, or its text.
   */
  override figureScene(): Scene | undefined {
    const scenes: Scene[] = [];
    let stream = "";
    const endStream = (): void => {
      const lines = terminalLines(stream);
      stream = "";
      if (lines.length > 0) scenes.push(textScene(capLines(lines), { size: 12, role: "stream" }));
    };
    for (const o of this.shown) {
      if (o.output_type === "stream") {
        stream += typeof o.text === "string" ? o.text : Array.isArray(o.text) ? o.text.join("") : "";
        continue;
      }
      endStream();
      if (o.output_type === "error") {
        scenes.push(textScene([`${String(o.ename)}: ${String(o.evalue)}`], { size: 12, role: "error" }));
        continue;
      }
      const scene = displayScene(o);
      if (scene !== undefined) scenes.push(scene);
    }
    endStream();
    return scenes.length === 0 ? undefined : stackScenes(scenes, "column", 8);
  }

  /** An Output draws its static figure without heatmaps too: captured text is what it shows. */
  protected override staticFigureWithoutMaps(): boolean {
    return true;
  }
}

/** Most lines of captured text drawn in a static figure (the last ones are kept). */
const MAX_STATIC_LINES = 60;

function capLines(lines: string[]): string[] {
  if (lines.length <= MAX_STATIC_LINES) return lines;
  return [`... (${lines.length - MAX_STATIC_LINES + 1} earlier lines)`, ...lines.slice(-(MAX_STATIC_LINES - 1))];
}

/** Stream text as a terminal shows it: lines, a carriage return restarting its line. */
function terminalLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => line.slice(line.lastIndexOf("\r") + 1));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function dataOf(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const data = o.data;
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** The live widget a display output shows, if any. */
function widgetShownBy(o: Record<string, unknown>): Widget | undefined {
  const view = dataOf(o)?.["application/vnd.jupyter.widget-view+json"] as { model_id?: unknown } | undefined;
  if (view === undefined || typeof view.model_id !== "string") return undefined;
  const model = liveModel(view.model_id);
  return model instanceof Widget ? model : undefined;
}

/** The static form of one display output: its widget's figure, its tensor's heatmap, or its text. */
function displayScene(o: Record<string, unknown>): Scene | undefined {
  const data = dataOf(o);
  if (data === undefined) return undefined;
  const widget = widgetShownBy(o);
  const fromWidget = widget?.figureScene();
  if (fromWidget !== undefined) return fromWidget;
  const svg = data["image/svg+xml"];
  const fromFigure = typeof svg === "string" ? figureSceneOf(svg) : undefined;
  if (fromFigure !== undefined) return fromFigure;
  const text = widget !== undefined ? widget.toString() : data["text/plain"];
  const plain = typeof text === "string" ? text : Array.isArray(text) ? text.join("") : "";
  const lines = terminalLines(plain);
  return lines.length === 0 ? undefined : textScene(capLines(lines), { size: 12, role: "display" });
}
