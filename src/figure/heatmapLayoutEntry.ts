/**
 * What a heatmap renderer outside this library needs (the JupyterLab view imports it as
 * `upsampling-lab/heatmap-layout`): the shared layout, value formats, colour scales, highlight
 * and colour parsing, and `describe` for its error messages. Nothing here reaches tensors or
 * WebAssembly, so a bundler takes only these few modules.
 */
export {
  heatmapLayout,
  downsampleFactor,
  indexStepFor,
  nonFiniteKindOf,
  NON_FINITE_MARKS,
  MAX_CELLS_PER_AXIS,
  MAX_DRAWN_CELLS,
  MAX_AUTO_CELL_PX,
  MIN_VALUE_FONT_PX,
  MAX_VALUE_FONT_PX,
  SHADE_OPACITY,
  type HeatmapLayout,
  type HeatmapLayoutInput,
  type PanelLayout,
  type HighlightLayout,
  type HeatmapNote,
} from "./heatmapLayout";
export { DEFAULT_HIGHLIGHT_COLOR, HIGHLIGHT_KEYS, type HeatmapHighlight } from "./highlight";
export { DEFAULT_VALUE_FORMAT, autoValueLabel, formatValue, isValueFormat, textWidthEm } from "./valueFormat";
export {
  colorAt,
  colorScaleByName,
  colorScaleStops,
  rgbHex,
  COLOR_SCALE_NAMES,
  type ColorScaleName,
  type Rgb,
} from "./colorScale";
export { parseCssColor } from "./cssColor";
export { NON_FINITE_STYLE, type NonFiniteKind } from "./scene";
export { describe } from "../args/values";
