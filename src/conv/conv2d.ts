/**
 * 2-D convolution (cross-correlation, as every framework computes it), NCHW,
 * PyTorch weight layout `(out, in/groups, kh, kw)`.
 */
import { Tensor, type TensorData } from "../tensor";
import { checkOptionNames } from "../args";
import { conv2dWasm } from "../wasm/conv2dWasm";
import { checkBias, checkGroups, kernelAs4d, requireOneOutputChannel, tapRange, type ConvWindowGeometry } from "./geometry";
import { convAxisOutputSize } from "./convolutionMatrix";
import { conv2dNchwLayout, fillBias, type ConvLayout } from "./layout";
import {
  checkNoAlias,
  outputData,
  parsePadding4,
  parsePair,
  requireDtype,
  toBatched,
  type Padding4,
  type Pair,
  type PaddingLike,
  type PairLike,
} from "../args";

/** Options of `conv2d` (PyTorch `F.conv2d` semantics). */
export interface Conv2dOptions {
  /** Step of the sliding window, `s` or `[sh, sw]`; default 1. */
  stride?: PairLike;
  /** Zero padding, `p`, `[ph, pw]` or `[top, left, bottom, right]`; default 0. */
  padding?: PaddingLike;
  /** Spacing between kernel taps, `d` or `[dh, dw]`; default 1. */
  dilation?: PairLike;
  /** Channel groups; in and out channels must both be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output pixel of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const CONV2D_OPTIONS = ["stride", "padding", "dilation", "groups", "bias", "out"] as const;

/**
 * Multiply-adds from which `conv2d` runs float32 work on the WebAssembly SIMD kernel
 * (`conv2dWasm`, stride 1 only); below it, for float64 and for strides above 1 it runs the
 * TypeScript loop `conv2dData` (where the two tie, measured: src/wasm/DESIGN.md).
 */
export const CONV2D_WASM_MIN_MULTIPLY_ADDS = 200;

/** Multiply-adds of a convolution (padding taps included): N Cout (Cin/groups) outH outW kh kw. */
export function conv2dMultiplyAdds(g: Conv2dGeometry): number {
  return g.batch * g.outChannels * (g.inChannels / g.groups) * g.outH * g.outW * g.kernelH * g.kernelW;
}

/** All sizes of one `conv2d` call (C_out is the weight's first axis). */
export interface Conv2dGeometry extends ConvWindowGeometry {
  /** Zero padding at the top and left (bottom/right only shrink the output). */
  readonly padTop: number;
  readonly padLeft: number;
  /** Output height and width: `floor((i + pTotal - d (k - 1) - 1) / s) + 1`. */
  readonly outH: number;
  readonly outW: number;
}

/**
 * 2-D convolution of `x` (`[N, C, H, W]`, or `[H, W]` for one single-channel
 * image) with `weight` (`[out, in/groups, kh, kw]`, or `[kh, kw]`), as PyTorch
 * `F.conv2d`: output size `floor((i + pTotal - d (k - 1) - 1) / s) + 1`.
 *
 * @example conv2d(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), tensor([[1, 0], [0, 1]])) // [[6, 8], [12, 14]]
 */
export function conv2d(x: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  const fn = "conv2d";
  checkOptionNames(fn, options, CONV2D_OPTIONS);
  const stride = parsePair(fn, "stride", options.stride ?? 1, 1);
  const dilation = parsePair(fn, "dilation", options.dilation ?? 1, 1);
  const padding = parsePadding4(fn, "padding", options.padding ?? 0);
  const { tensor: x4, was2d } = toBatched(fn, "x", x);
  const w4 = kernelAs4d(fn, "weight", weight, "(out, in/groups, kh, kw)");
  const { geometry, bias } = resolveConv2d(fn, x4, w4, options.bias, options.groups ?? 1, stride, dilation, padding);
  if (was2d) requireOneOutputChannel(fn, "weight", w4, geometry.outChannels);
  const shape = was2d ? [geometry.outH, geometry.outW] : [geometry.batch, geometry.outChannels, geometry.outH, geometry.outW];
  checkNoAlias(fn, options.out, { x: x4, weight: w4, bias });
  // not zeroed here: the WebAssembly kernel writes every element; the TypeScript loop accumulates
  const data = outputData(fn, options.out, shape, x4.dtype, false);
  conv2dFastPath(x4.data, w4.data, bias?.data, geometry, data);
  return options.out ?? new Tensor(data, shape);
}

/**
 * `out` = convolution on the fastest path for these operands: the WebAssembly SIMD kernel for
 * float32 stride-1 work from `CONV2D_WASM_MIN_MULTIPLY_ADDS`, else the TypeScript loop (float64,
 * strides above 1, tiny work). `out` may hold anything: every element is written. Operands are
 * NCHW with PyTorch's weight layout unless `layout` says otherwise.
 */
export function conv2dFastPath(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv2dGeometry,
  out: TensorData,
  layout: ConvLayout = conv2dNchwLayout(g),
): void {
  if (conv2dMultiplyAdds(g) >= CONV2D_WASM_MIN_MULTIPLY_ADDS && conv2dWasm(x, weight, bias, g, out, layout)) return;
  out.fill(0);
  conv2dData(x, weight, bias, g, out, layout);
}

/** Validates conv2d operands (already 4-D) and resolves the geometry. */
export function resolveConv2d(
  fn: string,
  x: Tensor,
  weight: Tensor,
  biasArg: unknown,
  groupsArg: unknown,
  stride: Pair,
  dilation: Pair,
  padding: Padding4,
): { geometry: Conv2dGeometry; bias: Tensor | undefined } {
  requireDtype(fn, "weight", weight, x.dtype);
  const [batch, inChannels, inH, inW] = x.shape;
  if (inChannels < 1 || inH < 1 || inW < 1) {
    throw new RangeError(`${fn}: x must have at least one channel, row and column, got shape [${x.shape.join(", ")}]`);
  }
  const [outChannels, wIn, kernelH, kernelW] = weight.shape;
  if (outChannels < 1 || wIn < 1 || kernelH < 1 || kernelW < 1) {
    throw new RangeError(`${fn}: weight must not be empty, got shape [${weight.shape.join(", ")}]`);
  }
  const groups = checkGroups(fn, groupsArg, inChannels, "input channels");
  checkGroups(fn, groups, outChannels, "output channels");
  if (wIn * groups !== inChannels) {
    throw new RangeError(
      `${fn}: weight must have shape (out, in/groups=${inChannels / groups}, kh, kw) to match x's ${inChannels} channels, got [${weight.shape.join(", ")}]`,
    );
  }
  const bias = checkBias(fn, biasArg, outChannels, x.dtype);
  const outH = convAxisOutputSize(inH, kernelH, stride[0], dilation[0], padding[0], padding[2]);
  const outW = convAxisOutputSize(inW, kernelW, stride[1], dilation[1], padding[1], padding[3]);
  if (outH < 1 || outW < 1) {
    throw new RangeError(
      `${fn}: weight's kernel (dilated ${dilation[0] * (kernelH - 1) + 1}x${dilation[1] * (kernelW - 1) + 1}) ` +
        `must fit in the padded input (${inH + padding[0] + padding[2]}x${inW + padding[1] + padding[3]}), ` +
        `got kernel ${kernelH}x${kernelW}`,
    );
  }
  return {
    bias,
    geometry: {
      batch,
      inChannels,
      outChannels,
      groups,
      inH,
      inW,
      kernelH,
      kernelW,
      strideH: stride[0],
      strideW: stride[1],
      dilationH: dilation[0],
      dilationW: dilation[1],
      padTop: padding[0],
      padLeft: padding[1],
      outH,
      outW,
    },
  };
}

/**
 * Direct convolution into zero-filled `out`; operands are flat NCHW data with PyTorch's
 * weight layout unless `layout` says where their elements are (the Keras entry point passes
 * NHWC images and its (kh, kw, in, out) kernel). For each (output channel, input channel,
 * kernel tap) the output rows/columns whose window tap falls inside the input are computed
 * once, so the inner loop is a branch-free strided multiply-add.
 */
export function conv2dData(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv2dGeometry,
  out: TensorData,
  layout: ConvLayout = conv2dNchwLayout(g),
): void {
  const { inH, inW, outH, outW, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = g;
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const { x: xs, weight: ws, out: os } = layout;
  const xStep = sw * xs.column;
  // For tap ky, output row oy reads input row oy * sh + ky * dh - padTop; valid oy form [first, end).
  const oyFirst = new Int32Array(kh);
  const oyEnd = new Int32Array(kh);
  for (let ky = 0; ky < kh; ky++) [oyFirst[ky], oyEnd[ky]] = outputRange(inH, outH, sh, ky * dh - g.padTop);
  const oxFirst = new Int32Array(kw);
  const oxEnd = new Int32Array(kw);
  for (let kx = 0; kx < kw; kx++) [oxFirst[kx], oxEnd[kx]] = outputRange(inW, outW, sw, kx * dw - g.padLeft);
  for (let n = 0; n < g.batch; n++) {
    if (bias !== undefined) fillBias(out, bias, n, g.outChannels, outH, outW, os);
    for (let co = 0; co < g.outChannels; co++) {
      const outPlane = n * os.image + co * os.channel;
      const grp = Math.floor(co / coutG);
      for (let c = 0; c < cinG; c++) {
        const xPlane = n * xs.image + (grp * cinG + c) * xs.channel;
        const wBase = co * ws.outChannel + c * ws.inChannel;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            const wv = weight[wBase + ky * ws.row + kx * ws.column];
            const ox0 = oxFirst[kx];
            const ox1 = oxEnd[kx];
            for (let oy = oyFirst[ky]; oy < oyEnd[ky]; oy++) {
              const iy = oy * sh + ky * dh - g.padTop;
              let xi = xPlane + iy * xs.row + (ox0 * sw + kx * dw - g.padLeft) * xs.column;
              let o = outPlane + oy * os.row + ox0 * os.column;
              for (let ox = ox0; ox < ox1; ox++, xi += xStep, o += os.column) out[o] += wv * x[xi];
            }
          }
        }
      }
    }
  }
}

/** Output positions `o` in `[first, end)` with `0 <= o * s + offset < inSize`. */
function outputRange(inSize: number, outSize: number, s: number, offset: number): [number, number] {
  // Same inequality as a transposed tap, with the roles of input and output swapped.
  const [first, end] = tapRange(outSize, inSize, s, offset);
  return [first, end];
}
