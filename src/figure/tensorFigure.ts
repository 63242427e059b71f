/**
 * The static heatmap of a tensor's rich display: drawn for tensors that read as
 * feature maps (`[w]`, `[h, w]`, `[c, h, w]`, `[1, c, h, w]`, not empty), omitted otherwise.
 */
import type { Tensor } from "../tensor";
import { heatmapFigures, type HeatmapFigureBundle } from "./heatmap";
import { heatmapScene } from "./heatmapScene";
import type { Scene } from "./scene";

function drawable(t: Tensor): boolean {
  const s = t.shape;
  return t.size > 0 && (s.length === 1 || s.length === 2 || s.length === 3 || (s.length === 4 && s[0] === 1));
}

/** SVG and PNG heatmaps of `t` for its Jupyter display, or undefined when `t` is not a drawable map. */
export function tensorFigures(t: Tensor): HeatmapFigureBundle | undefined {
  if (!drawable(t)) return undefined;
  try {
    return heatmapFigures(t, { title: `Tensor [${t.shape.join(", ")}]` });
  } catch {
    // A figure is an extra: text/plain and the HTML table still show the tensor.
    return undefined;
  }
}

/** The scene `tensorFigures` draws (to compose it into a larger figure), or undefined when there is none. */
export function tensorScene(t: Tensor): Scene | undefined {
  if (!drawable(t)) return undefined;
  try {
    return heatmapScene("tensorScene", t, { title: `Tensor [${t.shape.join(", ")}]` });
  } catch {
    return undefined;
  }
}
