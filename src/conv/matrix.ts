/**
 * Transposed convolution as a matrix product: build the matrix C of the
 * matching forward convolution (which maps the transposed convolution's output
 * size back to its input size) and compute `y = C^T x`. Dense and quadratic in
 * the image size: for teaching and checking, not for speed.
 */
import type { TensorData } from "../tensor";
import { checkMatrixSize, convAxisOutputSize, fillConvolutionMatrix } from "./convolutionMatrix";
import type { ConvTranspose2dGeometry } from "./geometry";

/**
 * The forward convolution whose matrix the 'matrix' algorithm transposes:
 * input `outH x outW`, same kernel, stride and dilation, padding = the crop
 * (less the output padding at the bottom/right, never below 0). It has at least
 * `inH x inW` outputs; when output padding exceeds the crop it has a few more,
 * whose rows the transposed convolution ignores.
 */
export function matchingConvolution(g: ConvTranspose2dGeometry): {
  padding: [number, number, number, number];
  rows: number;
  cols: number;
  convH: number;
  convW: number;
} {
  const padding: [number, number, number, number] = [
    g.cropTop,
    g.cropLeft,
    Math.max(0, g.cropBottom - g.outputPaddingH),
    Math.max(0, g.cropRight - g.outputPaddingW),
  ];
  const convH = convAxisOutputSize(g.outH, g.kernelH, g.strideH, g.dilationH, padding[0], padding[2]);
  const convW = convAxisOutputSize(g.outW, g.kernelW, g.strideW, g.dilationW, padding[1], padding[3]);
  return { padding, convH, convW, rows: convH * convW, cols: g.outH * g.outW };
}

/** The matrix algorithm over flat NCHW data (`y = C^T x` per channel pair); `out` arrives zero-filled. */
export function convTranspose2dMatrix(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): void {
  const { padding, convH, convW, rows, cols } = matchingConvolution(g);
  checkMatrixSize("convTranspose2d", rows, cols, "use algorithm 'fast' or 'scatter' for this size");
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const taps = g.kernelH * g.kernelW;
  const inHW = g.inH * g.inW;
  const c = out instanceof Float64Array ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  if (bias !== undefined) {
    for (let n = 0; n < g.batch; n++) {
      for (let co = 0; co < g.outChannels; co++) {
        const start = (n * g.outChannels + co) * cols;
        out.fill(bias[co], start, start + cols);
      }
    }
  }
  for (let ci = 0; ci < g.inChannels; ci++) {
    const grp = Math.floor(ci / cinG);
    for (let o = 0; o < coutG; o++) {
      c.fill(0);
      fillConvolutionMatrix(
        c,
        weight,
        g.outH,
        g.outW,
        g.kernelH,
        g.kernelW,
        convH,
        convW,
        g.strideH,
        g.strideW,
        g.dilationH,
        g.dilationW,
        padding[0],
        padding[1],
        (ci * coutG + o) * taps,
      );
      const co = grp * coutG + o;
      for (let n = 0; n < g.batch; n++) {
        const xPlane = (n * g.inChannels + ci) * inHW;
        const yPlane = (n * g.outChannels + co) * cols;
        // y += C^T x: row (iy, ix) of C, scaled by x[iy, ix], added to y.
        for (let iy = 0; iy < g.inH; iy++) {
          for (let ix = 0; ix < g.inW; ix++) {
            const xv = x[xPlane + iy * g.inW + ix];
            const row = (iy * convW + ix) * cols;
            for (let j = 0; j < cols; j++) out[yPlane + j] += c[row + j] * xv;
          }
        }
      }
    }
  }
}
