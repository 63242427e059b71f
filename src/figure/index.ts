/**
 * Static figures of feature maps (pure: no DOM, no dependencies): heatmaps as
 * SVG documents and PNG images, for notebook outputs that export without JavaScript.
 */
export { heatmapSvg, heatmapPng, heatmapFigures, type HeatmapPngOptions, type HeatmapFigureBundle } from "./heatmap";
export { heatmapScene, heatmapLayoutScene, HEATMAP_FIGURE_OPTION_NAMES, type HeatmapFigureOptions } from "./heatmapScene";
export { heatmapLayout, type HeatmapLayout, type HeatmapLayoutInput } from "./heatmapLayout";
export type { HeatmapHighlight } from "./highlight";
export {
  colorAt,
  colorScaleByName,
  isDiverging,
  relativeLuminance,
  textColorOn,
  rgbHex,
  type Rgb,
  type ColorScaleName,
} from "./colorScale";
export { encodePng, PNG_SIGNATURE } from "./png";
export { zlibCompress, type DeflateMode } from "./deflate";
export { crc32, adler32 } from "./checksums";
export { base64Encode } from "./base64";
export { rasterizeScene, type RgbImage } from "./raster";
export type { Scene, Primitive } from "./scene";
export { sceneToSvg } from "./svg";
export { parseCssColor } from "./cssColor";
export { featureMapsOf, type FeatureMaps } from "./featureMaps";
export { textScene, stackScenes, expandTabs } from "./compose";
export { tensorScene } from "./tensorFigure";
// Loading the figures attaches a tensor's rich display (its heatmap) to Tensor.
export { tensorDisplay } from "./tensorDisplay";
export {
  linePlotScene,
  checkLineSeries,
  tickLabel,
  LINE_PLOT_OPTION_NAMES,
  SERIES_COLORS,
  type LineSeries,
  type LinePlotOptions,
} from "./linePlotScene";
