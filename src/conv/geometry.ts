/**
 * The resolved geometry of a 2-D transposed convolution: every size and
 * parameter as plain integers, checked once, so the four algorithms (and a
 * WebAssembly kernel) can run on flat typed arrays without re-validating.
 */
import { Tensor, type TensorData } from "../tensor";
import { describe } from "../args";
import { requireDtype, requireTensor, toBatched, type Padding4, type Pair } from "../args";

/**
 * The sizes every 2-D convolution shares, direct or transposed (NCHW): batch,
 * channels and groups, input and kernel size, stride and dilation per axis.
 */
export interface ConvWindowGeometry {
  /** N: images in the batch. */
  readonly batch: number;
  /** C_in: input channels. */
  readonly inChannels: number;
  /** C_out: output channels. */
  readonly outChannels: number;
  /** Channel groups; each group of C_in/groups inputs makes C_out/groups outputs. */
  readonly groups: number;
  /** Input height and width. */
  readonly inH: number;
  readonly inW: number;
  /** Kernel height and width. */
  readonly kernelH: number;
  readonly kernelW: number;
  /** Stride per axis. */
  readonly strideH: number;
  readonly strideW: number;
  /** Dilation per axis. */
  readonly dilationH: number;
  readonly dilationW: number;
}

/**
 * All sizes of one `convTranspose2d` call (NCHW, PyTorch weight layout):
 * C_in is the weight's first axis, C_out is groups x the weight's second axis.
 */
export interface ConvTranspose2dGeometry extends ConvWindowGeometry {
  /** Rows cropped from the top of the full result (PyTorch `padding`). */
  readonly cropTop: number;
  readonly cropLeft: number;
  readonly cropBottom: number;
  readonly cropRight: number;
  /** Extra rows kept at the bottom (PyTorch `output_padding`). */
  readonly outputPaddingH: number;
  readonly outputPaddingW: number;
  /** Output size: `(i - 1) s + d (k - 1) + 1 - cropBefore - cropAfter + outputPadding`. */
  readonly outH: number;
  readonly outW: number;
}

/** A transposed-convolution algorithm over flat NCHW data; `out` arrives zero-filled. */
export type ConvTranspose2dKernel = (
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
) => void;

/** Operands of a transposed convolution, viewed as 4-D, with the caller's layout remembered. */
export interface ConvTranspose2dOperands {
  readonly x: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | undefined;
  readonly geometry: ConvTranspose2dGeometry;
  /** True when the input was 2-D `[H, W]` (the result is then 2-D too). */
  readonly was2d: boolean;
}

/** Views a 2-D `[kh, kw]` kernel as `[1, 1, kh, kw]`; requires 4-D otherwise. */
export function kernelAs4d(fn: string, name: string, value: unknown, layout: string): Tensor {
  const t = requireTensor(fn, name, value);
  if (t.rank === 4) return t;
  if (t.rank === 2) return t.reshape([1, 1, t.shape[0], t.shape[1]]);
  throw new RangeError(`${fn}: ${name} must be a 2-D [kh, kw] or 4-D ${layout} tensor, got shape [${t.shape.join(", ")}]`);
}

/**
 * A 2-D `[H, W]` input comes back 2-D, so it allows one output channel only;
 * throws otherwise, pointing to the 4-D form.
 */
export function requireOneOutputChannel(fn: string, name: string, weight: Tensor, outChannels: number): void {
  if (outChannels !== 1) {
    throw new RangeError(
      `${fn}: ${name} must make 1 output channel when x is a 2-D [H, W] image (pass x as 4-D for more), ` +
        `got shape [${weight.shape.join(", ")}] making ${outChannels}`,
    );
  }
}

/** Checks a bias: 1-D, `length` entries, the input's dtype. */
export function checkBias(fn: string, bias: unknown, length: number, dtype: Tensor["dtype"]): Tensor | undefined {
  if (bias === undefined) return undefined;
  const b = requireTensor(fn, "bias", bias);
  if (b.rank !== 1 || b.shape[0] !== length) {
    throw new RangeError(
      `${fn}: bias must be a 1-D tensor of length ${length} (the output channels), got shape [${b.shape.join(", ")}]`,
    );
  }
  requireDtype(fn, "bias", b, dtype);
  return b;
}

