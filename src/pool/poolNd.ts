/**
 * Max-pooling (with indices) in 1-D and 3-D, and average pooling in 1-D, 2-D and 3-D, with the
 * options of `maxPool2d`: asymmetric padding, `ceilMode`, dilation, TF/ONNX auto padding, and
 * the indices in a named convention; average pooling with or without the padding in the divisor.
 */
import { Tensor, type DType } from "../tensor";
import { checkNoAlias, checkOptionNames, describe, outputData } from "../args";
import { toBatchedNd, type AxesLike } from "../conv/axesArgs";
import { checkLayout, prepareOutput, readImageBatch, type Layout } from "../resample/layout";
import { parsePoolWindow, type PoolPaddingLike } from "./poolWindowNd";
import { parseIndexConvention, type PoolIndexConvention } from "./indexConvention";
import { avgPoolVolumes, channelsFirstVolumes, encodeVolumeIndices, maxPoolVolumes, windowIn3d } from "./poolVolumes";
import { batchVolumes, type MaxPool2dResult } from "./maxPool2d";

/** The window options every N-D pooling op takes. */
export interface PoolNdWindowOptions {
  /** Window size, `k` or one per spatial axis; required. */
  kernelSize: AxesLike;
  /** Window step; defaults to `kernelSize`. */
  stride?: AxesLike;
  /**
   * `p` or one per axis on both sides (PyTorch: at most half the kernel), begins then ends
   * (ONNX `pads`: `[left, right]`, `[top, left, bottom, right]`, `[front, top, left, back, bottom, right]`;
   * each smaller than the kernel), or `'same'` / `'same-lower'` / `'valid'`. Default 0.
   */
  padding?: PoolPaddingLike;
  /** Spacing between window taps; default 1. */
  dilation?: AxesLike;
  /** Round the output size up (PyTorch `ceil_mode`, ONNX `ceil_mode`); default false. */
  ceilMode?: boolean;
  /** Preallocated output for the values. */
  out?: Tensor;
}

/** Options of `maxPool1d` and `maxPool3d`. */
export interface MaxPoolNdOptions extends PoolNdWindowOptions {
  /** What the indices count (see `PoolIndexConvention`); default `'pytorch'` (flat per channel). */
  indexConvention?: PoolIndexConvention;
  /** Preallocated float64 tensor for the indices (shape checked). */
  indicesOut?: Tensor;
}

/** Options of `avgPool1d`, `avgPool2d` and `avgPool3d`. */
export interface AvgPoolOptions extends PoolNdWindowOptions {
  /** Divide by the whole window, padding included (PyTorch's default, ONNX `count_include_pad=1`); default true. */
  countIncludePad?: boolean;
}

/** Options of `avgPool2d`: those of every average pooling, and the layout of a 4-D input. */
export interface AvgPool2dOptions extends AvgPoolOptions {
  /** `'NCHW'` (default, PyTorch) or `'NHWC'` (Keras/TF). */
  layout?: Layout;
}

const WINDOW_NAMES = ["kernelSize", "stride", "padding", "dilation", "ceilMode", "out"];
const MAX_NAMES = [...WINDOW_NAMES, "indexConvention", "indicesOut"];
const AVG_NAMES = [...WINDOW_NAMES, "countIncludePad"];

const LAYOUTS: Record<number, string> = { 1: "[N, C, L]", 3: "[N, C, D, H, W]" };

function maxPoolNd(fn: string, rank: number, x: Tensor, options: MaxPoolNdOptions): MaxPool2dResult {
  checkOptionNames(fn, options, MAX_NAMES);
  const { tensor, unbatched } = toBatchedNd(fn, "x", x, rank, LAYOUTS[rank]);
  const [batch, channels, ...size] = tensor.shape;
  const window = parsePoolWindow(fn, options, size);
  const convention = parseIndexConvention(fn, options.indexConvention);
  const shape = unbatched ? window.outSize : [batch, channels, ...window.outSize];
  checkNoAlias(fn, options.out, { x: tensor });
  checkNoAlias(fn, options.indicesOut, { x: tensor });
  const values = outputData(fn, options.out, shape, tensor.dtype, false);
  const indices = outputData(fn, options.indicesOut, shape, "float64", false);
  const src = channelsFirstVolumes(tensor.data, batch, channels, size);
  const dst = channelsFirstVolumes(values, batch, channels, window.outSize);
  maxPoolVolumes(fn, src, dst, indices, windowIn3d(window));
  encodeVolumeIndices(indices, dst, src, convention);
  return { values: options.out ?? new Tensor(values, shape), indices: options.indicesOut ?? new Tensor(indices, shape) };
}

