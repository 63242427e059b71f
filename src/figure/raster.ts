/**
 * Rasterises a figure scene into an RGB pixel buffer (8 bits per channel),
 * at a pixel ratio (2 by default, for crisp PDF output). Text uses the built-in
 * bitmap font at the integer scale closest to the requested size.
 */
import type { Rgb } from "./colorScale";
import { GLYPH_ADVANCE, GLYPH_HEIGHT, bitmapTextWidth, glyph } from "./bitmapFont";
import type { HatchPrimitive, PolylinePrimitive, RectPrimitive, Scene, TextPrimitive } from "./scene";

/** An RGB image: `width * height * 3` bytes, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

class Canvas implements RgbImage {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      this.pixels[3 * i] = background[0];
      this.pixels[3 * i + 1] = background[1];
      this.pixels[3 * i + 2] = background[2];
    }
  }

  /** Blends `c` over the pixel box [x0, x1) x [y0, y1) with `alpha`. */
  fill(x0: number, y0: number, x1: number, y1: number, c: Rgb, alpha = 1, keep?: (x: number, y: number) => boolean): void {
    const xa = Math.max(0, Math.round(x0));
    const ya = Math.max(0, Math.round(y0));
    const xb = Math.min(this.width, Math.round(x1));
    const yb = Math.min(this.height, Math.round(y1));
    for (let y = ya; y < yb; y++) {
      for (let x = xa; x < xb; x++) {
        if (keep && !keep(x, y)) continue;
        const o = 3 * (y * this.width + x);
        if (alpha >= 1) {
          this.pixels[o] = c[0];
          this.pixels[o + 1] = c[1];
          this.pixels[o + 2] = c[2];
        } else {
          for (let k = 0; k < 3; k++) this.pixels[o + k] = Math.round(this.pixels[o + k] * (1 - alpha) + c[k] * alpha);
        }
      }
    }
  }
}

function drawRect(cv: Canvas, p: RectPrimitive, r: number): void {
  if (p.fill) cv.fill(p.x * r, p.y * r, (p.x + p.w) * r, (p.y + p.h) * r, p.fill, p.fillOpacity ?? 1);
  if (p.stroke) {
    const sw = Math.max(1, Math.round((p.strokeWidth ?? 1) * r));
    const x0 = Math.round(p.x * r - sw / 2);
    const y0 = Math.round(p.y * r - sw / 2);
    const x1 = Math.round((p.x + p.w) * r + sw / 2);
    const y1 = Math.round((p.y + p.h) * r + sw / 2);
    cv.fill(x0, y0, x1, y0 + sw, p.stroke);
    cv.fill(x0, y1 - sw, x1, y1, p.stroke);
    cv.fill(x0, y0, x0 + sw, y1, p.stroke);
    cv.fill(x1 - sw, y0, x1, y1, p.stroke);
  }
}

function drawHatch(cv: Canvas, p: HatchPrimitive, r: number): void {
  const x0 = p.x * r;
  const y0 = p.y * r;
  const x1 = (p.x + p.w) * r;
  const y1 = (p.y + p.h) * r;
  const period = Math.max(4, Math.round(6 * r));
  const thick = Math.max(1, Math.round(1.5 * r));
  cv.fill(x0, y0, x1, y1, p.background);
  cv.fill(x0, y0, x1, y1, p.line, 1, (x, y) => (x + y) % period < thick);
}

/** Each segment of the line stamped with a square pen of the stroke's width, every half pixel along it. */
function drawPolyline(cv: Canvas, p: PolylinePrimitive, r: number): void {
  const half = Math.max(0.5, (p.strokeWidth * r) / 2);
  for (let i = 1; i < p.points.length; i++) {
    const [x0, y0] = [(p.x + p.points[i - 1][0]) * r, (p.y + p.points[i - 1][1]) * r];
    const [x1, y1] = [(p.x + p.points[i][0]) * r, (p.y + p.points[i][1]) * r];
    const steps = Math.max(1, Math.ceil(2 * Math.hypot(x1 - x0, y1 - y0)));
    for (let k = 0; k <= steps; k++) {
      const x = x0 + ((x1 - x0) * k) / steps;
      const y = y0 + ((y1 - y0) * k) / steps;
      cv.fill(x - half, y - half, x + half, y + half, p.stroke);
    }
  }
}

/** The integer scale of the bitmap font for text of `size` CSS pixels at pixel ratio `r`. */
function fontScale(size: number, r: number): number {
  return Math.max(1, Math.round((size * r * 0.72) / GLYPH_HEIGHT));
}

function drawText(cv: Canvas, p: TextPrimitive, r: number): void {
  let s = fontScale(p.size, r);
  if (p.maxWidth !== undefined) {
    while (s > 1 && bitmapTextWidth(p.text) * s > p.maxWidth * r) s--;
    if (bitmapTextWidth(p.text) * s > p.maxWidth * r) return;
  }
  const tw = bitmapTextWidth(p.text) * s;
  const th = GLYPH_HEIGHT * s;
  const weight = p.bold ? Math.max(1, Math.round(s / 2)) : 0;
  if (p.vertical) {
    // Rotated -90 degrees: text runs bottom to top, centred on (x, y).
    const cx = Math.round(p.x * r);
    const cy = Math.round(p.y * r);
    const startY = p.anchor === "middle" ? cy + tw / 2 : p.anchor === "end" ? cy + tw : cy;
    [...p.text].forEach((ch, k) => {
      const g = glyph(ch);
      for (let gy = 0; gy < g.length; gy++) {
        for (let gx = 0; gx < g[gy].length; gx++) {
          if (!g[gy][gx]) continue;
          const px = cx - th / 2 + gy * s;
          const py = startY - (k * GLYPH_ADVANCE + gx + 1) * s;
          cv.fill(px, py, px + s + weight, py + s, p.color);
        }
      }
    });
    return;
  }
  const left = p.anchor === "middle" ? p.x * r - tw / 2 : p.anchor === "end" ? p.x * r - tw : p.x * r;
  const top = Math.round(p.y * r - th / 2);
  [...p.text].forEach((ch, k) => {
    const g = glyph(ch);
    for (let gy = 0; gy < g.length; gy++) {
      for (let gx = 0; gx < g[gy].length; gx++) {
        if (!g[gy][gx]) continue;
        const px = Math.round(left) + (k * GLYPH_ADVANCE + gx) * s;
        const py = top + gy * s;
        cv.fill(px, py, px + s + weight, py + s, p.color);
      }
    }
  });
}

/** The pixels of `scene` drawn at `pixelRatio` image pixels per CSS pixel. */
export function rasterizeScene(scene: Scene, pixelRatio = 2): RgbImage {
  const r = pixelRatio;
  const cv = new Canvas(Math.max(1, Math.ceil(scene.width * r)), Math.max(1, Math.ceil(scene.height * r)), scene.background);
  for (const p of scene.primitives) {
    if (p.kind === "rect") drawRect(cv, p, r);
    else if (p.kind === "hatch") drawHatch(cv, p, r);
    else if (p.kind === "polyline") drawPolyline(cv, p, r);
    else drawText(cv, p, r);
  }
  return cv;
}
