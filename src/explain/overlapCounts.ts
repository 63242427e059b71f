/** How many (input pixel, kernel entry) terms reach each output pixel: the checkerboard map. */
import { Tensor, ones } from "../tensor";
import { checkOptionNames, parsePair, type PairLike } from "../args";
import { parseConvTranspose2d, runConvTranspose2d } from "../conv";
import type { ExplainOptions } from "./planeGeometry";

/** Parameters of {@link overlapCounts}: sizes plus `convTranspose2d`'s geometry options. */
export interface OverlapCountsParams extends ExplainOptions {
  /** Input size, `i` or `[h, w]`. */
  inputSize: PairLike;
  /** Kernel size, `k` or `[kh, kw]`. */
  kernelSize: PairLike;
}

const NAMES = ["inputSize", "kernelSize", "stride", "padding", "outputPadding", "dilation"] as const;
const GEOMETRY_NAMES = ["stride", "padding", "outputPadding", "dilation"] as const;

/**
 * The number of terms (input pixel x kernel entry) that are summed into each output
 * pixel of a transposed convolution, as a float64 `[outH, outW]` tensor: the transposed
 * convolution of an all-ones input with an all-ones kernel. When the kernel size is not
 * divisible by the stride the counts alternate (the checkerboard artifact); when it is,
 * the interior is uniform.
 *
 * @example overlapCounts({ inputSize: 3, kernelSize: 3, stride: 2, padding: 1 }) // rows alternate 1 2 1 2 1 / 2 4 2 4 2
 */
export function overlapCounts(params: OverlapCountsParams): Tensor {
  const fn = "overlapCounts";
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object like { inputSize, kernelSize, stride }, got ${String(params)}`);
  }
  checkOptionNames(fn, params, NAMES);
  const [h, w] = parsePair(fn, "inputSize", params.inputSize, 1);
  const [kh, kw] = parsePair(fn, "kernelSize", params.kernelSize, 1);
  const geometry: ExplainOptions = {};
  for (const name of GEOMETRY_NAMES) {
    if (params[name] !== undefined) Object.assign(geometry, { [name]: params[name] });
  }
  const x = ones([h, w], { dtype: "float64" });
  const kernel = ones([kh, kw], { dtype: "float64" });
  const { operands } = parseConvTranspose2d(fn, x, kernel, geometry, GEOMETRY_NAMES);
  return runConvTranspose2d(fn, operands, "scatter", undefined);
}
