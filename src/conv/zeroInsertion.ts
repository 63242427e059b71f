/**
 * Transposed convolution by the article's four steps, made general: insert
 * `s - 1` zeros between input pixels, pad by `p' = d (k - 1) - p` on each side
 * (plus the output padding at the bottom/right; a negative `p'` crops), rotate
 * the kernel by 180 degrees with its in/out axes swapped per group, and run an
 * ordinary stride-1 convolution with the same dilation and groups.
 */
import { Tensor, type TensorData } from "../tensor";
import { conv2dData, resolveConv2d } from "./conv2d";
import type { ConvTranspose2dGeometry } from "./geometry";
import { insertZeros, pad2d, transposedToDirectWeight } from "./primitives";
import type { Padding4 } from "../args";

/**
 * The padding `[top, left, bottom, right]` applied to the zero-inserted input
 * in step 3: `d (k - 1) - crop` per side, plus the output padding at the
 * bottom and right. Negative values mean cropping.
 */
export function zeroInsertionPadding(g: ConvTranspose2dGeometry): Padding4 {
  const spanH = g.dilationH * (g.kernelH - 1);
  const spanW = g.dilationW * (g.kernelW - 1);
  return [spanH - g.cropTop, spanW - g.cropLeft, spanH - g.cropBottom + g.outputPaddingH, spanW - g.cropRight + g.outputPaddingW];
}

/** The zero-insertion (four-step) algorithm over flat NCHW data; `out` arrives zero-filled. */
export function convTranspose2dZeroInsertion(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): void {
  const xt = new Tensor(x, [g.batch, g.inChannels, g.inH, g.inW]);
  const wt = new Tensor(weight, [g.inChannels, g.outChannels / g.groups, g.kernelH, g.kernelW]);
  const stretched = insertZeros(xt, [g.strideH, g.strideW]); // step 2
  const padded = pad2d(stretched, zeroInsertionPadding(g)); // step 3
  const direct = transposedToDirectWeight(wt, g.groups); // the omitted step: flip (and swap in/out)
  const { geometry } = resolveConv2d(
    "convTranspose2d",
    padded,
    direct,
    undefined,
    g.groups,
    [1, 1],
    [g.dilationH, g.dilationW],
    [0, 0, 0, 0],
  );
  conv2dData(padded.data, direct.data, bias, geometry, out); // step 4, stride 1
}
