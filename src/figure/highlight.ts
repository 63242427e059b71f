/**
 * A rectangle drawn over heatmap cells (the scattered pixel, the kernel window, the cropped
 * border...): one type for the static figures, the widget state and the JupyterLab view.
 */

/** A rectangle drawn over cells of a heatmap. */
export interface HeatmapHighlight {
  /** Top row (cell index in the full-size map). */
  row: number;
  /** Left column. */
  col: number;
  /** Height in cells (default 1). */
  height?: number;
  /** Width in cells (default 1). */
  width?: number;
  /** `outline` draws the border (default); `shade` marks the cells while their colour stays readable. */
  style?: "outline" | "shade";
  /** CSS colour (default `#ff3b30`). */
  color?: string;
  /** Short text drawn beside the rectangle's top-left corner. */
  label?: string;
  /** Channel of a multi-channel grid it belongs to (default: every channel). */
  channel?: number;
}

/** Colour of a highlight that does not name one. */
export const DEFAULT_HIGHLIGHT_COLOR = "#ff3b30";

/** Every field a highlight may have. */
export const HIGHLIGHT_KEYS = ["row", "col", "height", "width", "style", "color", "label", "channel"] as const;
