/** 2-D max-pooling that remembers where each maximum was (for max-unpooling). */
import { Tensor } from "../tensor";
import { checkOptionNames } from "../args";
import type { PairLike } from "../args";
import { type ImageBatch, type Layout, checkLayout, prepareOutput, readImageBatch } from "../resample/layout";
import type { PoolWindowOptions } from "./poolGeometry";
import { parsePoolWindow, type PoolPaddingLike } from "./poolWindowNd";
import { parseIndexConvention, type PoolIndexConvention } from "./indexConvention";
import { encodeVolumeIndices, maxPoolVolumes, windowIn3d, type Volumes } from "./poolVolumes";
import { maxPool2x2Wasm } from "../wasm/maxPool2dWasm";

/**
 * Output elements from which float32 2x2 pooling of contiguous planes runs on the WebAssembly
 * kernel (where the TypeScript and WebAssembly calls tie, measured: src/wasm/DESIGN.md).
 */
export const POOL_WASM_MIN_OUTPUT = 64;

/** Options of {@link maxPool2d}. */
export interface MaxPool2dOptions extends Omit<PoolWindowOptions, "padding"> {
  /**
   * Implicit `-Infinity` border: `p` or `[ph, pw]` on both sides (PyTorch: at most half the
   * kernel), `[top, left, bottom, right]` (ONNX `pads`: each smaller than the kernel), or
   * `'same'` (TF; ONNX `SAME_UPPER`), `'same-lower'` (ONNX `SAME_LOWER`), `'valid'`. Default 0.
   */
  padding?: PoolPaddingLike;
  /** What the indices count (see `PoolIndexConvention`); default `'pytorch'` (flat per plane). */
  indexConvention?: PoolIndexConvention;
  /** Spacing between window taps, `d` or `[dh, dw]`; default 1. */
  dilation?: PairLike;
  /** Round the output size up instead of down (PyTorch `ceil_mode`); default false. */
  ceilMode?: boolean;
  /** Layout of a 4-D input: `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
  /** Preallocated tensor for the values (shape and dtype checked). */
  out?: Tensor;
  /** Preallocated float64 tensor for the indices (shape checked). */
  indicesOut?: Tensor;
}

/** The result of {@link maxPool2d}. */
export interface MaxPool2dResult {
  /** The maximum of each window; same layout and dtype as the input. */
  values: Tensor;
  /**
   * Where each maximum was, stored as float64 integers: by default the flat index `y * W + x`
   * inside its own input plane (PyTorch's convention, for every layout); see `indexConvention`.
   */
  indices: Tensor;
}

const OPTION_NAMES = [
  "kernelSize",
  "stride",
  "padding",
  "dilation",
  "ceilMode",
  "layout",
  "out",
  "indicesOut",
  "indexConvention",
] as const;

/** An image batch as volumes of depth 1 for the shared pooling loops. */
export function batchVolumes(b: ImageBatch): Volumes {
  return {
    data: b.data,
    batch: b.batch,
    channels: b.channels,
    size: [1, b.height, b.width],
    strides: [b.strides.image, b.strides.channel, 0, b.strides.row, b.strides.column],
    rank: 2,
  };
}

/**
 * Max-pooling of a 2-D `[H, W]` or 4-D image batch that also returns the position
 * of each maximum, as PyTorch's `max_pool2d(..., return_indices=True)`: indices are
 * flat per plane (`y * W + x`), the first maximum in a window wins ties (a NaN wins
 * over numbers), and the padding acts as `-Infinity`. `stride` defaults to `kernelSize`.
 * Padding may be asymmetric `[top, left, bottom, right]` or TF's `'same'`; `indexConvention`
 * gives the indices as ONNX (whole tensor, either storage order) or TF (channels-last) count them.
 *
 * Float32 NCHW (or 2-D) 2x2 stride-2 pooling runs on a WebAssembly SIMD kernel when the engine
 * has one, with the same values and indices.
 *
 * @example maxPool2d(tensor([[5,1,2,8],[3,4,9,0],[1,7,2,2],[6,2,3,4]]), { kernelSize: 2 })
 *   // values [[5, 9], [7, 4]], indices [[0, 6], [9, 15]]
 */
