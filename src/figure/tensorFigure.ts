/**
 * The static heatmap of a tensor's rich display: drawn for tensors that read as
 * feature maps (`[w]`, `[h, w]`, `[c, h, w]`, `[1, c, h, w]`, not empty), omitted otherwise.
 */
import type { Tensor } from "../tensor";
import { heatmapFigures, type HeatmapFigureBundle } from "./heatmap";

/** SVG and PNG heatmaps of `t` for its Jupyter display, or undefined when `t` is not a drawable map. */
export function tensorFigures(t: Tensor): HeatmapFigureBundle | undefined {
  const s = t.shape;
  const drawable = t.size > 0 && (s.length === 1 || s.length === 2 || s.length === 3 || (s.length === 4 && s[0] === 1));
  if (!drawable) return undefined;
  try {
    return heatmapFigures(t, { title: `Tensor [${s.join(", ")}]` });
  } catch {
    // A figure is an extra: text/plain and the HTML table still show the tensor.
    return undefined;
  }
}
