/**
 * The convolution matrix C: a 2-D convolution of an `h x w` image written as a
 * matrix product `y = C x` over the flattened image. Its transpose computes the
 * transposed convolution, `C^T y`, which is where the name comes from.
 */
import { Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { parsePadding4, parsePair, requireTensor, type PaddingLike, type PairLike } from "../args";

/** The largest matrix (rows x columns) that `convolutionMatrix` and the 'matrix' algorithm build. */
export const MAX_MATRIX_ENTRIES = 64 * 1024 * 1024;

/** Options of `convolutionMatrix`: the forward convolution's geometry. */
export interface ConvolutionMatrixOptions {
  /** Step of the sliding window, `s` or `[sh, sw]`; default 1. */
  stride?: PairLike;
  /** Zero padding of the input, `p`, `[ph, pw]` or `[top, left, bottom, right]`; default 0. */
  padding?: PaddingLike;
  /** Spacing between kernel taps, `d` or `[dh, dw]`; default 1. */
  dilation?: PairLike;
}

const OPTION_NAMES = ["stride", "padding", "dilation"] as const;

/**
 * Output size of a convolution along one axis:
 * `floor((i + padBefore + padAfter - d (k - 1) - 1) / s) + 1`, or a value < 1
 * when the dilated kernel is larger than the padded input.
 */
export function convAxisOutputSize(i: number, k: number, s: number, d: number, padBefore: number, padAfter: number): number {
  const span = i + padBefore + padAfter - d * (k - 1) - 1;
  return span < 0 ? 0 : Math.floor(span / s) + 1;
}

/**
 * Builds the matrix C of the 2-D convolution (cross-correlation, as in every
 * framework) of an image of `inputShape = [h, w]` with `kernel` (2-D `[kh, kw]`):
 * one row per output pixel (row-major), one column per input pixel, so that
 * `conv2d(x, kernel) = C @ x.flatten()`. `C^T` maps back: it is the transposed
 * convolution. Refuses matrices with more than 64M entries.
 *
 * @example convolutionMatrix([3, 3], tensor([[1, 2], [3, 4]])) // 4 x 9 matrix
 */
export function convolutionMatrix(
  inputShape: readonly [number, number],
  kernel: Tensor,
  options: ConvolutionMatrixOptions = {},
): Tensor {
  const fn = "convolutionMatrix";
  checkOptionNames(fn, options, OPTION_NAMES);
  if (!Array.isArray(inputShape) || inputShape.length !== 2 || !inputShape.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new RangeError(`${fn}: inputShape must be a pair [h, w] of integers >= 1, got ${describe(inputShape)}`);
  }
  const k = requireTensor(fn, "kernel", kernel);
  if (k.rank !== 2) throw new RangeError(`${fn}: kernel must be a 2-D [kh, kw] tensor, got shape [${k.shape.join(", ")}]`);
  const [sh, sw] = parsePair(fn, "stride", options.stride ?? 1, 1);
  const [dh, dw] = parsePair(fn, "dilation", options.dilation ?? 1, 1);
  const pad = parsePadding4(fn, "padding", options.padding ?? 0);
  const [h, w] = inputShape;
  const [kh, kw] = k.shape;
  if (kh < 1 || kw < 1) throw new RangeError(`${fn}: kernel must not be empty, got shape [${kh}, ${kw}]`);
  const oh = convAxisOutputSize(h, kh, sh, dh, pad[0], pad[2]);
  const ow = convAxisOutputSize(w, kw, sw, dw, pad[1], pad[3]);
  if (oh < 1 || ow < 1) {
    throw new RangeError(
      `${fn}: kernel (dilated ${dh * (kh - 1) + 1}x${dw * (kw - 1) + 1}) must fit in the padded input ` +
        `(${h + pad[0] + pad[2]}x${w + pad[1] + pad[3]}), got kernel shape [${kh}, ${kw}]`,
    );
  }
  checkMatrixSize(fn, oh * ow, h * w, "use conv2d instead");
  const data = k.dtype === "float64" ? new Float64Array(oh * ow * h * w) : new Float32Array(oh * ow * h * w);
  fillConvolutionMatrix(data, k.data, h, w, kh, kw, oh, ow, sh, sw, dh, dw, pad[0], pad[1], 0);
  return new Tensor(data, [oh * ow, h * w]);
}

/** Throws a RangeError when a `rows x cols` matrix would exceed `MAX_MATRIX_ENTRIES`. */
export function checkMatrixSize(fn: string, rows: number, cols: number, suggestion: string): void {
  const entries = rows * cols;
  if (entries > MAX_MATRIX_ENTRIES) {
    throw new RangeError(
      `${fn}: the convolution matrix would be ${rows} x ${cols} = ${entries} entries, ` +
        `more than the limit of ${MAX_MATRIX_ENTRIES}; ${suggestion}`,
    );
  }
}

/**
 * Writes C (`oh*ow` rows of `h*w` columns) into `data` (zero-filled) for the
 * kernel stored at `kernel[kernelOffset ..]`; padded positions have no column.
 * @internal shared with the 'matrix' transposed-convolution algorithm.
 */
export function fillConvolutionMatrix(
  data: Float32Array | Float64Array,
  kernel: Float32Array | Float64Array,
  h: number,
  w: number,
  kh: number,
  kw: number,
  oh: number,
  ow: number,
  sh: number,
  sw: number,
  dh: number,
  dw: number,
  top: number,
  left: number,
  kernelOffset: number,
): void {
  const cols = h * w;
  for (let oy = 0; oy < oh; oy++) {
    for (let ox = 0; ox < ow; ox++) {
      const row = (oy * ow + ox) * cols;
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh + ky * dh - top;
        if (iy < 0 || iy >= h) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * sw + kx * dw - left;
          if (ix < 0 || ix >= w) continue;
          data[row + iy * w + ix] = kernel[kernelOffset + ky * kw + kx];
        }
      }
    }
  }
}
