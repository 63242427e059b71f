/**
 * 1-D convolution (cross-correlation, as every framework computes it) with PyTorch conventions
 * (`F.conv1d`): input `[N, C, L]`, weight `(out, in/groups, k)`. It runs as a 2-D convolution of
 * height 1, so it uses the same fast path (the WebAssembly kernel for float32 stride-1 work).
 */
import { Tensor } from "../tensor";
import { checkNoAlias, checkOptionNames, describe, outputData } from "../args";
import { conv2dFastPath, resolveConv2d } from "./conv2d";
import { checkGroups } from "./geometry";
import { checkOutShape, parseAxes, parseAxesPadding, toBatchedNd, type AxesLike } from "./axesArgs";

/** Options of `conv1d` (PyTorch `F.conv1d` semantics). */
export interface Conv1dOptions {
  /** Step of the sliding window; default 1. */
  stride?: AxesLike;
  /** Zero padding: `p` (both ends) or `[left, right]`; default 0. */
  padding?: number | readonly [number, number];
  /** Spacing between kernel taps; default 1. */
  dilation?: AxesLike;
  /** Channel groups; in and out channels must both be divisible by it. Default 1. */
  groups?: number;
  /** 1-D tensor of length `out`, added to every output position of its channel. */
  bias?: Tensor;
  /** Preallocated output of the right shape and dtype; filled and returned. */
  out?: Tensor;
}

const OPTION_NAMES = ["stride", "padding", "dilation", "groups", "bias", "out"] as const;

/**
 * 1-D convolution of `x` (`[N, C, L]`, or `[L]` for one single-channel signal) with `weight`
 * (`[out, in/groups, k]`, or `[k]`), as PyTorch `F.conv1d`: output length
 * `floor((L + pTotal - d (k - 1) - 1) / s) + 1`.
 *
 * @example conv1d(tensor([1, 2, 3, 4]), tensor([1, 1])) // [3, 5, 7]
 */
export function conv1d(x: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  const fn = "conv1d";
  checkOptionNames(fn, options, OPTION_NAMES);
  const stride = parseAxes(fn, "stride", options.stride ?? 1, 1, 1)[0];
  const dilation = parseAxes(fn, "dilation", options.dilation ?? 1, 1, 1)[0];
  const { before, after } = parseAxesPadding(fn, "padding", options.padding ?? 0, 1);
  const { tensor: x3, unbatched } = toBatchedNd(fn, "x", x, 1, "[N, C, L]");
  const { tensor: w3 } = toBatchedNd(fn, "weight", weight, 1, "(out, in/groups, k)");
  const [batch, channels, length] = x3.shape;
  const [wOut, wIn, k] = w3.shape;
  if (channels < 1 || length < 1) {
    throw new RangeError(`${fn}: x must have at least one channel and one position, got shape [${x3.shape.join(", ")}]`);
  }
  if (wOut < 1 || wIn < 1 || k < 1) throw new RangeError(`${fn}: weight must not be empty, got shape [${w3.shape.join(", ")}]`);
  const groups = checkGroups(fn, options.groups ?? 1, channels, "input channels");
  checkGroups(fn, groups, wOut, "output channels");
  if (wIn * groups !== channels) {
    throw new RangeError(
      `${fn}: weight must have shape (out, in/groups=${channels / groups}, k) to match x's ${channels} channels, got [${w3.shape.join(", ")}]`,
    );
  }
  const span = dilation * (k - 1) + 1;
  if (length + before[0] + after[0] < span) {
    throw new RangeError(
      `${fn}: weight's kernel (dilated ${span}) must fit in the padded input (${length + before[0] + after[0]}), got kernel ${k}` +
        ` with padding ${describe(options.padding ?? 0)}`,
    );
  }
  const x4 = x3.reshape([batch, channels, 1, length]);
  const w4 = w3.reshape([wOut, wIn, 1, k]);
  const { geometry, bias } = resolveConv2d(
    fn,
    x4,
    w4,
    options.bias,
    groups,
    [1, stride],
    [1, dilation],
    [0, before[0], 0, after[0]],
  );
  if (unbatched && geometry.outChannels !== 1) {
    throw new RangeError(
      `${fn}: weight must make 1 output channel when x is a 1-D [L] signal (pass x as 3-D for more), ` +
        `got shape [${w3.shape.join(", ")}] making ${geometry.outChannels}`,
    );
  }
  const shape = unbatched ? [geometry.outW] : [batch, geometry.outChannels, geometry.outW];
  const out = checkOutShape(fn, options.out, shape);
  checkNoAlias(fn, out, { x: x4, weight: w4, bias });
  const data = outputData(fn, out, shape, x4.dtype, false);
  conv2dFastPath(x4.data, w4.data, bias?.data, geometry, data);
  return out ?? new Tensor(data, shape);
}
