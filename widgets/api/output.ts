/**
 * `Output`: a widget that shows outputs. `capture(fn)` routes everything `fn`
 * prints or displays into it: the model's `msg_id` is set to the current request's
 * msg_id (the cell, or the comm message whose callback runs) for the duration,
 * so the frontend diverts those messages into the widget (ipywidgets protocol).
 */
import type { MimeBundle } from "../../kernel/src/bridge";
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

  /** Opens an Output model (with its layout). */
  constructor(options?: OutputOptions) {
    const { spec, options: opts } = domWidgetSpec(
      "Output", options, modelHeader("OutputModel", "OutputView", OUTPUT_MODULE, OUTPUT_VERSION),
      { msg_id: "", outputs: [] }, { msg_id: str(), outputs: arrayOf(json()) },
      (a) => new Layout(a),
    );
    super(spec, opts, "Output");
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
    try {
      if (outermost && msgId !== "") {
        this.set({ msg_id: msgId });
        // The frontend must know the msg_id before the first captured message arrives.
        await this.flush();
      }
      return await fn();
    } finally {
      this.captureDepth--;
      if (outermost && msgId !== "") {
        this.set({ msg_id: "" });
        await this.flush();
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
}
