/**
 * The static fallback of a displayed widget: the figure scenes of the heatmaps it
 * holds, laid side by side into one SVG and one PNG, so exported HTML and PDF show
 * what the widget showed when it was displayed, with no JavaScript.
 */
import { base64Encode, encodePng, rasterizeScene, sceneToSvg, type RgbImage, type Scene } from "../../src/figure";

const GAP = 16;
const PIXEL_RATIO = 2;

/** `image/svg+xml` and base64 `image/png` of `scenes` side by side, or undefined for none. */
export function combinedFigures(scenes: readonly Scene[]): { svg: string; pngBase64: string } | undefined {
  if (scenes.length === 0) return undefined;
  if (scenes.length === 1) {
    return { svg: sceneToSvg(scenes[0]), pngBase64: base64Encode(encodePng(rasterizeScene(scenes[0], PIXEL_RATIO))) };
  }
  const width = scenes.reduce((w, s) => w + s.width, 0) + GAP * (scenes.length - 1);
  const height = Math.max(...scenes.map((s) => s.height));
  let x = 0;
  const parts: string[] = [];
  for (const s of scenes) {
    // Nested <svg> elements keep each figure's own coordinates and pattern ids apart.
    parts.push(sceneToSvg(s).replace("<svg ", `<svg x="${x}" y="0" `));
    x += s.width + GAP;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
  const images = scenes.map((s) => rasterizeScene(s, PIXEL_RATIO));
  const canvas: RgbImage = { width: width * PIXEL_RATIO, height: height * PIXEL_RATIO, pixels: new Uint8Array(width * height * PIXEL_RATIO * PIXEL_RATIO * 3).fill(255) };
  let ox = 0;
  for (const img of images) {
    for (let y = 0; y < img.height; y++) {
      canvas.pixels.set(img.pixels.subarray(y * img.width * 3, (y + 1) * img.width * 3), (y * canvas.width + ox) * 3);
    }
    ox += img.width + GAP * PIXEL_RATIO;
  }
  return { svg, pngBase64: base64Encode(encodePng(canvas)) };
}
