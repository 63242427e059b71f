/**
 * The article's first method, step by step: each input pixel times the kernel,
 * placed `stride` apart in the output, overlaps summed, padding cropped.
 */
import { Tensor } from "../tensor";
import { checkOptionNames } from "../args";
import { EXPLAIN_OPTION_NAMES, checkExplanationSize, planeTransposedConv, type ExplainOptions } from "./planeGeometry";

/** Where one entry of a product block lands. */
export interface ScatterCell {
  /** Kernel entry `[u, v]` this value came from. */
  kernel: [number, number];
  /** `input value x kernel[u][v]`. */
  value: number;
  /** Position in the full (uncropped) result: `[row·sh + u·dh, col·sw + v·dw]`. */
  full: [number, number];
  /** Position in the cropped output, or `null` when padding crops it away. */
  output: [number, number] | null;
}

/** One step: one input pixel's contribution. */
export interface ScatterStep {
  /** Input pixel `[row, col]` (row-major order over the steps). */
  position: [number, number];
  /** Its value. */
  value: number;
  /** The product block `value x kernel` (`[kh, kw]`). */
  product: Tensor;
  /** Top-left corner of the block in the full result: `[row·sh, col·sw]`. */
  fullOrigin: [number, number];
  /** Top-left corner in the cropped output: `fullOrigin - [padTop, padLeft]` (may be negative). */
  outputOrigin: [number, number];
  /** Every product entry and where it lands (the block is spread out when dilation > 1). */
  cells: ScatterCell[];
  /** The full (uncropped) sum after adding this block. */
  runningFull: Tensor;
  /** The cropped output after adding this block. */
  runningOutput: Tensor;
}

/** The whole scatter explanation. */
export interface ScatterExplanation {
  steps: ScatterStep[];
  /** Size of the full result, `(i - 1)·s + d·(k - 1) + 1` per axis. */
  fullShape: [number, number];
  /** The full (uncropped) result: the sum of all product blocks. */
  full: Tensor;
  /**
   * The output's rectangle in full-result coordinates: it starts at `[padTop, padLeft]`;
   * output padding can make it reach past the full result (those rows/columns are zeros).
   */
  outputWindow: { top: number; left: number; height: number; width: number };
  /** The final output (equals `convTranspose2d(x, kernel, options)`). */
  output: Tensor;
}

const MAX_STORED_ENTRIES = 4_000_000;

/**
 * Explains a single-plane transposed convolution the scatter way: for each input
 * pixel in row-major order, its value, its product block (value x kernel), where the
 * block lands in the full result and in the cropped output, and the running sums of
 * both after adding it. Options are `convTranspose2d`'s (`stride`, `padding`,
 * `outputPadding`, `dilation`); tensors are float64. A 1-D signal `[L]` with a 1-D kernel `[k]`
 * (options as `convTranspose1d`'s) is explained as one row: positions keep row 0, tensors are 1-D.
 *
 * @example scatterSteps(tensor([[0, 1], [2, 3]]), tensor([[0, 1], [2, 3]])).output // [[0, 0, 1], [0, 4, 6], [4, 12, 9]]
 */
export function scatterSteps(x: Tensor, kernel: Tensor, options?: ExplainOptions): ScatterExplanation {
  const fn = "scatterSteps";
  checkOptionNames(fn, options, EXPLAIN_OPTION_NAMES);
  const { x: xf, kernel: kf, g, fullH, fullW, oneD } = planeTransposedConv(fn, x, kernel, options, true);
  // a 1-D signal is explained as one row; its tensors go back 1-D
  const shaped = (data: Float64Array, h: number, w: number): Tensor => new Tensor(data, oneD ? [w] : [h, w]);
  const { outH, outW, kernelH: kh, kernelW: kw } = g;
  checkExplanationSize(fn, g.inH * g.inW * (fullH * fullW + outH * outW + kh * kw), MAX_STORED_ENTRIES, "stored numbers");
  const full = new Float64Array(fullH * fullW);
  const output = new Float64Array(outH * outW);
  const steps: ScatterStep[] = [];
  for (let r = 0; r < g.inH; r++) {
    for (let c = 0; c < g.inW; c++) {
      const value = xf.data[r * g.inW + c];
      const product = new Float64Array(kh * kw);
      const cells: ScatterCell[] = [];
      for (let u = 0; u < kh; u++) {
        for (let v = 0; v < kw; v++) {
          const p = value * kf.data[u * kw + v];
          product[u * kw + v] = p;
          const fr = r * g.strideH + u * g.dilationH;
          const fc = c * g.strideW + v * g.dilationW;
          full[fr * fullW + fc] += p;
          const or = fr - g.cropTop;
          const oc = fc - g.cropLeft;
          const inside = or >= 0 && or < outH && oc >= 0 && oc < outW;
          if (inside) output[or * outW + oc] += p;
          cells.push({ kernel: [u, v], value: p, full: [fr, fc], output: inside ? [or, oc] : null });
        }
      }
      steps.push({
        position: [r, c],
        value,
        product: shaped(product, kh, kw),
        fullOrigin: [r * g.strideH, c * g.strideW],
        outputOrigin: [r * g.strideH - g.cropTop, c * g.strideW - g.cropLeft],
        cells,
        runningFull: shaped(full.slice(), fullH, fullW),
        runningOutput: shaped(output.slice(), outH, outW),
      });
    }
  }
  return {
    steps,
    fullShape: [fullH, fullW],
    full: shaped(full, fullH, fullW),
    outputWindow: { top: g.cropTop, left: g.cropLeft, height: outH, width: outW },
    output: shaped(output, outH, outW),
  };
}
