/**
 * 1-D transposed convolution with PyTorch conventions (`F.conv_transpose1d`): input
 * `[N, C_in, L]`, weight `(in, out/groups, k)`. It runs as a 2-D transposed convolution of
 * height 1 (`[N, C, 1, L]`), so every 2-D algorithm, the WebAssembly kernel included, serves it.
 */
import { Tensor } from "../tensor";
import { checkAllocatable, checkOptionNames, describe } from "../args";
import { CONV_TRANSPOSE_ALGORITHMS, runConvTranspose2d, type ConvTranspose2dAlgorithm } from "./convTranspose2d";
import { convTranspose2dBackward, type ConvTranspose2dGradients } from "./backward";
import { checkGradOutput } from "./convTransposeGradients";
import { checkGroups, resolveConvTranspose2d, type ConvTranspose2dOperands } from "./geometry";
import { checkAxesOutputPadding, checkOutShape, parseAxes, parseAxesPadding, toBatchedNd, type AxesLike } from "./axesArgs";

/** Options of `convTranspose1d` (PyTorch `F.conv_transpose1d` semantics). */
export interface ConvTranspose1dOptions {
  /** How far each input step moves its product in the output; default 1. */
  stride?: AxesLike;
  /** Positions cropped from the full result: `p` (both ends) or `[left, right]`; default 0. */
  padding?: number | readonly [number, number];
  /** Extra positions kept at the right end; must be < stride or < dilation. Default 0. */
  outputPadding?: AxesLike;
  /** Spacing between kernel taps; default 1. */
  dilation?: AxesLike;
  /** Channel groups; input channels must be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output position of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
  /** `'scatter'`, `'zero-insertion'`, `'matrix'` or `'fast'` (default), as in `convTranspose2d`. */
  algorithm?: ConvTranspose2dAlgorithm;
}

const OPTION_NAMES = ["stride", "padding", "outputPadding", "dilation", "groups", "bias", "out", "algorithm"] as const;
const BACKWARD_OPTIONS = ["stride", "padding", "outputPadding", "dilation", "groups", "bias"] as const;

/** A validated 1-D call: its 2-D (height 1) operands and the shape the caller gets back. */
interface ConvTranspose1dCall {
  readonly operands: ConvTranspose2dOperands;
  readonly algorithm: ConvTranspose2dAlgorithm;
  /** `[N, C_out, L_out]`, or `[L_out]` for an unbatched signal. */
  readonly shape: number[];
}

function parseConvTranspose1d(
  fn: string,
  x: unknown,
  weight: unknown,
  options: ConvTranspose1dOptions,
  names: readonly string[],
): ConvTranspose1dCall {
  checkOptionNames(fn, options, names);
  const stride = parseAxes(fn, "stride", options.stride ?? 1, 1, 1)[0];
  const dilation = parseAxes(fn, "dilation", options.dilation ?? 1, 1, 1)[0];
  const outputPadding = parseAxes(fn, "outputPadding", options.outputPadding ?? 0, 1, 0)[0];
  const { before, after } = parseAxesPadding(fn, "padding", options.padding ?? 0, 1);
  checkAxesOutputPadding(fn, options.outputPadding, [outputPadding], [stride], [dilation]);
  const algorithm = options.algorithm ?? "fast";
  if (!CONV_TRANSPOSE_ALGORITHMS.includes(algorithm)) {
    throw new RangeError(
      `${fn}: algorithm must be one of ${CONV_TRANSPOSE_ALGORITHMS.map((a) => `'${a}'`).join(", ")}, got ${describe(algorithm)}`,
    );
  }
  const { tensor: x3, unbatched } = toBatchedNd(fn, "x", x, 1, "[N, C, L]");
  const { tensor: w3 } = toBatchedNd(fn, "weight", weight, 1, "(in, out/groups, k)");
  const [batch, channels, length] = x3.shape;
  if (channels < 1 || length < 1) {
    throw new RangeError(`${fn}: x must have at least one channel and one position, got shape [${x3.shape.join(", ")}]`);
  }
  const [wIn, wOut, k] = w3.shape;
  if (wIn !== channels) {
    throw new RangeError(
      `${fn}: weight must have shape (in=${channels}, out/groups, k) to match x's ${channels} channels, got [${w3.shape.join(", ")}]`,
    );
  }
  if (wOut < 1 || k < 1) throw new RangeError(`${fn}: weight must not be empty, got shape [${w3.shape.join(", ")}]`);
  const full = (length - 1) * stride + dilation * (k - 1) + 1;
  const outLength = full - before[0] - after[0] + outputPadding;
  if (outLength < 1) {
    throw new RangeError(
      `${fn}: padding must leave a non-empty output (the full result has length ${full}), ` +
        `got ${describe(options.padding)} giving ${outLength}`,
    );
  }
  const groups = checkGroups(fn, options.groups ?? 1, channels, "input channels");
  checkAllocatable(fn, unbatched ? [outLength] : [batch, wOut * groups, outLength], x3.dtype);
  // the teaching algorithms' intermediates: the full result (scatter, zero insertion) and C^T (matrix)
  if (algorithm === "scatter" || algorithm === "zero-insertion") checkAllocatable(fn, [full + 2 * dilation * (k - 1)], "float64");
  if (algorithm === "matrix") checkAllocatable(fn, [outLength, length], x3.dtype);
  const x4 = x3.reshape([batch, channels, 1, length]);
  const w4 = w3.reshape([wIn, wOut, 1, k]);
  const operands = resolveConvTranspose2d(
    fn,
    x4,
    w4,
    options.bias,
    groups,
    [1, stride],
    [1, dilation],
    [0, before[0], 0, after[0]],
    [0, outputPadding],
  );
  const outChannels = operands.geometry.outChannels;
  if (unbatched && outChannels !== 1) {
    throw new RangeError(
      `${fn}: weight must make 1 output channel when x is a 1-D [L] signal (pass x as 3-D for more), ` +
        `got shape [${w3.shape.join(", ")}] making ${outChannels}`,
    );
  }
  const shape = unbatched ? [outLength] : [batch, outChannels, outLength];
  return { operands: { ...operands, was2d: false }, algorithm, shape };
}

