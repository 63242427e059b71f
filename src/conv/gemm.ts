/**
 * The TypeScript transposed-convolution kernel: what the fast path runs for float64, tiny sizes, or without WebAssembly SIMD.
 *
 * Algorithm: GEMM + col2im, one kernel tap at a time. For each image and group,
 * the product of the weight (viewed as (C_out/g * kh * kw) x (C_in/g)) with the
 * input (C_in/g x H*W) gives, per (output channel, ky, kx), an H x W "tap plane";
 * col2im adds that plane into the output at rows `iy * s + ky * d - cropTop`
 * (and likewise for columns). Why this form:
 * - the inner loops run over contiguous Float32Array rows with no branches: the
 *   valid input range of each tap is computed once (`tapRange`), so cropping,
 *   output padding, stride and dilation cost nothing per pixel;
 * - the GEMM computes a 4 x 4 tile (four weight rows, four pixels) in sixteen
 *   local accumulators, reading the packed weights and four input pixels per
 *   input channel: 8 loads for 16 multiply-adds and no stores in the inner loop
 *   (in JS the cost is memory traffic, not arithmetic);
 * - only a 4 x H*W scratch buffer is allocated per call, never per pixel.
 * Sums over input channels are held in float64 locals and rounded once when stored.
 * A WebAssembly SIMD kernel with the same signature can replace this one for
 * float32 (see `ConvTranspose2dKernel`).
 */
import type { TensorData } from "../tensor";
import { tapRange, type ConvTranspose2dGeometry } from "./geometry";
import { convTransposeNchwLayout, fillBias, type ConvLayout } from "./layout";

/**
 * For each of the `k` kernel taps along one axis: its output offset `tap * d - cropBefore`
 * and the input positions `[first, end)` whose products land inside the output (`tapRange`).
 */
function axisTaps(
  k: number,
  d: number,
  cropBefore: number,
  inSize: number,
  outSize: number,
  s: number,
): { first: Int32Array; end: Int32Array; offset: Int32Array } {
  const first = new Int32Array(k);
  const end = new Int32Array(k);
  const offset = new Int32Array(k);
  for (let tap = 0; tap < k; tap++) {
    offset[tap] = tap * d - cropBefore;
    [first[tap], end[tap]] = tapRange(inSize, outSize, s, offset[tap]);
  }
  return { first, end, offset };
}

/**
 * Fast transposed convolution (GEMM + col2im); `out` arrives zero-filled. Operands are flat
 * NCHW data with PyTorch's weight layout unless `layout` says where their elements are (the
 * Keras entry point passes NHWC images and its (kh, kw, out, in) kernel); a layout needs
 * `row = W * column` in `x`, so its pixels are evenly spaced. `scratchBuffer` (at least
 * `4 H W` elements) replaces the working buffer otherwise allocated per call.
 */