export function maxPool2d(x: Tensor, options: MaxPool2dOptions): MaxPool2dResult {
  const fn = "maxPool2d";
  checkOptionNames(fn, options, OPTION_NAMES);
  const opts = options ?? ({} as Partial<MaxPool2dOptions>);
  const src = readImageBatch(fn, x, checkLayout(fn, opts.layout));
  const window = parsePoolWindow(fn, opts, [src.height, src.width]);
  const convention = parseIndexConvention(fn, opts.indexConvention);
  const { kernel, stride, dilation, padBefore, padAfter } = window;
  const [oh, ow] = window.outSize;
  const { tensor: values, view: dst } = prepareOutput(fn, opts.out, src, oh, ow, x.dtype, "out", false);
  const { tensor: indices } = prepareOutput(fn, opts.indicesOut, src, oh, ow, "float64", "indicesOut", false);
  const whole2x2 =
    kernel[0] === 2 &&
    kernel[1] === 2 &&
    stride[0] === 2 &&
    stride[1] === 2 &&
    padBefore.every((p) => p === 0) &&
    padAfter.every((p) => p === 0) &&
    dilation[0] === 1 &&
    dilation[1] === 1 &&
    2 * oh <= src.height &&
    2 * ow <= src.width &&
    src.strides.column === 1 &&
    dst.strides.column === 1;
  if (whole2x2) {
    if (!(values.data.length >= POOL_WASM_MIN_OUTPUT && maxPool2x2Wasm(src, dst, indices.data as Float64Array))) {
      maxPool2x2Rows(src, dst, values.data, indices.data, oh, ow);
    }
  } else {
    maxPoolVolumes(fn, batchVolumes(src), batchVolumes(dst), indices.data, windowIn3d(window));
  }
  encodeVolumeIndices(indices.data, batchVolumes(dst), batchVolumes(src), convention);
  return { values, indices };
}

/**
 * The common 2x2 stride-2 case (no padding, no dilation, every window inside the
 * input, contiguous rows: NCHW or 2-D): one pass over pairs of input rows with the
 * four taps in the generic loop's order and its exact rule (a later tap wins when it
 * is greater or NaN), so ties, NaN and `-0` come out as before. The rule is applied
 * without branches (on random data each comparison is a coin flip the CPU mispredicts):
 * `win` is 0 or 1, the value is picked from a 2-slot scratch array and the tap offset
 * moves by `win * (offset - tap)`, exact in integers (measured against branches:
 * src/wasm/DESIGN.md). Float32 work from POOL_WASM_MIN_OUTPUT outputs runs on the SIMD kernel
 * (same rule), this one otherwise.
 */
export function maxPool2x2Rows(
  src: ImageBatch,
  dst: ImageBatch,
  values: Tensor["data"],
  indices: Tensor["data"],
  oh: number,
  ow: number,
): void {
  const data = src.data;
  const width = src.width;
  const pick = new Float64Array(2);
  for (let n = 0; n < src.batch; n++) {
    for (let ch = 0; ch < src.channels; ch++) {
      const sBase = n * src.strides.image + ch * src.strides.channel;
      const dBase = n * dst.strides.image + ch * dst.strides.channel;
      for (let oy = 0; oy < oh; oy++) {
        const y = 2 * oy;
        const top = sBase + y * src.strides.row;
        const bottom = top + src.strides.row;
        const at = dBase + oy * dst.strides.row;
        for (let ox = 0; ox < ow; ox++) {
          const c = 2 * ox;
          let best = data[top + c];
          let tap = 0; // offset of the winner from (y, c) in the flat plane
          let v = data[top + c + 1];
          let win = +(v > best) | +(v !== v); // v !== v: v is NaN
          pick[0] = best;
          pick[1] = v;
          best = pick[win];
          tap += win * (1 - tap);
          v = data[bottom + c];
          win = +(v > best) | +(v !== v); // v !== v: v is NaN
          pick[0] = best;
          pick[1] = v;
          best = pick[win];
          tap += win * (width - tap);
          v = data[bottom + c + 1];
          win = +(v > best) | +(v !== v); // v !== v: v is NaN
          pick[0] = best;
          pick[1] = v;
          best = pick[win];
          tap += win * (width + 1 - tap);
          values[at + ox] = best;
          indices[at + ox] = y * width + c + tap;
        }
      }
    }
  }
}
