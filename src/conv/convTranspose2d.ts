/**
 * 2-D transposed convolution with PyTorch conventions (`F.conv_transpose2d`):
 * NCHW input, weight `(in, out/groups, kh, kw)`, padding = rows/columns cropped
 * from the full result, output padding = extra rows/columns at the bottom/right.
 */
import { Tensor, type TensorData } from "../tensor";
import { checkOptionNames, describe } from "../args";
// The default (fast) path: WebAssembly SIMD kernels for float32, the TypeScript GEMM + col2im kernel (./gemm) otherwise.
import { convTranspose2dFastPath } from "./fastPath";
import {
  convTransposeOutputShape,
  resolveConvTranspose2d,
  type ConvTranspose2dKernel,
  type ConvTranspose2dOperands,
} from "./geometry";
import { convTranspose2dMatrix } from "./matrix";
import {
  checkAllocatable,
  checkNoAlias,
  outputData,
  parsePadding4,
  parsePair,
  type Pair,
  type PaddingLike,
  type PairLike,
} from "../args";
import { convTranspose2dScatter } from "./scatter";
import { convTranspose2dZeroInsertion } from "./zeroInsertion";

/** The four ways to compute a transposed convolution; they agree to float tolerance. */
export type ConvTranspose2dAlgorithm = "scatter" | "zero-insertion" | "matrix" | "fast";

/** The algorithm names accepted by `convTranspose2d`'s `algorithm` option. */
export const CONV_TRANSPOSE_ALGORITHMS: readonly ConvTranspose2dAlgorithm[] = ["scatter", "zero-insertion", "matrix", "fast"];

/** Options of `convTranspose2d` (PyTorch `F.conv_transpose2d` semantics). */
export interface ConvTranspose2dOptions {
  /** How far each input step moves its product in the output, `s` or `[sh, sw]`; default 1. */
  stride?: PairLike;
  /** Rows/columns cropped from the full result: `p`, `[ph, pw]` or `[top, left, bottom, right]`; default 0. */
  padding?: PaddingLike;
  /** Extra rows/columns kept at the bottom/right, `a` or `[ah, aw]`; each must be < stride or < dilation. Default 0. */
  outputPadding?: PairLike;
  /** Spacing between kernel taps, `d` or `[dh, dw]`; default 1. */
  dilation?: PairLike;
  /** Channel groups; input channels must be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output pixel of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
  /** `'scatter'`, `'zero-insertion'`, `'matrix'` or `'fast'` (default). */
  algorithm?: ConvTranspose2dAlgorithm;
}

const OPTION_NAMES = ["stride", "padding", "outputPadding", "dilation", "groups", "bias", "out", "algorithm"] as const;

const KERNELS: Record<ConvTranspose2dAlgorithm, ConvTranspose2dKernel> = {
  scatter: convTranspose2dScatter,
  "zero-insertion": convTranspose2dZeroInsertion,
  matrix: convTranspose2dMatrix,
  fast: convTranspose2dFastPath,
};

/**
 * 2-D transposed convolution of `x` (`[N, C_in, H, W]`, or `[H, W]` for one
 * single-channel image) with `weight` (`[C_in, C_out/groups, kh, kw]`, or
 * `[kh, kw]`), as PyTorch `F.conv_transpose2d`. Each input pixel times the
 * kernel is placed `stride` apart and overlaps are summed; output size
 * `(i - 1) s - pTotal + d (k - 1) + outputPadding + 1`.
 *
 * @example convTranspose2d(tensor([[0, 1], [2, 3]]), tensor([[0, 1], [2, 3]])) // [[0, 0, 1], [0, 4, 6], [4, 12, 9]]
 */
export function convTranspose2d(x: Tensor, weight: Tensor, options: ConvTranspose2dOptions = {}): Tensor {
  const fn = "convTranspose2d";
  const { operands, algorithm } = parseConvTranspose2d(fn, x, weight, options);
  return runConvTranspose2d(fn, operands, algorithm, options.out);
}

/**
 * `convTranspose2d` computed by a caller-supplied kernel over flat NCHW data
 * (e.g. a WebAssembly SIMD kernel, or an instrumented one in a benchmark):
 * same validation, options and result as `convTranspose2d`; the `algorithm`
 * option is not accepted here.
 */