export function convTranspose2dGemm(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose2dGeometry,
  out: TensorData,
  layout: ConvLayout = convTransposeNchwLayout(g),
  scratchBuffer?: TensorData,
): void {
  const { inH: H, inW: W, outH, outW, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw } = g;
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const taps = kh * kw;
  const rows = coutG * taps; // rows of the group's weight matrix, one per (co, ky, kx)
  const HW = H * W;
  const { x: xs, weight: ws, out: os } = layout;
  const px = xs.column; // step between consecutive pixels of one input channel
  const pc = xs.channel;
  const BLOCK = 4;
  // a caller running many slices passes one scratch buffer of at least BLOCK * H * W for all of them
  const scratch =
    scratchBuffer !== undefined && scratchBuffer.length >= BLOCK * HW
      ? scratchBuffer
      : out instanceof Float64Array
        ? new Float64Array(BLOCK * HW)
        : new Float32Array(BLOCK * HW);
  const wPackLength = cinG * BLOCK;
  const wPack = new Float64Array(wPackLength);

  // Valid input rows/columns and output offsets for each kernel row/column.
  const { first: yFirst, end: yEnd, offset: yOff } = axisTaps(kh, g.dilationH, g.cropTop, H, outH, sh);
  const { first: xFirst, end: xEnd, offset: xOff } = axisTaps(kw, g.dilationW, g.cropLeft, W, outW, sw);

  for (let n = 0; n < g.batch; n++) {
    if (bias !== undefined) fillBias(out, bias, n, g.outChannels, outH, outW, os);
    for (let grp = 0; grp < g.groups; grp++) {
      const xGroup = n * xs.image + grp * cinG * pc;
      const wGroup = grp * cinG * ws.inChannel;
      for (let r0 = 0; r0 < rows; r0 += BLOCK) {
        const count = Math.min(BLOCK, rows - r0);
        // Pack the block's weights as [c][b] so the inner loop reads them in order.
        for (let b = 0; b < BLOCK; b++) {
          const r = r0 + b;
          const tap = r % taps;
          const at = wGroup + Math.floor(r / taps) * ws.outChannel + Math.floor(tap / kw) * ws.row + (tap % kw) * ws.column;
          for (let c = 0; c < cinG; c++) wPack[c * BLOCK + b] = b < count ? weight[at + c * ws.inChannel] : 0;
        }
        // GEMM: scratch[b][j] = sum over c of wPack[c][b] * x[c][j], 4 rows x 4 columns at a time
        // in 16 register accumulators (8 loads per 16 multiply-adds, no stores in the loop).
        let j = 0;
        for (; j + 4 <= HW; j += 4) {
          let a00 = 0,
            a01 = 0,
            a02 = 0,
            a03 = 0,
            a10 = 0,
            a11 = 0,
            a12 = 0,
            a13 = 0;
          let a20 = 0,
            a21 = 0,
            a22 = 0,
            a23 = 0,
            a30 = 0,
            a31 = 0,
            a32 = 0,
            a33 = 0;
          let xi = xGroup + j * px;
          for (let wi = 0; wi < wPackLength; wi += BLOCK, xi += pc) {
            const x0 = x[xi],
              x1 = x[xi + px],
              x2 = x[xi + 2 * px],
              x3 = x[xi + 3 * px];
            const w0 = wPack[wi],
              w1 = wPack[wi + 1],
              w2 = wPack[wi + 2],
              w3 = wPack[wi + 3];
            a00 += w0 * x0;
            a01 += w0 * x1;
            a02 += w0 * x2;
            a03 += w0 * x3;
            a10 += w1 * x0;
            a11 += w1 * x1;
            a12 += w1 * x2;
            a13 += w1 * x3;
            a20 += w2 * x0;
            a21 += w2 * x1;
            a22 += w2 * x2;
            a23 += w2 * x3;
            a30 += w3 * x0;
            a31 += w3 * x1;
            a32 += w3 * x2;
            a33 += w3 * x3;
          }
          scratch[j] = a00;
          scratch[j + 1] = a01;
          scratch[j + 2] = a02;
          scratch[j + 3] = a03;
          scratch[HW + j] = a10;
          scratch[HW + j + 1] = a11;
          scratch[HW + j + 2] = a12;
          scratch[HW + j + 3] = a13;
          scratch[2 * HW + j] = a20;
          scratch[2 * HW + j + 1] = a21;
          scratch[2 * HW + j + 2] = a22;
          scratch[2 * HW + j + 3] = a23;
          scratch[3 * HW + j] = a30;
          scratch[3 * HW + j + 1] = a31;
          scratch[3 * HW + j + 2] = a32;
          scratch[3 * HW + j + 3] = a33;
        }
        for (; j < HW; j++) {
          let a0 = 0,
            a1 = 0,
            a2 = 0,
            a3 = 0;
          let xi = xGroup + j * px;
          for (let wi = 0; wi < wPackLength; wi += BLOCK, xi += pc) {
            const v = x[xi];
            a0 += wPack[wi] * v;
            a1 += wPack[wi + 1] * v;
            a2 += wPack[wi + 2] * v;
            a3 += wPack[wi + 3] * v;
          }
          scratch[j] = a0;
          scratch[HW + j] = a1;
          scratch[2 * HW + j] = a2;
          scratch[3 * HW + j] = a3;
        }
        // col2im: add each tap plane into its output channel at its offset.
        for (let b = 0; b < count; b++) {
          const r = r0 + b;
          const co = grp * coutG + Math.floor(r / taps);
          const tap = r % taps;
          const ky = Math.floor(tap / kw);
          const kx = tap % kw;
          const outPlane = n * os.image + co * os.channel;
          const ix0 = xFirst[kx];
          const ix1 = xEnd[kx];
          const sb = b * HW;
          const step = sw * os.column;
          for (let iy = yFirst[ky]; iy < yEnd[ky]; iy++) {
            let o = outPlane + (iy * sh + yOff[ky]) * os.row + (ix0 * sw + xOff[kx]) * os.column;
            const srow = sb + iy * W;
            for (let ix = ix0; ix < ix1; ix++, o += step) out[o] += scratch[srow + ix];
          }
        }
      }
    }
  }
}
