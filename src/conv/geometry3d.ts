/**
 * The resolved geometry of a 3-D convolution, direct or transposed (NCDHW, PyTorch weight
 * layouts): every size as plain integers, one entry per spatial axis `[d, h, w]`, checked once.
 */
import { Tensor } from "../tensor";
import { checkGroups, checkBias, type ConvTranspose2dGeometry } from "./geometry";
import { requireDtype } from "../args";
import { toBatchedNd, type AxesPadding } from "./axesArgs";

/** The sizes a 3-D convolution and a 3-D transposed convolution share. */
export interface Conv3dWindowGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
  /** Input size `[D, H, W]`. */
  readonly inSize: readonly number[];
  /** Kernel size `[kd, kh, kw]`. */
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** Output size `[D, H, W]`. */
  readonly outSize: readonly number[];
}

/** A 3-D transposed convolution: `padding` crops the full result, `outputPadding` extends its far ends. */
export interface ConvTranspose3dGeometry extends Conv3dWindowGeometry {
  /** Cropped at the front, top and left. */
  readonly cropBefore: readonly number[];
  /** Cropped at the back, bottom and right. */
  readonly cropAfter: readonly number[];
  readonly outputPadding: readonly number[];
}

/** A 3-D convolution: zero padding before (front, top, left) and after each axis. */
export interface Conv3dGeometry extends Conv3dWindowGeometry {
  readonly padBefore: readonly number[];
  readonly padAfter: readonly number[];
}

/** Operands of a 3-D (transposed) convolution viewed as 5-D, with the caller's form remembered. */
export interface Conv3dOperands<G> {
  readonly x: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;
  readonly geometry: G;
  /** True when x was a single-channel `[D, H, W]` volume (the result is then 3-D too). */
  readonly unbatched: boolean;
}

/** The output shape as the caller sees it. */
export function conv3dOutputShape(op: Conv3dOperands<Conv3dWindowGeometry>): number[] {
  const g = op.geometry;
  return op.unbatched ? [...g.outSize] : [g.batch, g.outChannels, ...g.outSize];
}

function readOperands(
  fn: string,
  xArg: unknown,
  weightArg: unknown,
  weightLayout: string,
): { x: Tensor; weight: Tensor; unbatched: boolean } {
  const { tensor: x, unbatched } = toBatchedNd(fn, "x", xArg, 3, "[N, C, D, H, W]");
  const { tensor: weight } = toBatchedNd(fn, "weight", weightArg, 3, weightLayout);
  requireDtype(fn, "weight", weight, x.dtype);
  if (x.shape.slice(1).some((d) => d < 1)) {
    throw new RangeError(`${fn}: x must have at least one channel and one element per axis, got shape [${x.shape.join(", ")}]`);
  }
  if (weight.shape.some((d) => d < 1))
    throw new RangeError(`${fn}: weight must not be empty, got shape [${weight.shape.join(", ")}]`);
  return { x, weight, unbatched };
}

function checkOneOutputChannel(fn: string, unbatched: boolean, weight: Tensor, outChannels: number): void {
  if (unbatched && outChannels !== 1) {
    throw new RangeError(
      `${fn}: weight must make 1 output channel when x is a 3-D [D, H, W] volume (pass x as 5-D for more), ` +
        `got shape [${weight.shape.join(", ")}] making ${outChannels}`,
    );
  }
}

/**
 * Validates a 3-D transposed convolution's operands (weight `(in, out/groups, kd, kh, kw)`)
 * and resolves its geometry; `outputPadding`'s "< stride or < dilation" rule is the caller's.
 */