export function convTranspose2dWithKernel(
  kernel: ConvTranspose2dKernel,
  x: Tensor,
  weight: Tensor,
  options: Omit<ConvTranspose2dOptions, "algorithm"> = {},
): Tensor {
  const fn = "convTranspose2d";
  if (typeof kernel !== "function") throw new TypeError(`${fn}: kernel must be a function, got ${describe(kernel)}`);
  const names = OPTION_NAMES.filter((n) => n !== "algorithm");
  const { operands } = parseConvTranspose2d(fn, x, weight, options, names);
  const shape = convTransposeOutputShape(operands);
  checkNoAlias(fn, options.out, { x: operands.x, weight: operands.weight, bias: operands.bias });
  const data = outputData(fn, options.out, shape, operands.x.dtype);
  kernel(operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, data);
  return options.out ?? new Tensor(data, shape);
}

/** Validates everything `convTranspose2d` takes and resolves the geometry. */
export function parseConvTranspose2d(
  fn: string,
  x: unknown,
  weight: unknown,
  options: ConvTranspose2dOptions,
  optionNames: readonly string[] = OPTION_NAMES,
): { operands: ConvTranspose2dOperands; algorithm: ConvTranspose2dAlgorithm } {
  checkOptionNames(fn, options, optionNames);
  const stride = parsePair(fn, "stride", options.stride ?? 1, 1);
  const dilation = parsePair(fn, "dilation", options.dilation ?? 1, 1);
  const crop = parsePadding4(fn, "padding", options.padding ?? 0);
  const outputPadding = parsePair(fn, "outputPadding", options.outputPadding ?? 0, 0);
  checkOutputPadding(fn, options.outputPadding, outputPadding, stride, dilation);
  const algorithm = parseAlgorithm(fn, options.algorithm);
  const operands = resolveConvTranspose2d(
    fn,
    x,
    weight,
    options.bias,
    options.groups ?? 1,
    stride,
    dilation,
    crop,
    outputPadding,
  );
  return { operands, algorithm };
}

/** PyTorch's rule: output padding must be smaller than the stride or the dilation, per axis. */
function checkOutputPadding(fn: string, given: unknown, a: Pair, stride: Pair, dilation: Pair): void {
  for (let axis = 0; axis < 2; axis++) {
    if (a[axis] >= stride[axis] && a[axis] >= dilation[axis]) {
      const limit = (i: number): number => Math.max(stride[i], dilation[i]);
      throw new RangeError(
        `${fn}: outputPadding must be smaller than stride or dilation in each axis ` +
          `(here < ${limit(0)} in h and < ${limit(1)} in w), got ${describe(given)}`,
      );
    }
  }
}

function parseAlgorithm(fn: string, value: unknown): ConvTranspose2dAlgorithm {
  if (value === undefined) return "fast";
  if (!CONV_TRANSPOSE_ALGORITHMS.includes(value as ConvTranspose2dAlgorithm)) {
    throw new RangeError(
      `${fn}: algorithm must be one of ${CONV_TRANSPOSE_ALGORITHMS.map((a) => `'${a}'`).join(", ")}, got ${describe(value)}`,
    );
  }
  return value as ConvTranspose2dAlgorithm;
}

/** Runs a resolved transposed convolution with the chosen algorithm into `out` (checked) or a new tensor. */
export function runConvTranspose2d(
  fn: string,
  operands: ConvTranspose2dOperands,
  algorithm: ConvTranspose2dAlgorithm,
  out: unknown,
): Tensor {
  const shape = convTransposeOutputShape(operands);
  checkNoAlias(fn, out, { x: operands.x, weight: operands.weight, bias: operands.bias });
  if (algorithm === "scatter") {
    // the full (uncropped) plane it sums into: larger than the output when the padding crops much
    const g = operands.geometry;
    checkAllocatable(
      fn,
      [(g.inH - 1) * g.strideH + g.dilationH * (g.kernelH - 1) + 1, (g.inW - 1) * g.strideW + g.dilationW * (g.kernelW - 1) + 1],
      "float64",
    );
  }
  // 'fast' writes every element itself (no zero-fill of a preallocated out: 8 MB on W3)
  const data: TensorData = outputData(fn, out, shape, operands.x.dtype, algorithm !== "fast");
  KERNELS[algorithm](operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, data);
  return out instanceof Tensor ? out : new Tensor(data, shape);
}
