/**
 * Gradients of the transposed convolution, for learning a kernel by gradient
 * descent. With `y = convTranspose2d(x, w)` and a loss L, given `dL/dy`:
 * - `dL/dx = conv2d(dL/dy, w)` with the same stride, padding, dilation and
 *   groups (the transposed convolution's adjoint is the convolution);
 * - `dL/dw[ci, co, ky, kx] = sum over n, iy, ix of x[n, ci, iy, ix] * dL/dy[n, co, iy*s + ky*d - p, ix*s + kx*d - p]`;
 * - `dL/db[co] = sum of dL/dy over the batch and the plane of co`.
 */
import { Tensor } from "../tensor";
import { parseConvTranspose2d, type ConvTranspose2dOptions } from "./convTranspose2d";
import { convTransposeOutputShape } from "./geometry";
import { convTranspose2dAsVolume } from "./geometry3d";
import { checkGradOutput, convTransposeGradients } from "./convTransposeGradients";

/** Options of `convTranspose2dBackward`: those of the forward call (without `out` and `algorithm`). */
export type ConvTranspose2dBackwardOptions = Omit<ConvTranspose2dOptions, "out" | "algorithm">;

/** Gradients of a loss with respect to the inputs of `convTranspose2d`. */
export interface ConvTranspose2dGradients {
  /** dL/dx, shaped like `x`. */
  gradInput: Tensor;
  /** dL/dweight, shaped like `weight`. */
  gradWeight: Tensor;
  /** dL/dbias, shape `[C_out]`; present when `options.bias` was given. */
  gradBias?: Tensor;
}

const BACKWARD_OPTIONS = ["stride", "padding", "outputPadding", "dilation", "groups", "bias"] as const;

/**
 * Backward pass of `convTranspose2d(x, weight, options)`: given `gradOutput`
 * (dL/dy, shaped like the forward output) returns `{ gradInput, gradWeight,
 * gradBias? }`. Pass the same options as the forward call.
 *
 * @example const { gradWeight } = convTranspose2dBackward(x, w, y.clone(), { stride: 2 }) // dL/dw of L = sum(y^2)/2
 */
export function convTranspose2dBackward(
  x: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  options: ConvTranspose2dBackwardOptions = {},
): ConvTranspose2dGradients {
  const fn = "convTranspose2dBackward";
  const { operands } = parseConvTranspose2d(fn, x, weight, options, BACKWARD_OPTIONS);
  const gy = checkGradOutput(fn, gradOutput, convTransposeOutputShape(operands), operands.x.dtype);
  const g = operands.geometry;
  const grads = convTransposeGradients(
    operands.x.data,
    operands.weight.data,
    gy.data,
    convTranspose2dAsVolume(g),
    operands.bias !== undefined,
  );
  const result: ConvTranspose2dGradients = {
    gradInput: new Tensor(grads.gradInput, x.shape),
    gradWeight: new Tensor(grads.gradWeight, weight.shape),
  };
  if (grads.gradBias !== undefined) result.gradBias = new Tensor(grads.gradBias, [g.outChannels]);
  return result;
}