export function resolveConvTranspose3d(
  fn: string,
  xArg: unknown,
  weightArg: unknown,
  biasArg: unknown,
  groupsArg: unknown,
  stride: number[],
  dilation: number[],
  crop: AxesPadding,
  outputPadding: number[],
): Conv3dOperands<ConvTranspose3dGeometry> {
  const { x, weight, unbatched } = readOperands(fn, xArg, weightArg, "(in, out/groups, kd, kh, kw)");
  const [batch, inChannels, ...inSize] = x.shape;
  const [wIn, wOut, ...kernel] = weight.shape;
  if (wIn !== inChannels) {
    throw new RangeError(
      `${fn}: weight must have shape (in=${inChannels}, out/groups, kd, kh, kw) to match x's ${inChannels} channels, ` +
        `got [${weight.shape.join(", ")}]`,
    );
  }
  const groups = checkGroups(fn, groupsArg, inChannels, "input channels");
  const outChannels = wOut * groups;
  checkOneOutputChannel(fn, unbatched, weight, outChannels);
  const bias = checkBias(fn, biasArg, outChannels, x.dtype);
  const full = inSize.map((i, a) => (i - 1) * stride[a] + dilation[a] * (kernel[a] - 1) + 1);
  const outSize = full.map((f, a) => f - crop.before[a] - crop.after[a] + outputPadding[a]);
  if (outSize.some((o) => o < 1)) {
    throw new RangeError(
      `${fn}: padding must leave a non-empty output (the full result is ${full.join("x")}), ` +
        `got [${[...crop.before, ...crop.after].join(", ")}] giving ${outSize.join("x")}`,
    );
  }
  return {
    x,
    weight,
    bias,
    unbatched,
    geometry: {
      batch,
      inChannels,
      outChannels,
      groups,
      inSize,
      kernel,
      stride,
      dilation,
      outSize,
      cropBefore: crop.before,
      cropAfter: crop.after,
      outputPadding,
    },
  };
}

/** Validates a 3-D convolution's operands (weight `(out, in/groups, kd, kh, kw)`) and resolves its geometry. */
export function resolveConv3d(
  fn: string,
  xArg: unknown,
  weightArg: unknown,
  biasArg: unknown,
  groupsArg: unknown,
  stride: number[],
  dilation: number[],
  padding: AxesPadding,
): Conv3dOperands<Conv3dGeometry> {
  const { x, weight, unbatched } = readOperands(fn, xArg, weightArg, "(out, in/groups, kd, kh, kw)");
  const [batch, inChannels, ...inSize] = x.shape;
  const [outChannels, wIn, ...kernel] = weight.shape;
  const groups = checkGroups(fn, groupsArg, inChannels, "input channels");
  checkGroups(fn, groups, outChannels, "output channels");
  if (wIn * groups !== inChannels) {
    throw new RangeError(
      `${fn}: weight must have shape (out, in/groups=${inChannels / groups}, kd, kh, kw) to match x's ${inChannels} channels, ` +
        `got [${weight.shape.join(", ")}]`,
    );
  }
  checkOneOutputChannel(fn, unbatched, weight, outChannels);
  const bias = checkBias(fn, biasArg, outChannels, x.dtype);
  const padded = inSize.map((i, a) => i + padding.before[a] + padding.after[a]);
  const span = kernel.map((k, a) => dilation[a] * (k - 1) + 1);
  if (padded.some((p, a) => p < span[a])) {
    throw new RangeError(
      `${fn}: weight's kernel (dilated ${span.join("x")}) must fit in the padded input (${padded.join("x")}), ` +
        `got kernel ${kernel.join("x")}`,
    );
  }
  const outSize = padded.map((p, a) => Math.floor((p - span[a]) / stride[a]) + 1);
  return {
    x,
    weight,
    bias,
    unbatched,
    geometry: {
      batch,
      inChannels,
      outChannels,
      groups,
      inSize,
      kernel,
      stride,
      dilation,
      outSize,
      padBefore: padding.before,
      padAfter: padding.after,
    },
  };
}

/** A 2-D transposed convolution's geometry as a 3-D one of depth 1 (size, kernel, stride and dilation 1 in depth, nothing cropped). */
export function convTranspose2dAsVolume(g: ConvTranspose2dGeometry): ConvTranspose3dGeometry {
  return {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inSize: [1, g.inH, g.inW],
    kernel: [1, g.kernelH, g.kernelW],
    stride: [1, g.strideH, g.strideW],
    dilation: [1, g.dilationH, g.dilationW],
    outSize: [1, g.outH, g.outW],
    cropBefore: [0, g.cropTop, g.cropLeft],
    cropAfter: [0, g.cropBottom, g.cropRight],
    outputPadding: [0, g.outputPaddingH, g.outputPaddingW],
  };
}