function avgPoolNd(fn: string, rank: number, x: Tensor, options: AvgPoolOptions): Tensor {
  checkOptionNames(fn, options, AVG_NAMES);
  const { tensor, unbatched } = toBatchedNd(fn, "x", x, rank, LAYOUTS[rank]);
  const [batch, channels, ...size] = tensor.shape;
  const window = parsePoolWindow(fn, options, size);
  const countIncludePad = parseCountIncludePad(fn, options.countIncludePad);
  const shape = unbatched ? window.outSize : [batch, channels, ...window.outSize];
  const values = outputData(fn, options.out, shape, tensor.dtype, false);
  const src = channelsFirstVolumes(tensor.data, batch, channels, size);
  avgPoolVolumes(fn, src, channelsFirstVolumes(values, batch, channels, window.outSize), windowIn3d(window), countIncludePad);
  return options.out ?? new Tensor(values, shape);
}

function parseCountIncludePad(fn: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "boolean") throw new TypeError(`${fn}: countIncludePad must be true or false, got ${describe(value)}`);
  return value;
}

/**
 * 1-D max-pooling of `x` (`[N, C, L]`, or `[L]`) that also returns where each maximum was
 * (PyTorch `max_pool1d(return_indices=True)`, ONNX MaxPool): the first maximum wins ties,
 * padding acts as `-Infinity`.
 *
 * @example maxPool1d(tensor([1, 5, 2, 4]), { kernelSize: 2 }) // values [5, 4], indices [1, 3]
 */
export function maxPool1d(x: Tensor, options: MaxPoolNdOptions): MaxPool2dResult {
  return maxPoolNd("maxPool1d", 1, x, options);
}

/**
 * 3-D max-pooling of `x` (`[N, C, D, H, W]`, or `[D, H, W]`) with indices, as PyTorch
 * `max_pool3d(return_indices=True)` (indices `(z H + y) W + x` per volume by default) and ONNX MaxPool.
 *
 * @example maxPool3d(arange(8).reshape([2, 2, 2]), { kernelSize: 2 }) // values [[[7]]], indices [[[7]]]
 */
export function maxPool3d(x: Tensor, options: MaxPoolNdOptions): MaxPool2dResult {
  return maxPoolNd("maxPool3d", 3, x, options);
}

/**
 * 1-D average pooling of `x` (`[N, C, L]`, or `[L]`), as PyTorch `avg_pool1d` and ONNX AveragePool.
 *
 * @example avgPool1d(tensor([1, 3, 5, 7]), { kernelSize: 2 }) // [2, 6]
 */
export function avgPool1d(x: Tensor, options: AvgPoolOptions): Tensor {
  return avgPoolNd("avgPool1d", 1, x, options);
}

/**
 * 3-D average pooling of `x` (`[N, C, D, H, W]`, or `[D, H, W]`), as PyTorch `avg_pool3d` and ONNX AveragePool.
 *
 * @example avgPool3d(arange(8).reshape([2, 2, 2]), { kernelSize: 2 }) // [[[3.5]]]
 */
export function avgPool3d(x: Tensor, options: AvgPoolOptions): Tensor {
  return avgPoolNd("avgPool3d", 3, x, options);
}

/**
 * 2-D average pooling of a 2-D `[H, W]` or 4-D image batch (NCHW or NHWC), as PyTorch
 * `avg_pool2d`, ONNX AveragePool and TF `avg_pool` (`'same'` there excludes the padding:
 * pass `countIncludePad: false`).
 *
 * @example avgPool2d(tensor([[1, 2], [3, 4]]), { kernelSize: 2 }) // [[2.5]]
 */
export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  const fn = "avgPool2d";
  checkOptionNames(fn, options, [...AVG_NAMES, "layout"]);
  const opts = options ?? ({} as Partial<AvgPool2dOptions>);
  const src = readImageBatch(fn, x, checkLayout(fn, opts.layout));
  const window = parsePoolWindow(fn, opts, [src.height, src.width]);
  const countIncludePad = parseCountIncludePad(fn, opts.countIncludePad);
  const [oh, ow] = window.outSize;
  const { tensor, view } = prepareOutput(fn, opts.out, src, oh, ow, x.dtype as DType, "out", false);
  avgPoolVolumes(fn, batchVolumes(src), batchVolumes(view), windowIn3d(window), countIncludePad);
  return tensor;
}
