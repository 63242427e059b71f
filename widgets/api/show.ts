/**
 * `show(tensor, options)`: the one-liner that displays a tensor as a heatmap widget
 * (a grid of channels for `(C, H, W)`), with its static figure for export.
 */
import type { Tensor } from "../../src/tensor";
import { display } from "./display";
import { Heatmap, TensorView, type HeatmapOptions } from "./heatmap";

/**
 * Displays `values` as a heatmap in the cell's output and returns the widget, so later
 * cells can update it in place: `const h = await show(y, {title: "y"}); h.values = y2;`.
 */
export async function show(values: Tensor, options?: HeatmapOptions): Promise<Heatmap> {
  const isGrid = values?.rank === 3 || (values?.rank === 4 && values.shape[0] === 1 && values.shape[1] > 1);
  const widget = isGrid ? new TensorView(values, options) : new Heatmap(values, options);
  await display(widget);
  return widget;
}
