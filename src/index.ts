/**
 * Upsampling Lab: transposed convolution, convolution, upsampling and pooling
 * in plain TypeScript, with the step-by-step traces the notebooks and widgets explain.
 * Pure: no I/O, no globals, no runtime dependencies.
 */
export * from "./tensor";
export * from "./args";
export * from "./conv";
export * from "./resample";
export * from "./pool";
export * from "./shape";
export { heatmapSvg, heatmapPng, heatmapFigures, type HeatmapFigureOptions, type HeatmapPngOptions, type HeatmapHighlight } from "./figure";
export * from "./explain";
export * from "./assert";
export * from "./image";
