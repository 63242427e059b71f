/**
 * 3-D transposed convolution with PyTorch conventions (`F.conv_transpose3d`): input
 * `[N, C_in, D, H, W]`, weight `(in, out/groups, kd, kh, kw)`, padding = positions cropped
 * from the full result, output padding = extra positions at the back/bottom/right.
 */
import { Tensor } from "../tensor";
import { checkNoAlias, checkOptionNames, describe, outputData } from "../args";
import { checkAxesOutputPadding, parseAxes, parseAxesPadding, type AxesLike } from "./axesArgs";
import { conv3dOutputShape, resolveConvTranspose3d, type Conv3dOperands, type ConvTranspose3dGeometry } from "./geometry3d";
import { convTranspose3dFastPath, convTranspose3dScatter, type ConvTranspose3dKernel } from "./convTranspose3dKernels";

/** The algorithms of `convTranspose3d`; they agree to float tolerance. */
export type ConvTranspose3dAlgorithm = "scatter" | "fast";

/** The algorithm names accepted by `convTranspose3d`'s `algorithm` option. */
export const CONV_TRANSPOSE_3D_ALGORITHMS: readonly ConvTranspose3dAlgorithm[] = ["scatter", "fast"];

/** A 3-D padding as users write it: `p`, `[pd, ph, pw]` or `[front, top, left, back, bottom, right]`. */
export type Padding3dLike =
  number | readonly [number, number, number] | readonly [number, number, number, number, number, number];

/** Options of `convTranspose3d` (PyTorch `F.conv_transpose3d` semantics). */
export interface ConvTranspose3dOptions {
  /** `s` or `[sd, sh, sw]`; default 1. */
  stride?: AxesLike;
  /** Cropped from the full result: `p`, `[pd, ph, pw]` or `[front, top, left, back, bottom, right]`; default 0. */
  padding?: Padding3dLike;
  /** Extra positions at the back/bottom/right, `a` or `[ad, ah, aw]`; each < stride or < dilation. Default 0. */
  outputPadding?: AxesLike;
  /** Spacing between kernel taps, `d` or `[dd, dh, dw]`; default 1. */
  dilation?: AxesLike;
  /** Channel groups; input channels must be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output element of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
  /** `'scatter'` (the reference) or `'fast'` (default: depth slices on the 2-D kernels, WebAssembly SIMD for float32). */
  algorithm?: ConvTranspose3dAlgorithm;
}

const OPTION_NAMES = ["stride", "padding", "outputPadding", "dilation", "groups", "bias", "out", "algorithm"] as const;

const KERNELS: Record<ConvTranspose3dAlgorithm, ConvTranspose3dKernel> = {
  scatter: convTranspose3dScatter,
  fast: convTranspose3dFastPath,
};

/** Validates everything `convTranspose3d` takes (only `names` allowed) and resolves the geometry. */
export function parseConvTranspose3d(
  fn: string,
  x: unknown,
  weight: unknown,
  options: ConvTranspose3dOptions,
  names: readonly string[] = OPTION_NAMES,
): { operands: Conv3dOperands<ConvTranspose3dGeometry>; algorithm: ConvTranspose3dAlgorithm } {
  checkOptionNames(fn, options, names);
  const stride = parseAxes(fn, "stride", options.stride ?? 1, 3, 1);
  const dilation = parseAxes(fn, "dilation", options.dilation ?? 1, 3, 1);
  const outputPadding = parseAxes(fn, "outputPadding", options.outputPadding ?? 0, 3, 0);
  const crop = parseAxesPadding(fn, "padding", options.padding ?? 0, 3);
  checkAxesOutputPadding(fn, options.outputPadding, outputPadding, stride, dilation);
  const algorithm = options.algorithm ?? "fast";
  if (!CONV_TRANSPOSE_3D_ALGORITHMS.includes(algorithm)) {
    throw new RangeError(
      `${fn}: algorithm must be one of ${CONV_TRANSPOSE_3D_ALGORITHMS.map((a) => `'${a}'`).join(", ")}, got ${describe(algorithm)}`,
    );
  }
  const operands = resolveConvTranspose3d(
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

/**
 * 3-D transposed convolution of `x` (`[N, C_in, D, H, W]`, or `[D, H, W]` for one
 * single-channel volume) with `weight` (`[C_in, C_out/groups, kd, kh, kw]`, or `[kd, kh, kw]`),
 * as PyTorch `F.conv_transpose3d`: output size per axis `(i - 1) s - pTotal + d (k - 1) + outputPadding + 1`.
 *
 * @example convTranspose3d(ones([1, 1, 1]), ones([2, 2, 2])).shape // [2, 2, 2]
 */
export function convTranspose3d(x: Tensor, weight: Tensor, options: ConvTranspose3dOptions = {}): Tensor {
  const fn = "convTranspose3d";
  const { operands, algorithm } = parseConvTranspose3d(fn, x, weight, options);
  const shape = conv3dOutputShape(operands);
  checkNoAlias(fn, options.out, { x: operands.x, weight: operands.weight, bias: operands.bias });
  const data = outputData(fn, options.out, shape, operands.x.dtype);
  KERNELS[algorithm](operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, data);
  return options.out ?? new Tensor(data, shape);
}
