/**
 * The default transposed-convolution kernel in pure TypeScript.
 *
 * Algorithm: GEMM + col2im, one kernel tap at a time. For each image and group,
 * the product of the weight (viewed as (C_out/g * kh * kw) x (C_in/g)) with the
 * input (C_in/g x H*W) gives, per (output channel, ky, kx), an H x W "tap plane";
 * col2im adds that plane into the output at rows `iy * s + ky * d - cropTop`
 * (and likewise for columns). Why this form:
 * - the inner loops run over contiguous Float32Array rows with no branches: the
 *   valid input range of each tap is computed once (`tapRange`), so cropping,
 *   output padding, stride and dilation cost nothing per pixel;
 * - four weight rows are computed together, so every input element loaded is
 *   used four times (the main cost in JS is memory traffic, not arithmetic);
 * - only a 4 x H*W scratch buffer is allocated per call, never per pixel.
 * Float32 inputs accumulate in float32 like the frameworks' CPU kernels.
 * A WebAssembly SIMD kernel with the same signature can replace this one for
 * float32 (see `ConvTranspose2dKernel`).
 */
import type { TensorData } from "../tensor";
import { tapRange, type ConvTranspose2dGeometry } from "./geometry";

/** Fast transposed convolution over flat NCHW data (GEMM + col2im); `out` arrives zero-filled. */
export function convTranspose2dFast(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
): void {
  const { inH: H, inW: W, outH, outW, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw } = g;
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const taps = kh * kw;
  const rows = coutG * taps; // rows of the group's weight matrix, one per (co, ky, kx)
  const HW = H * W;
  const outHW = outH * outW;
  const BLOCK = 4;
  const scratch = out instanceof Float64Array ? new Float64Array(BLOCK * HW) : new Float32Array(BLOCK * HW);

  // Valid input rows/columns and output offsets for each kernel row/column.
  const yFirst = new Int32Array(kh);
  const yEnd = new Int32Array(kh);
  const yOff = new Int32Array(kh);
  for (let ky = 0; ky < kh; ky++) {
    yOff[ky] = ky * g.dilationH - g.cropTop;
    [yFirst[ky], yEnd[ky]] = tapRange(H, outH, sh, yOff[ky]);
  }
  const xFirst = new Int32Array(kw);
  const xEnd = new Int32Array(kw);
  const xOff = new Int32Array(kw);
  for (let kx = 0; kx < kw; kx++) {
    xOff[kx] = kx * g.dilationW - g.cropLeft;
    [xFirst[kx], xEnd[kx]] = tapRange(W, outW, sw, xOff[kx]);
  }

  for (let n = 0; n < g.batch; n++) {
    if (bias !== undefined) {
      for (let co = 0; co < g.outChannels; co++) {
        const start = (n * g.outChannels + co) * outHW;
        out.fill(bias[co], start, start + outHW);
      }
    }
    for (let grp = 0; grp < g.groups; grp++) {
      const xGroup = (n * g.inChannels + grp * cinG) * HW;
      const wGroup = grp * cinG * rows;
      for (let r0 = 0; r0 < rows; r0 += BLOCK) {
        const count = Math.min(BLOCK, rows - r0);
        scratch.fill(0);
        // GEMM: scratch[b] = sum over c of weight[c, r0 + b] * x[c]  (b < count).
        for (let c = 0; c < cinG; c++) {
          const xb = xGroup + c * HW;
          const wb = wGroup + c * rows + r0;
          if (count === BLOCK) {
            const w0 = weight[wb];
            const w1 = weight[wb + 1];
            const w2 = weight[wb + 2];
            const w3 = weight[wb + 3];
            for (let j = 0; j < HW; j++) {
              const v = x[xb + j];
              scratch[j] += w0 * v;
              scratch[HW + j] += w1 * v;
              scratch[2 * HW + j] += w2 * v;
              scratch[3 * HW + j] += w3 * v;
            }
          } else {
            for (let b = 0; b < count; b++) {
              const wv = weight[wb + b];
              const sb = b * HW;
              for (let j = 0; j < HW; j++) scratch[sb + j] += wv * x[xb + j];
            }
          }
        }
        // col2im: add each tap plane into its output channel at its offset.
        for (let b = 0; b < count; b++) {
          const r = r0 + b;
          const co = grp * coutG + Math.floor(r / taps);
          const tap = r % taps;
          const ky = Math.floor(tap / kw);
          const kx = tap % kw;
          const outPlane = (n * g.outChannels + co) * outHW;
          const ix0 = xFirst[kx];
          const ix1 = xEnd[kx];
          const sb = b * HW;
          for (let iy = yFirst[ky]; iy < yEnd[ky]; iy++) {
            let o = outPlane + (iy * sh + yOff[ky]) * outW + ix0 * sw + xOff[kx];
            const srow = sb + iy * W;
            for (let ix = ix0; ix < ix1; ix++, o += sw) out[o] += scratch[srow + ix];
          }
        }
      }
    }
  }
}
