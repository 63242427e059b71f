/**
 * `display(value)`: shows any value in the current cell's output — a widget as its
 * view (opened first), a value with a `Jupyter.display` bundle (tensors: table and
 * heatmap figure) as that bundle, anything else as text.
 */
import { requireKernelBridge, type DisplayOptions, type MimeBundle } from "../../kernel/src/bridge";
import { inspect } from "node:util";
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
    bundle["text/plain"] = typeof value === "string" ? value : inspect(value, { depth: 4, maxArrayLength: 100, breakLength: 100 });
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
    // Remember the output so `refreshFigure` can redraw its static fallback later.
    const displayId = options?.displayId ?? `${value.modelId}-${displayCounter++}`;
    value.rememberDisplay(displayId);
    await bridge.display(mimeBundleOf(value), { ...options, displayId });
    return;
  }
  await bridge.display(mimeBundleOf(value), options);
}

let displayCounter = 0;
