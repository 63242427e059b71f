/**
 * Gradients of the 3-D transposed convolution (the formulas are in `convTransposeGradients.ts`):
 * the public entry point, which checks `gradOutput` against the forward call.
 */
import { Tensor } from "../tensor";
import { checkGradOutput, convTransposeGradients } from "./convTransposeGradients";
import { conv3dOutputShape } from "./geometry3d";
import { parseConvTranspose3d, type ConvTranspose3dOptions } from "./convTranspose3d";
import type { ConvTranspose2dGradients } from "./backward";

/** Options of `convTranspose3dBackward`: those of the forward call (without `out` and `algorithm`). */
export type ConvTranspose3dBackwardOptions = Omit<ConvTranspose3dOptions, "out" | "algorithm">;

const BACKWARD_OPTIONS = ["stride", "padding", "outputPadding", "dilation", "groups", "bias"] as const;

/**
 * Backward pass of `convTranspose3d(x, weight, options)`: given `gradOutput` (dL/dy, shaped like
 * the forward output) returns `{ gradInput, gradWeight, gradBias? }`. Pass the forward call's options.
 */
export function convTranspose3dBackward(
  x: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  options: ConvTranspose3dBackwardOptions = {},
): ConvTranspose2dGradients {
  const fn = "convTranspose3dBackward";
  const { operands } = parseConvTranspose3d(fn, x, weight, options, BACKWARD_OPTIONS);
  const gy = checkGradOutput(fn, gradOutput, conv3dOutputShape(operands), operands.x.dtype);
  const g = operands.geometry;
  const grads = convTransposeGradients(operands.x.data, operands.weight.data, gy.data, g, operands.bias !== undefined);
  const result: ConvTranspose2dGradients = {
    gradInput: new Tensor(grads.gradInput, x.shape),
    gradWeight: new Tensor(grads.gradWeight, weight.shape),
  };
  if (grads.gradBias !== undefined) result.gradBias = new Tensor(grads.gradBias, [g.outChannels]);
  return result;
}
