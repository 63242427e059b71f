/**
 * `display(value)`: shows any value in the current cell's output — a widget as its
 * view (opened first), a value with a `Jupyter.display` bundle (tensors: table and
 * heatmap figure) as that bundle, anything else as text.
 */
import { requireKernelBridge, type DisplayOptions, type MimeBundle } from "../bridge";
import { inspect } from "node:util";
import { tensorScene } from "../../src/figure";
import { Tensor } from "../../src/tensor";
import { isCaptured, rememberFigureScene } from "./staticRefresh";
import { Widget } from "./widget";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** The mime bundle `display` sends for `value` (always with `text/plain`). */
export function mimeBundleOf(value: unknown): MimeBundle {
  if (value instanceof Widget) return value.fullBundle();
  const method = (value as { [JUPYTER_DISPLAY]?: unknown } | null | undefined)?.[JUPYTER_DISPLAY];
  let bundle: MimeBundle = {};
  if (typeof method === "function") {
    const b: unknown = method.call(value);
    if (b !== null && typeof b === "object" && !Array.isArray(b)) bundle = { ...(b as MimeBundle) };
  }
  if (typeof bundle["text/plain"] !== "string") {
    bundle["text/plain"] =
      typeof value === "string" ? value : inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
  }
  return bundle;
}

/**
 * Displays `value` in the output of the running cell (or of the widget callback that runs).
 * Resolves once the output is sent. Throws a clear error when a widget's comm could not be opened.
 */
export async function display(value: unknown, options?: DisplayOptions): Promise<void> {
  const bridge = requireKernelBridge("display");
  if (value instanceof Widget) {
    // Let the widget and everything inside it reach the frontend first (opened, updated).
    const pending: Promise<void>[] = [];
    const visit = (w: Widget): void => {
      pending.push(w.flush());
      const children = w.fullState().children;
      if (Array.isArray(children)) for (const c of children) if (c instanceof Widget) visit(c);
    };
    visit(value);
    await Promise.all(pending);
    if (value.openError) throw new Error(`display: the ${value.modelName} could not be opened: ${value.openError.message}`);
    if (value.closed) throw new Error(`display: the ${value.modelName} ${value.modelId} was closed`);
    // Remember the output so its static fallback can be redrawn when the widget changes (staticRefresh).
    const displayId = options?.displayId ?? `${value.modelId}-${displayCounter++}`;
    const bundle = mimeBundleOf(value);
    value.rememberDisplay(displayId, bundle);
    await bridge.display(bundle, { ...options, displayId });
    return;
  }
  const bundle = mimeBundleOf(value);
  const svg = bundle["image/svg+xml"];
  const parent = bridge.currentParentHeader()?.msg_id;
  if (value instanceof Tensor && typeof svg === "string" && typeof parent === "string" && isCaptured(parent)) {
    // An Output captures this: let its static figure draw the tensor's heatmap too.
    rememberFigureScene(svg, () => tensorScene(value));
  }
  await bridge.display(bundle, options);
}

let displayCounter = 0;
