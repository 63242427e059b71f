/**
 * 3-D convolution (cross-correlation) with PyTorch conventions (`F.conv3d`): input
 * `[N, C, D, H, W]`, weight `(out, in/groups, kd, kh, kw)`.
 */
import { Tensor, type TensorData } from "../tensor";
import { checkNoAlias, checkOptionNames, outputData } from "../args";
import { CONV2D_WASM_MIN_MULTIPLY_ADDS, conv2dData, conv2dMultiplyAdds } from "./conv2d";
import { conv3dWasm } from "../wasm/conv3dSlicesWasm";
import { parseAxes, parseAxesPadding, type AxesLike } from "./axesArgs";
import { conv3dOutputShape, resolveConv3d, type Conv3dGeometry } from "./geometry3d";
import {
  addBias,
  conv3dDepthSlices,
  conv3dSliceGeometry,
  conv3dWeightSliceStrides,
  volumeOf,
  volumeSliceStrides,
} from "./depthSlices";
import type { Padding3dLike } from "./convTranspose3d";
import type { ConvLayout } from "./layout";

/** Options of `conv3d` (PyTorch `F.conv3d` semantics). */
export interface Conv3dOptions {
  /** `s` or `[sd, sh, sw]`; default 1. */
  stride?: AxesLike;
  /** Zero padding: `p`, `[pd, ph, pw]` or `[front, top, left, back, bottom, right]`; default 0. */
  padding?: Padding3dLike;
  /** `d` or `[dd, dh, dw]`; default 1. */
  dilation?: AxesLike;
  /** Channel groups; in and out channels must both be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output element of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["stride", "padding", "dilation", "groups", "bias", "out"] as const;

/**
 * 3-D convolution of `x` (`[N, C, D, H, W]`, or `[D, H, W]` for one single-channel volume)
 * with `weight` (`[out, in/groups, kd, kh, kw]`, or `[kd, kh, kw]`), as PyTorch `F.conv3d`:
 * output size per axis `floor((i + pTotal - d (k - 1) - 1) / s) + 1`.
 *
 * @example conv3d(ones([2, 2, 2]), ones([2, 2, 2])) // [[[8]]]
 */
export function conv3d(x: Tensor, weight: Tensor, options: Conv3dOptions = {}): Tensor {
  const fn = "conv3d";
  checkOptionNames(fn, options, OPTION_NAMES);
  const stride = parseAxes(fn, "stride", options.stride ?? 1, 3, 1);
  const dilation = parseAxes(fn, "dilation", options.dilation ?? 1, 3, 1);
  const padding = parseAxesPadding(fn, "padding", options.padding ?? 0, 3);
  const operands = resolveConv3d(fn, x, weight, options.bias, options.groups ?? 1, stride, dilation, padding);
  const shape = conv3dOutputShape(operands);
  checkNoAlias(fn, options.out, { x: operands.x, weight: operands.weight, bias: operands.bias });
  const data = outputData(fn, options.out, shape, operands.x.dtype);
  conv3dFastPath(operands.x.data, operands.weight.data, operands.bias?.data, operands.geometry, data);
  return options.out ?? new Tensor(data, shape);
}

/**
 * `conv3d` into zero-filled `out` on the fastest path: the depth slices on the WebAssembly SIMD
 * kernel for float32 work with stride 1 in height and width (from `CONV2D_WASM_MIN_MULTIPLY_ADDS`
 * per slice pair), else `conv3dData`.
 */
export function conv3dFastPath(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv3dGeometry,
  out: TensorData,
): void {
  const slicePairWork = conv2dMultiplyAdds(conv3dSliceGeometry(g));
  if (slicePairWork >= CONV2D_WASM_MIN_MULTIPLY_ADDS && conv3dWasm(x, weight, g, out)) {
    if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volumeOf(g.outSize));
    return;
  }
  conv3dData(x, weight, bias, g, out);
}

/**
 * Direct 3-D convolution into zero-filled `out`: each depth slice triple of `conv3dDepthSlices`
 * runs the 2-D loop, reading the input and kernel slices in place and accumulating into the
 * output slice; the bias is added once at the end.
 */
export function conv3dData(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv3dGeometry,
  out: TensorData,
): void {
  const slice = conv3dSliceGeometry(g);
  const layout: ConvLayout = {
    x: volumeSliceStrides(g.inChannels, g.inSize),
    weight: conv3dWeightSliceStrides(g, g.kernel[0]),
    out: volumeSliceStrides(g.outChannels, g.outSize),
  };
  const [, H, W] = g.inSize;
  const [, kh, kw] = g.kernel;
  const [, oH, oW] = g.outSize;
  for (const { inZ, kernelZ, outZ } of conv3dDepthSlices(g)) {
    conv2dData(
      x.subarray(inZ * H * W),
      weight.subarray(kernelZ * kh * kw),
      undefined,
      slice,
      out.subarray(outZ * oH * oW),
      layout,
    );
  }
  if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volumeOf(g.outSize));
}