/** Checks that `groups` is a positive integer dividing `channels` (named `what`). */
export function checkGroups(fn: string, groups: unknown, channels: number, what: string): number {
  if (typeof groups !== "number" || !Number.isInteger(groups) || groups < 1) {
    throw new RangeError(`${fn}: groups must be an integer >= 1, got ${describe(groups)}`);
  }
  if (channels % groups !== 0) {
    throw new RangeError(`${fn}: groups must divide the ${what} (${channels}), got ${groups}`);
  }
  return groups;
}

/**
 * Validates the operands of a transposed convolution and resolves its
 * geometry. `crop` is `[top, left, bottom, right]` (>= 0), `outputPadding`
 * per axis (>= 0; the "< stride or < dilation" rule is the caller's).
 */
export function resolveConvTranspose2d(
  fn: string,
  xArg: unknown,
  weightArg: unknown,
  biasArg: unknown,
  groupsArg: unknown,
  stride: Pair,
  dilation: Pair,
  crop: Padding4,
  outputPadding: Pair,
): ConvTranspose2dOperands {
  const { tensor: x, was2d } = toBatched(fn, "x", xArg);
  const weight = kernelAs4d(fn, "weight", weightArg, "(in, out/groups, kh, kw)");
  requireDtype(fn, "weight", weight, x.dtype);
  const [batch, inChannels, inH, inW] = x.shape;
  if (inChannels < 1 || inH < 1 || inW < 1) {
    throw new RangeError(`${fn}: x must have at least one channel, row and column, got shape [${x.shape.join(", ")}]`);
  }
  const [wIn, wOut, kernelH, kernelW] = weight.shape;
  if (wIn !== inChannels) {
    throw new RangeError(
      `${fn}: weight must have shape (in=${inChannels}, out/groups, kh, kw) to match x's ${inChannels} channels, got [${weight.shape.join(", ")}]`,
    );
  }
  if (wOut < 1 || kernelH < 1 || kernelW < 1) {
    throw new RangeError(`${fn}: weight must not be empty, got shape [${weight.shape.join(", ")}]`);
  }
  const groups = checkGroups(fn, groupsArg, inChannels, "input channels");
  const outChannels = wOut * groups;
  if (was2d) requireOneOutputChannel(fn, "weight", weight, outChannels);
  const bias = checkBias(fn, biasArg, outChannels, x.dtype);
  const fullH = (inH - 1) * stride[0] + dilation[0] * (kernelH - 1) + 1;
  const fullW = (inW - 1) * stride[1] + dilation[1] * (kernelW - 1) + 1;
  const outH = fullH - crop[0] - crop[2] + outputPadding[0];
  const outW = fullW - crop[1] - crop[3] + outputPadding[1];
  if (outH < 1 || outW < 1) {
    throw new RangeError(
      `${fn}: padding must leave a non-empty output (the full result is ${fullH}x${fullW}), ` +
        `got [${crop.join(", ")}] giving ${outH}x${outW}`,
    );
  }
  return {
    x,
    weight,
    bias,
    was2d,
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
      cropTop: crop[0],
      cropLeft: crop[1],
      cropBottom: crop[2],
      cropRight: crop[3],
      outputPaddingH: outputPadding[0],
      outputPaddingW: outputPadding[1],
      outH,
      outW,
    },
  };
}

/** The output shape as the caller sees it (2-D when the input was 2-D). */
export function convTransposeOutputShape(op: ConvTranspose2dOperands): number[] {
  const g = op.geometry;
  return op.was2d ? [g.outH, g.outW] : [g.batch, g.outChannels, g.outH, g.outW];
}

/**
 * The input positions `[first, end)` along one axis whose products land inside
 * the output for kernel tap offset `offset = k * d - cropBefore`:
 * those `i` with `0 <= i * s + offset < outSize`.
 */
export function tapRange(inSize: number, outSize: number, s: number, offset: number): [number, number] {
  const first = offset >= 0 ? 0 : Math.ceil(-offset / s);
  const lastPos = outSize - 1 - offset;
  const end = lastPos < 0 ? 0 : Math.min(inSize, Math.floor(lastPos / s) + 1);
  return [first, Math.max(first, end)];
}
