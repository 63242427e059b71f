/** Small operations on image tensors `(C, H, W)`: crop and greyscale. */
import { Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";

/** Options of {@link cropImage}: the rectangle to keep. */
export interface CropOptions {
  top: number;
  left: number;
  height: number;
  width: number;
}

const CROP_OPTIONS = ["top", "left", "height", "width"] as const;

/**
 * The `height x width` rectangle of `image` (`(C, H, W)` or `(H, W)`) whose top-left
 * pixel is `(top, left)`, as a new tensor of the same rank and dtype.
 */
export function cropImage(image: Tensor, options: CropOptions): Tensor {
  const fn = "cropImage";
  if (!(image instanceof Tensor) || (image.rank !== 2 && image.rank !== 3)) {
    throw new RangeError(
      `${fn}: image must be a (C, H, W) or (H, W) tensor, got ${image instanceof Tensor ? `shape [${image.shape.join(", ")}]` : describe(image)}`,
    );
  }
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be { top, left, height, width }, got ${describe(options)}`);
  }
  checkOptionNames(fn, options, CROP_OPTIONS);
  const [c, h, w] = image.rank === 2 ? [1, image.shape[0], image.shape[1]] : [image.shape[0], image.shape[1], image.shape[2]];
  const { top, left, height, width } = options;
  const check = (name: string, v: unknown, lo: number, hi: number): void => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
      throw new RangeError(`${fn}: ${name} must be an integer in ${lo}..${hi} for an image of ${h}x${w}, got ${describe(v)}`);
    }
  };
  check("top", top, 0, h - 1);
  check("left", left, 0, w - 1);
  check("height", height, 1, h - top);
  check("width", width, 1, w - left);
  const out = image.dtype === "float64" ? new Float64Array(c * height * width) : new Float32Array(c * height * width);
  for (let ch = 0; ch < c; ch++) {
    for (let y = 0; y < height; y++) {
      const from = ch * h * w + (top + y) * w + left;
      out.set(image.data.subarray(from, from + width), (ch * height + y) * width);
    }
  }
  return new Tensor(out, image.rank === 2 ? [height, width] : [c, height, width]);
}

/**
 * The luma of an RGB image `(3, H, W)` as `(1, H, W)`:
 * `0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601, as PIL's `convert("L")`).
 */
export function rgbToGray(image: Tensor): Tensor {
  const fn = "rgbToGray";
  if (!(image instanceof Tensor) || image.rank !== 3 || image.shape[0] !== 3) {
    throw new RangeError(
      `${fn}: image must be an RGB tensor of shape (3, H, W), got ${image instanceof Tensor ? `shape [${image.shape.join(", ")}]` : describe(image)}`,
    );
  }
  const plane = image.shape[1] * image.shape[2];
  const d = image.data;
  const out = image.dtype === "float64" ? new Float64Array(plane) : new Float32Array(plane);
  for (let p = 0; p < plane; p++) out[p] = 0.299 * d[p] + 0.587 * d[plane + p] + 0.114 * d[2 * plane + p];
  return new Tensor(out, [1, image.shape[1], image.shape[2]]);
}
