/**
 * Keras / TensorFlow entry points: NHWC tensors, Keras kernel layouts, and
 * `padding: 'valid' | 'same'` computed exactly as Keras and `tf.nn` do. The default ('fast')
 * path reads and writes the NHWC tensors and Keras kernels in place through their strides
 * (`./layout`), so it allocates nothing but the result; the teaching algorithms
 * (`'scatter'`, `'zero-insertion'`, `'matrix'`) run on NCHW copies.
 */
import { convTranspose2dFastPath } from "./fastPath";
import { permute, Tensor } from "../tensor";
import { checkOptionNames, describe } from "../args";
import { conv2dFastPath, resolveConv2d } from "./conv2d";
import { requireOneOutputChannel, resolveConvTranspose2d } from "./geometry";
import { runConvTranspose2d, type ConvTranspose2dAlgorithm, CONV_TRANSPOSE_ALGORITHMS } from "./convTranspose2d";
import { nhwcStrides } from "../imageStrides";
import { checkNoAlias, outputData, parsePair, requireTensor, type Batched, type Pair, type PairLike } from "../args";

/** Keras padding modes. */
export type KerasPadding = "valid" | "same";

/** Options of `convTranspose2dKeras` (Keras `Conv2DTranspose` semantics). */
export interface ConvTranspose2dKerasOptions {
  /** `strides` of Conv2DTranspose, `s` or `[sh, sw]`; default 1. */
  strides?: PairLike;
  /** `'valid'` (default; output `i*s + max(k - s, 0)`) or `'same'` (output `i*s`). */
  padding?: KerasPadding;
  /** Keras `output_padding` (each < stride); when given the size is `(i-1)s + k - 2*pad + a`. */
  outputPadding?: PairLike;
  /** `dilation_rate`, `d` or `[dh, dw]`; default 1. */
  dilationRate?: PairLike;
  /** 1-D tensor of length `filters`. */
  bias?: Tensor;
  /** Preallocated NHWC output; filled and returned. */
  out?: Tensor;
  /** Which algorithm computes it (see `convTranspose2d`); default `'fast'`. */
  algorithm?: ConvTranspose2dAlgorithm;
}

/** Options of `conv2dKeras` (Keras `Conv2D` semantics). */
export interface Conv2dKerasOptions {
  /** `strides`, `s` or `[sh, sw]`; default 1. */
  strides?: PairLike;
  /** `'valid'` (default) or `'same'` (output `ceil(i / s)`, the odd padding at the bottom/right). */
  padding?: KerasPadding;
  /** `dilation_rate`, `d` or `[dh, dw]`; default 1. */
  dilationRate?: PairLike;
  /** 1-D tensor of length `filters`. */
  bias?: Tensor;
  /** Preallocated NHWC output; filled and returned. */
  out?: Tensor;
}

const CONV_T_OPTIONS = ["strides", "padding", "outputPadding", "dilationRate", "bias", "out", "algorithm"] as const;
const CONV_OPTIONS = ["strides", "padding", "dilationRate", "bias", "out"] as const;

function parseKerasPadding(fn: string, value: unknown): KerasPadding {
  if (value === undefined) return "valid";
  if (value !== "valid" && value !== "same") {
    throw new RangeError(`${fn}: padding must be 'valid' or 'same', got ${describe(value)}`);
  }
  return value;
}

/** A Keras kernel as 4-D: a 2-D `[kh, kw]` kernel means one input and one output channel. */
function kerasKernel(fn: string, value: unknown, layout: string): Tensor {
  const t = requireTensor(fn, "kernel", value);
  if (t.rank === 4) return t;
  if (t.rank === 2) return t.reshape([t.shape[0], t.shape[1], 1, 1]);
  throw new RangeError(`${fn}: kernel must be a 2-D [kh, kw] or 4-D ${layout} tensor, got shape [${t.shape.join(", ")}]`);
}

/** An NHWC input as 4-D: a 2-D `[H, W]` image becomes `[1, H, W, 1]`. */
function nhwcBatched(fn: string, value: unknown): Batched {
  const t = requireTensor(fn, "x", value);
  if (t.rank === 4) return { tensor: t, was2d: false };
  if (t.rank === 2) return { tensor: t.reshape([1, t.shape[0], t.shape[1], 1]), was2d: true };
  throw new RangeError(`${fn}: x must be a 2-D [H, W] or 4-D [N, H, W, C] tensor, got shape [${t.shape.join(", ")}]`);
}

/** Returns `result` in `out` (checked, then filled) when given. */
function deliver(fn: string, result: Tensor, out: unknown): Tensor {
  if (out === undefined) return result;
  const data = outputData(fn, out, result.shape, result.dtype);
  data.set(result.data);
  return out as Tensor;
}