/**
 * 1-D transposed convolution of `x` (`[N, C_in, L]`, or `[L]` for one single-channel signal)
 * with `weight` (`[C_in, C_out/groups, k]`, or `[k]`), as PyTorch `F.conv_transpose1d`:
 * each input value times the kernel is placed `stride` apart and overlaps are summed;
 * output length `(L - 1) s - pTotal + d (k - 1) + outputPadding + 1`.
 *
 * @example convTranspose1d(tensor([1, 2]), tensor([1, 1, 1]), { stride: 2 }) // [1, 1, 3, 2, 2]
 */
export function convTranspose1d(x: Tensor, weight: Tensor, options: ConvTranspose1dOptions = {}): Tensor {
  const fn = "convTranspose1d";
  const { operands, algorithm, shape } = parseConvTranspose1d(fn, x, weight, options, OPTION_NAMES);
  const g = operands.geometry;
  const out = checkOutShape(fn, options.out, shape);
  const result = runConvTranspose2d(fn, operands, algorithm, out?.reshape([g.batch, g.outChannels, 1, g.outW]));
  return out ?? result.reshape(shape);
}

/** Options of `convTranspose1dBackward`: those of the forward call (without `out` and `algorithm`). */
export type ConvTranspose1dBackwardOptions = Omit<ConvTranspose1dOptions, "out" | "algorithm">;

/**
 * Backward pass of `convTranspose1d(x, weight, options)`: given `gradOutput` (dL/dy, shaped like
 * the forward output) returns `{ gradInput, gradWeight, gradBias? }` shaped like `x`, `weight`
 * and the bias. Pass the same options as the forward call.
 */
export function convTranspose1dBackward(
  x: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  options: ConvTranspose1dBackwardOptions = {},
): ConvTranspose2dGradients {
  const fn = "convTranspose1dBackward";
  const { operands, shape } = parseConvTranspose1d(fn, x, weight, options, BACKWARD_OPTIONS);
  const gy = checkGradOutput(fn, gradOutput, shape, operands.x.dtype);
  const g = operands.geometry;
  const grads = convTranspose2dBackward(operands.x, operands.weight, gy.reshape([g.batch, g.outChannels, 1, g.outW]), {
    stride: [g.strideH, g.strideW],
    dilation: [g.dilationH, g.dilationW],
    padding: [g.cropTop, g.cropLeft, g.cropBottom, g.cropRight],
    outputPadding: [g.outputPaddingH, g.outputPaddingW],
    groups: g.groups,
    bias: operands.bias,
  });
  const result: ConvTranspose2dGradients = {
    gradInput: grads.gradInput.reshape(x.shape),
    gradWeight: grads.gradWeight.reshape(weight.shape),
  };
  if (grads.gradBias !== undefined) result.gradBias = grads.gradBias;
  return result;
}
