/**
 * Photographs side by side in a notebook output: a self-contained HTML figure
 * (PNG data URIs, no script, no network) that also survives HTML/PDF export.
 */
import { base64Encode } from "../figure/base64";
import { type Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { imagePlanes } from "./imagePlanes";
import { imagePng } from "./imagePng";

/** One picture of an {@link imageGrid}. */
export interface ImageGridItem {
  /** `(3, H, W)` RGB, `(1, H, W)` or `(H, W)` greyscale, values in [0, 1]. */
  image: Tensor;
  /** Caption under the picture. */
  title: string;
  /** Screen pixels per image pixel for this picture, 1..16 (default: the grid's `scale`). */
  scale?: number;
}

/** Options of {@link imageGrid}. */
export interface ImageGridOptions {
  /** Screen pixels per image pixel, 1..16 (default 1); pixels stay sharp squares. */
  scale?: number;
  /** Heading above the pictures. */
  title?: string;
}

/** A displayable figure: `display(grid)` or a cell's last expression shows it. */
export interface ImageGrid {
  /** The HTML of the figure. */
  readonly html: string;
  /** The Jupyter rich display bundle (HTML and a text summary). */
  [key: symbol]: () => Record<string, string>;
}

const OPTION_NAMES = ["scale", "title"] as const;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Pictures side by side with captions, wrapping onto new rows when narrow; each is
 * drawn at `scale` screen pixels per image pixel (the item's own `scale` if given,
 * e.g. to magnify a zoomed crop) with crisp (nearest) pixels.
 *
 * @example imageGrid([{ image: photo, title: "original" }, { image: upsampleBilinear(photo, { scale: 2 }), title: "bilinear x2" }])
 */
export function imageGrid(items: readonly ImageGridItem[], options: ImageGridOptions = {}): ImageGrid {
  const fn = "imageGrid";
  checkOptionNames(fn, options, OPTION_NAMES);
  if (!Array.isArray(items) || items.length === 0)
    throw new RangeError(`${fn}: items must be a non-empty array of { image, title }, got ${describe(items)}`);
  const checkScale = (name: string, v: unknown): number => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 16) {
      throw new RangeError(`${fn}: ${name} must be an integer in 1..16, got ${describe(v)}`);
    }
    return v;
  };
  const gridScale = checkScale("scale", options.scale ?? 1);
  const figures = items.map((item, i) => {
    if (item === null || typeof item !== "object" || typeof item.title !== "string") {
      throw new TypeError(`${fn}: items[${i}] must be { image: Tensor, title: string }, got ${describe(item)}`);
    }
    const { height, width } = imagePlanes(`${fn}: items[${i}].image`, item.image);
    const scale = item.scale === undefined ? gridScale : checkScale(`items[${i}].scale`, item.scale);
    const src = `data:image/png;base64,${base64Encode(imagePng(item.image))}`;
    const title = escapeHtml(item.title);
    return (
      `<figure style="margin:0 12px 12px 0;display:inline-block;vertical-align:top">` +
      `<img src="${src}" alt="${title}" width="${width * scale}" height="${height * scale}" style="image-rendering:pixelated;display:block">` +
      `<figcaption style="font:12px sans-serif;text-align:center;max-width:${Math.max(width * scale, 80)}px">${title}<br>${height}x${width}</figcaption>` +
      `</figure>`
    );
  });
  const heading = options.title
    ? `<div style="font:bold 13px sans-serif;margin-bottom:6px">${escapeHtml(options.title)}</div>`
    : "";
  const html = `<div class="upsampling-lab-image-grid">${heading}<div style="display:flex;flex-wrap:wrap;align-items:flex-start">${figures.join("")}</div></div>`;
  const text = `${options.title ? `${options.title}: ` : ""}${items.map((it) => `${it.title} [${it.image.shape.join(", ")}]`).join(", ")}`;
  return {
    html,
    [Symbol.for("Jupyter.display")]: () => ({ "text/html": html, "text/plain": text }),
  };
}
