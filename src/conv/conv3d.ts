/**
 * 3-D convolution (cross-correlation) with PyTorch conventions (`F.conv3d`): input
 * `[N, C, D, H, W]`, weight `(out, in/groups, kd, kh, kw)`.
 */
import { Tensor, type TensorData } from "../tensor";
import { checkNoAlias, checkOptionNames, outputData } from "../args";
import { CONV2D_WASM_MIN_MULTIPLY_ADDS, conv2dData, type Conv2dGeometry } from "./conv2d";
import { conv3dWasm } from "../wasm/conv3dSlicesWasm";
import { parseAxes, parseAxesPadding, type AxesLike } from "./axesArgs";
import { conv3dOutputShape, resolveConv3d, type Conv3dGeometry } from "./geometry3d";
import { addBias } from "./convTranspose3dKernels";
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
  const slicePairWork =
    g.batch * g.outChannels * (g.inChannels / g.groups) * g.outSize[1] * g.outSize[2] * g.kernel[1] * g.kernel[2];
  if (slicePairWork >= CONV2D_WASM_MIN_MULTIPLY_ADDS && conv3dWasm(x, weight, g, out)) {
    if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, g.outSize[0] * g.outSize[1] * g.outSize[2]);
    return;
  }
  conv3dData(x, weight, bias, g, out);
}

/**
 * Direct 3-D convolution into zero-filled `out`: output depth slice `oz` is the sum over kernel
 * depth taps `tz` of the 2-D convolution of input slice `oz * sd + tz * dd - padFront` (when it
 * is inside the input) with kernel slice `tz`, each on the 2-D loop reading the slices in place.
 */
export function conv3dData(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv3dGeometry,
  out: TensorData,
): void {
  const [D, H, W] = g.inSize;
  const [kd, kh, kw] = g.kernel;
  const [oD, oH, oW] = g.outSize;
  const volume = (s: readonly number[]): number => s[0] * s[1] * s[2];
  const slice: Conv2dGeometry = {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inH: H,
    inW: W,
    kernelH: kh,
    kernelW: kw,
    strideH: g.stride[1],
    strideW: g.stride[2],
    dilationH: g.dilation[1],
    dilationW: g.dilation[2],
    padTop: g.padBefore[1],
    padLeft: g.padBefore[2],
    outH: oH,
    outW: oW,
  };
  const layout: ConvLayout = {
    x: { image: g.inChannels * volume(g.inSize), channel: volume(g.inSize), row: W, column: 1 },
    weight: { inChannel: volume(g.kernel), outChannel: (g.inChannels / g.groups) * volume(g.kernel), row: kw, column: 1 },
    out: { image: g.outChannels * volume(g.outSize), channel: volume(g.outSize), row: oW, column: 1 },
  };
  for (let oz = 0; oz < oD; oz++) {
    const outSlice = out.subarray(oz * oH * oW);
    for (let tz = 0; tz < kd; tz++) {
      const iz = oz * g.stride[0] + tz * g.dilation[0] - g.padBefore[0];
      if (iz < 0 || iz >= D) continue;
      conv2dData(x.subarray(iz * H * W), weight.subarray(tz * kh * kw), undefined, slice, outSlice, layout);
    }
  }
  if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volume(g.outSize));
}