/**
 * One axis of Keras/TF transposed-convolution padding: the output size and the
 * crop at the start, as `tf.nn.conv2d_transpose` derives them from the forward
 * convolution (total crop `(i-1)s + k - o`, floor half at the start, the odd one at the end).
 */
export function kerasTransposeAxis(
  fn: string,
  axis: string,
  i: number,
  k: number,
  s: number,
  d: number,
  padding: KerasPadding,
  outputPadding: number | undefined,
): { size: number; cropBefore: number; cropAfter: number; outputPadding: number } {
  const keff = d * (k - 1) + 1;
  let size: number;
  if (outputPadding === undefined) {
    size = padding === "valid" ? i * s + Math.max(keff - s, 0) : i * s;
  } else {
    const pad = padding === "same" ? Math.floor(keff / 2) : 0;
    size = (i - 1) * s + keff - 2 * pad + outputPadding;
    if (padding === "same" && Math.ceil(size / s) !== i) {
      throw new RangeError(
        `${fn}: outputPadding must give an output of ceil(o / s) = i with padding 'same' (as TensorFlow requires), ` +
          `got ${outputPadding} in ${axis}, giving o = ${size} for i = ${i}, s = ${s}, dilated kernel ${keff}`,
      );
    }
  }
  const cropBefore = padding === "same" ? Math.floor(Math.max((i - 1) * s + keff - size, 0) / 2) : 0;
  const rest = (i - 1) * s + keff - cropBefore - size; // crop at the end, or (if negative) zeros added there
  return { size, cropBefore, cropAfter: Math.max(rest, 0), outputPadding: Math.max(-rest, 0) };
}

/**
 * Keras `Conv2DTranspose`: `x` is NHWC `[N, H, W, C_in]` (or `[H, W]`), `kernel`
 * is `[kh, kw, filters, C_in]` (or `[kh, kw]`); returns NHWC. `'same'` gives
 * `i * s` with the total crop `(i-1)s + k - i*s` split floor-half at the
 * top/left, the odd one at the bottom/right; `'valid'` gives
 * `(i-1)s + k`, or `i * s` when `k < s`.
 *
 * @example convTranspose2dKeras(rand([1, 3, 3, 3]), rand([3, 3, 6, 3]), { strides: 2 }) // shape [1, 7, 7, 6]
 */
export function convTranspose2dKeras(x: Tensor, kernel: Tensor, options: ConvTranspose2dKerasOptions = {}): Tensor {
  const fn = "convTranspose2dKeras";
  checkOptionNames(fn, options, CONV_T_OPTIONS);
  const strides = parsePair(fn, "strides", options.strides ?? 1, 1);
  const dilation = parsePair(fn, "dilationRate", options.dilationRate ?? 1, 1);
  const padding = parseKerasPadding(fn, options.padding);
  const a: Pair | undefined =
    options.outputPadding === undefined ? undefined : parsePair(fn, "outputPadding", options.outputPadding, 0);
  if (a !== undefined && (a[0] >= strides[0] || a[1] >= strides[1])) {
    throw new RangeError(
      `${fn}: outputPadding must be smaller than strides in each axis (< ${strides[0]} in h, < ${strides[1]} in w), got ${describe(options.outputPadding)}`,
    );
  }
  const algorithm = options.algorithm ?? "fast";
  if (!CONV_TRANSPOSE_ALGORITHMS.includes(algorithm)) {
    throw new RangeError(
      `${fn}: algorithm must be one of ${CONV_TRANSPOSE_ALGORITHMS.map((v) => `'${v}'`).join(", ")}, got ${describe(algorithm)}`,
    );
  }
  const { tensor: x4, was2d } = nhwcBatched(fn, x);
  const k4 = kerasKernel(fn, kernel, "(kh, kw, filters, in)");
  const [, h, w, c] = x4.shape;
  if (k4.shape[3] !== c) {
    throw new RangeError(
      `${fn}: kernel must have shape (kh, kw, filters, in=${c}) to match x's ${c} channels, got [${k4.shape.join(", ")}]`,
    );
  }
  if (was2d) requireOneOutputChannel(fn, "kernel", k4, k4.shape[2]);
  const [kh, kw] = k4.shape;
  if (kh < 1 || kw < 1 || h < 1 || w < 1) {
    throw new RangeError(
      `${fn}: x and kernel must not be empty, got shapes [${x4.shape.join(", ")}] and [${k4.shape.join(", ")}]`,
    );
  }
  const ay = kerasTransposeAxis(fn, "h", h, kh, strides[0], dilation[0], padding, a?.[0]);
  const ax = kerasTransposeAxis(fn, "w", w, kw, strides[1], dilation[1], padding, a?.[1]);
  const filters = k4.shape[2];
  const inPyTorchOrder = algorithm !== "fast";
  // The teaching algorithms read NCHW; the fast path gets shape-only stand-ins (the same data
  // labelled with PyTorch's shapes) for validation and reads the data through Keras strides.
  const xArg = inPyTorchOrder ? permute(x4, [0, 3, 1, 2]) : x4.reshape([x4.shape[0], c, h, w]);
  const weightArg = inPyTorchOrder ? permute(k4, [3, 2, 0, 1]) : k4.reshape([c, filters, kh, kw]); // (kh, kw, out, in) -> (in, out, kh, kw)
  const operands = resolveConvTranspose2d(
    fn,
    xArg,
    weightArg,
    options.bias,
    1,
    strides,
    dilation,
    [ay.cropBefore, ax.cropBefore, ay.cropAfter, ax.cropAfter],
    [ay.outputPadding, ax.outputPadding],
  );
  const g = operands.geometry;
  if (inPyTorchOrder) {
    const y = runConvTranspose2d(fn, operands, algorithm, undefined);
    return deliver(fn, was2d ? y.reshape([g.outH, g.outW]) : permute(y, [0, 2, 3, 1]), options.out);
  }
  const shape = was2d ? [g.outH, g.outW] : [g.batch, g.outH, g.outW, filters];
  checkNoAlias(fn, options.out, { x: x4, kernel: k4, bias: options.bias });
  const data = outputData(fn, options.out, shape, x4.dtype, false);
  convTranspose2dFastPath(x4.data, k4.data, operands.bias?.data, g, data, {
    x: nhwcStrides(c, h, w),
    weight: { inChannel: 1, outChannel: c, row: kw * filters * c, column: filters * c },
    out: nhwcStrides(filters, g.outH, g.outW),
  });
  return options.out ?? new Tensor(data, shape);
}

