/** How many (input pixel, kernel entry) terms reach each output pixel: the checkerboard map. */
import { Tensor, ones } from "../tensor";
import { checkOptionNames, describe, parseInteger, parsePair, type PairLike } from "../args";
import { runConvTranspose2d } from "../conv";
import { planeOperands, type ExplainOptions } from "./planeGeometry";

/** Parameters of {@link overlapCounts}: sizes plus `convTranspose2d`'s geometry options. */
export interface OverlapCountsParams extends ExplainOptions {
  /** Input size, `i` or `[h, w]`; `[l]` (one entry) for a 1-D signal. */
  inputSize: PairLike | readonly [number];
  /** Kernel size, `k` or `[kh, kw]` (`k` or `[k]` in 1-D). */
  kernelSize: PairLike | readonly [number];
}

const NAMES = ["inputSize", "kernelSize", "stride", "padding", "outputPadding", "dilation"] as const;
const GEOMETRY_NAMES = ["stride", "padding", "outputPadding", "dilation"] as const;

/**
 * The number of terms (input pixel x kernel entry) that are summed into each output
 * pixel of a transposed convolution, as a float64 `[outH, outW]` tensor: the transposed
 * convolution of an all-ones input with an all-ones kernel. When the kernel size is not
 * divisible by the stride the counts alternate (the checkerboard artifact); when it is,
 * the interior is uniform. A one-entry `inputSize: [l]` gives the 1-D counts `[o]` (options
 * then as `convTranspose1d`'s: padding `p` or `[left, right]`).
 *
 * @example overlapCounts({ inputSize: 3, kernelSize: 3, stride: 2, padding: 1 }) // rows alternate 1 2 1 2 1 / 2 4 2 4 2
 * @example overlapCounts({ inputSize: [4], kernelSize: 3, stride: 2 }) // [1, 1, 2, 1, 2, 1, 2, 1, 1]
 */
export function overlapCounts(params: OverlapCountsParams): Tensor {
  const fn = "overlapCounts";
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { inputSize, kernelSize, stride }, got ${String(params)}`);
  }
  checkOptionNames(fn, params, NAMES);
  const geometry: ExplainOptions = {};
  for (const name of GEOMETRY_NAMES) {
    if (params[name] !== undefined) Object.assign(geometry, { [name]: params[name] });
  }
  if (Array.isArray(params.inputSize) && params.inputSize.length === 1) {
    const l = parseInteger(fn, "inputSize", params.inputSize[0], 1);
    const kernelSize =
      Array.isArray(params.kernelSize) && params.kernelSize.length === 1 ? params.kernelSize[0] : params.kernelSize;
    if (typeof kernelSize !== "number") {
      throw new TypeError(
        `${fn}: kernelSize must be an integer >= 1 or [k] when inputSize is [l] (1-D), got ${describe(params.kernelSize)}`,
      );
    }
    const k = parseInteger(fn, "kernelSize", kernelSize, 1);
    const { operands } = planeOperands(fn, ones([l], { dtype: "float64" }), ones([k], { dtype: "float64" }), geometry, true);
    return runConvTranspose2d(fn, operands, "scatter", undefined).reshape([operands.geometry.outW]);
  }
  const [h, w] = parsePair(fn, "inputSize", params.inputSize, 1);
  const [kh, kw] = parsePair(fn, "kernelSize", params.kernelSize, 1);
  const x = ones([h, w], { dtype: "float64" });
  const kernel = ones([kh, kw], { dtype: "float64" });
  const { operands } = planeOperands(fn, x, kernel, geometry, false);
  return runConvTranspose2d(fn, operands, "scatter", undefined);
}
