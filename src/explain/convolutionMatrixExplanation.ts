/**
 * The convolution matrix C and its transpose, labelled: which output pixel each row
 * of C computes and which input pixel each column multiplies. `C^T` maps the other
 * way, which is why the transposed convolution has its name.
 */
import { Tensor, permute } from "../tensor";
import { checkOptionNames, parsePadding4, parsePair } from "../args";
import { convAxisOutputSize, convolutionMatrix, type ConvolutionMatrixOptions } from "../conv";

/** A labelled convolution matrix and its transpose. */
export interface ConvolutionMatrixExplanation {
  /** Size `[h, w]` of the convolution's input (the transposed convolution's output). */
  inputShape: [number, number];
  /** Size `[oh, ow]` of the convolution's output (the transposed convolution's input). */
  outputShape: [number, number];
  /** C: `[oh·ow, h·w]`, so that `conv2d(x) = C · flatten(x)`. */
  C: Tensor;
  /** C^T: `[h·w, oh·ow]`, so that `convTranspose2d(y) = C^T · flatten(y)`. */
  CT: Tensor;
  /** For each row of C (column of C^T): the output pixel `[row, col]`, row-major. */
  rowPixels: [number, number][];
  /** For each column of C (row of C^T): the input pixel `[row, col]`, row-major. */
  columnPixels: [number, number][];
  /** Row labels of C, e.g. `y(0,1)`: the output pixel each row computes. */
  rowLabels: string[];
  /** Column labels of C, e.g. `x(1,0)`: the input pixel each column multiplies. */
  columnLabels: string[];
}

const NAMES = ["stride", "padding", "dilation"] as const;

function pixels(h: number, w: number): [number, number][] {
  const out: [number, number][] = [];
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out.push([r, c]);
  return out;
}

/**
 * C and C^T for a 2-D convolution of an `inputShape = [h, w]` image with `kernel`
 * (`[kh, kw]`) and `{ stride, padding, dilation }`, built by `convolutionMatrix`,
 * with each row and column labelled by its pixel: rows of C are output pixels `y(r,c)`,
 * columns are input pixels `x(r,c)`; C^T swaps them.
 *
 * @example convolutionMatrixExplanation([3, 3], tensor([[1, 2], [3, 4]])).rowLabels // ["y(0,0)", "y(0,1)", "y(1,0)", "y(1,1)"]
 */
export function convolutionMatrixExplanation(
  inputShape: readonly [number, number],
  kernel: Tensor,
  options: ConvolutionMatrixOptions = {},
): ConvolutionMatrixExplanation {
  const fn = "convolutionMatrixExplanation";
  checkOptionNames(fn, options, NAMES);
  const C = convolutionMatrix(inputShape, kernel, options);
  const [h, w] = inputShape;
  const [sh, sw] = parsePair(fn, "stride", options.stride ?? 1, 1);
  const [dh, dw] = parsePair(fn, "dilation", options.dilation ?? 1, 1);
  const [top, left, bottom, right] = parsePadding4(fn, "padding", options.padding ?? 0);
  const [kh, kw] = kernel.shape;
  const oh = convAxisOutputSize(h, kh, sh, dh, top, bottom);
  const ow = convAxisOutputSize(w, kw, sw, dw, left, right);
  const rowPixels = pixels(oh, ow);
  const columnPixels = pixels(h, w);
  return {
    inputShape: [h, w],
    outputShape: [oh, ow],
    C,
    CT: permute(C, [1, 0]),
    rowPixels,
    columnPixels,
    rowLabels: rowPixels.map(([r, c]) => `y(${r},${c})`),
    columnLabels: columnPixels.map(([r, c]) => `x(${r},${c})`),
  };
}