/**
 * Keras `Conv2D`: `x` is NHWC `[N, H, W, C_in]` (or `[H, W]`), `kernel` is
 * `[kh, kw, C_in, filters]` (or `[kh, kw]`); returns NHWC. `'same'` pads to an
 * output of `ceil(i / s)` (floor half of the padding at the top/left);
 * `'valid'` does not pad.
 */
export function conv2dKeras(x: Tensor, kernel: Tensor, options: Conv2dKerasOptions = {}): Tensor {
  const fn = "conv2dKeras";
  checkOptionNames(fn, options, CONV_OPTIONS);
  const strides = parsePair(fn, "strides", options.strides ?? 1, 1);
  const dilation = parsePair(fn, "dilationRate", options.dilationRate ?? 1, 1);
  const padding = parseKerasPadding(fn, options.padding);
  const { tensor: x4, was2d } = nhwcBatched(fn, x);
  const k4 = kerasKernel(fn, kernel, "(kh, kw, in, filters)");
  const [, h, w, c] = x4.shape;
  if (k4.shape[2] !== c) {
    throw new RangeError(
      `${fn}: kernel must have shape (kh, kw, in=${c}, filters) to match x's ${c} channels, got [${k4.shape.join(", ")}]`,
    );
  }
  if (was2d) requireOneOutputChannel(fn, "kernel", k4, k4.shape[3]);
  const pads = [0, 0, 0, 0] as [number, number, number, number];
  if (padding === "same") {
    for (const [axis, i, k] of [
      [0, h, k4.shape[0]],
      [1, w, k4.shape[1]],
    ] as const) {
      const o = Math.ceil(i / strides[axis]);
      const total = Math.max((o - 1) * strides[axis] + dilation[axis] * (k - 1) + 1 - i, 0);
      pads[axis] = Math.floor(total / 2);
      pads[axis + 2] = total - pads[axis];
    }
  }
  // Shape-only stand-ins (the same data labelled with PyTorch's shapes) for validation; the
  // kernels read the NHWC input and (kh, kw, in, out) kernel in place through their strides.
  const filters = k4.shape[3];
  const xShape = x4.reshape([x4.shape[0], c, h, w]);
  const weightShape = k4.reshape([filters, c, k4.shape[0], k4.shape[1]]);
  const { geometry: g, bias } = resolveConv2d(fn, xShape, weightShape, options.bias, 1, strides, dilation, pads);
  const shape = was2d ? [g.outH, g.outW] : [g.batch, g.outH, g.outW, filters];
  checkNoAlias(fn, options.out, { x: x4, kernel: k4, bias });
  const data = outputData(fn, options.out, shape, x4.dtype, false);
  conv2dFastPath(x4.data, k4.data, bias?.data, g, data, {
    x: nhwcStrides(c, h, w),
    weight: { inChannel: filters, outChannel: 1, row: k4.shape[1] * c * filters, column: c * filters },
    out: nhwcStrides(filters, g.outH, g.outW),
  });
  return options.out ?? new Tensor(data, shape);
}
