/**
 * The static heatmap figures: an SVG document and a PNG image of a feature map
 * (or a `(C, H, W)` grid), with the same layout, colours, values and highlights.
 */
import type { Tensor } from "../tensor";
import { base64Encode } from "./base64";
import { heatmapScene, type HeatmapFigureOptions } from "./heatmapScene";
import { encodePng } from "./png";
import { rasterizeScene } from "./raster";
import { sceneToSvg } from "./svg";

/** Options of `heatmapPng`: the figure options plus the pixel ratio of the image. */
export interface HeatmapPngOptions extends HeatmapFigureOptions {
  /** Image pixels per CSS pixel, 1..4 (default 2, crisp in PDF). */
  pixelRatio?: number;
}

/**
 * An SVG heatmap of `values` (`[h, w]`, or `[c, h, w]` drawn as a grid with one colour
 * scale): coloured square cells with their values, indices, colour bar, title, highlights.
 */
export function heatmapSvg(values: Tensor, options: HeatmapFigureOptions = {}): string {
  return sceneToSvg(heatmapScene("heatmapSvg", values, options));
}

function pngParts(fn: string, values: Tensor, options: HeatmapPngOptions): { bytes: Uint8Array; width: number; height: number } {
  const { pixelRatio, ...figure } = options ?? {};
  const r = pixelRatio ?? 2;
  if (typeof r !== "number" || !Number.isInteger(r) || r < 1 || r > 4) {
    throw new RangeError(`${fn}: pixelRatio must be an integer in 1..4, got ${String(r)}`);
  }
  const scene = heatmapScene(fn, values, figure);
  return { bytes: encodePng(rasterizeScene(scene, r)), width: scene.width, height: scene.height };
}

/** The same heatmap as `heatmapSvg`, as PNG file bytes (drawn at `pixelRatio`, default 2). */
export function heatmapPng(values: Tensor, options: HeatmapPngOptions = {}): Uint8Array {
  return pngParts("heatmapPng", values, options).bytes;
}

/** A heatmap's static mime data: SVG text, base64 PNG, and the CSS size the PNG is meant to be shown at. */
export interface HeatmapFigureBundle {
  svg: string;
  pngBase64: string;
  width: number;
  height: number;
}

/** Both static figures of `values` at once (for Jupyter `image/svg+xml` and `image/png` outputs). */
export function heatmapFigures(values: Tensor, options: HeatmapFigureOptions = {}): HeatmapFigureBundle {
  const scene = heatmapScene("heatmapFigures", values, options);
  return {
    svg: sceneToSvg(scene),
    pngBase64: base64Encode(encodePng(rasterizeScene(scene, 2))),
    width: scene.width,
    height: scene.height,
  };
}
