/**
 * The article's four-step method, step by step, with the two things it leaves out made
 * explicit: the 180-degree kernel rotation and the output padding at the bottom/right.
 */
import { Tensor, formatNumber } from "../tensor";
import { checkOptionNames } from "../args";
import { insertZeros, pad2d, rotate180, zeroInsertionPadding } from "../conv";
import type { Padding4, Pair } from "../args";
import { EXPLAIN_OPTION_NAMES, checkExplanationSize, planeTransposedConv, type ExplainOptions } from "./planeGeometry";

/** One position of the sliding window in step 4. */
export interface SlidingWindow {
  /** The output pixel `[row, col]` this window computes. */
  position: [number, number];
  /** Top-left corner of the window in the padded input (stride 1: equal to `position`). */
  origin: [number, number];
  /** The padded-input values under the kernel taps (`[kh, kw]`; spread by the dilation). */
  patch: Tensor;
  /** `sum(patch x rotatedKernel)`: the output value. */
  dot: number;
  /** The dot product written out, e.g. `0·3 + 0·2 + 0·1 + 1·0 = 0`. */
  formula: string;
}

/** The whole four-step explanation. */
export interface ZeroInsertionExplanation {
  /** Step 1: zeros inserted between neighbouring pixels, `z = s - 1` per axis `[zh, zw]`. */
  z: Pair;
  /** Step 1: `p' = d·(k - 1) - p` per side `[top, left, bottom, right]` (negative: crop). */
  pPrime: Padding4;
  /** Step 1: the stride of the direct convolution, always 1. */
  sPrime: 1;
  /** Output padding `[ah, aw]`, added to `p'` at the bottom/right. */
  outputPadding: Pair;
  /** The padding actually applied in step 3: `p'` plus the output padding at the bottom/right. */
  padding: Padding4;
  /** Step 2: the input with `z` zeros between rows and columns, `(i - 1)·s + 1` per axis. */
  stretched: Tensor;
  /** Step 3: the stretched input padded by `padding`. */
  padded: Tensor;
  /** The kernel rotated by 180 degrees (the step the article omits). */
  rotatedKernel: Tensor;
  /** Step 4: each window of the stride-1 convolution, row-major. */
  windows: SlidingWindow[];
  /** The result (equals `convTranspose2d(x, kernel, options)`). */
  output: Tensor;
}

const MAX_STORED_ENTRIES = 4_000_000;

function term(a: number, b: number): string {
  const left = a < 0 ? `(${formatNumber(a)})` : formatNumber(a);
  const right = b < 0 ? `(${formatNumber(b)})` : formatNumber(b);
  return `${left}·${right}`;
}

/**
 * Explains a single-plane transposed convolution by the four-step method:
 * 1. `z = s - 1`, `p' = d·(k - 1) - p` (= `k - p - 1` without dilation), `s' = 1`;
 * 2. insert `z` zeros between input rows and columns (`stretched`);
 * 3. pad by `p'` on every side plus the output padding at the bottom/right (`padded`);
 * 4. slide the kernel rotated by 180 degrees over it with stride 1 (`windows`, each
 *    with its patch and dot product). Tensors are float64. A 1-D signal `[L]` with a 1-D
 *    kernel `[k]` (options as `convTranspose1d`'s) is explained as one row: positions keep
 *    row 0, tensors are 1-D.
 *
 * @example zeroInsertionSteps(tensor([[1, 2], [3, 4]]), ones([3, 3]), { stride: 2, padding: 1 }).padded.shape // [5, 5]
 */
export function zeroInsertionSteps(x: Tensor, kernel: Tensor, options?: ExplainOptions): ZeroInsertionExplanation {
  const fn = "zeroInsertionSteps";
  checkOptionNames(fn, options, EXPLAIN_OPTION_NAMES);
  const { x: xf, kernel: kf, g, oneD } = planeTransposedConv(fn, x, kernel, options, true);
  // a 1-D signal is explained as one row; its tensors go back 1-D
  const shaped = (t: Tensor): Tensor => (oneD ? t.reshape([t.shape[1]]) : t);
  const { outH, outW, kernelH: kh, kernelW: kw, dilationH: dh, dilationW: dw } = g;
  checkExplanationSize(fn, outH * outW * (kh * kw + 1), MAX_STORED_ENTRIES, "stored numbers");
  const stretched = insertZeros(xf, [g.strideH, g.strideW]);
  const padding = zeroInsertionPadding(g);
  const padded = pad2d(stretched, padding);
  const rotatedKernel = rotate180(kf);
  const pw = padded.shape[1];
  const output = new Float64Array(outH * outW);
  const windows: SlidingWindow[] = [];
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      const patch = new Float64Array(kh * kw);
      const terms: string[] = [];
      let dot = 0;
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) {
          const a = padded.data[(r + u * dh) * pw + (c + v * dw)];
          const b = rotatedKernel.data[u * kw + v];
          patch[u * kw + v] = a;
          dot += a * b;
          terms.push(term(a, b));
        }
      }
      output[r * outW + c] = dot;
      windows.push({
        position: [r, c],
        origin: [r, c],
        patch: shaped(new Tensor(patch, [kh, kw])),
        dot,
        formula: `${terms.join(" + ")} = ${formatNumber(dot)}`,
      });
    }
  }
  return {
    z: [g.strideH - 1, g.strideW - 1],
    pPrime: [padding[0], padding[1], padding[2] - g.outputPaddingH, padding[3] - g.outputPaddingW],
    sPrime: 1,
    outputPadding: [g.outputPaddingH, g.outputPaddingW],
    padding,
    stretched: shaped(stretched),
    padded: shaped(padded),
    rotatedKernel: shaped(rotatedKernel),
    windows,
    output: shaped(new Tensor(output, [outH, outW])),
  };
}
