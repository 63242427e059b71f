/**
 * The two algorithms of `convTranspose3d` over flat NCDHW data (weight `(in, out/groups, kd,
 * kh, kw)`): the scatter reference, written for reading, and the fast path, a sum of 2-D
 * transposed convolutions of depth slices on the 2-D kernels (WebAssembly SIMD for float32,
 * the TypeScript GEMM + col2im kernel otherwise).
 */
import type { TensorData } from "../tensor";
import { checkAllocatable } from "../args";
import { convTranspose2dGemm } from "./gemm";
import { convTranspose2dMultiplyAdds, WASM_MIN_MULTIPLY_ADDS } from "./fastPath";
import { convTranspose3dWasm } from "../wasm/conv3dSlicesWasm";
import {
  addBias,
  convTranspose3dDepthSlices,
  convTranspose3dSliceGeometry,
  convTranspose3dWeightSliceStrides,
  volumeOf,
  volumeSliceStrides,
} from "./depthSlices";
import type { ConvTranspose3dGeometry } from "./geometry3d";
import type { ConvLayout } from "./layout";

/** A 3-D transposed-convolution algorithm; `out` arrives zero-filled. */
export type ConvTranspose3dKernel = (
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose3dGeometry,
  out: TensorData,
) => void;

/**
 * The scatter reference: every input element times the whole kernel is placed `stride` apart
 * (taps `dilation` apart) in the full `(i-1)s + d(k-1) + 1` volume, overlaps summed, then the
 * padding is cropped (output padding keeps extra zero positions at the far ends).
 */
export function convTranspose3dScatter(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose3dGeometry,
  out: TensorData,
): void {
  const [D, H, W] = g.inSize;
  const [kd, kh, kw] = g.kernel;
  const [sd, sh, sw] = g.stride;
  const [dd, dh, dw] = g.dilation;
  const [fD, fH, fW] = g.inSize.map((i, a) => (i - 1) * g.stride[a] + g.dilation[a] * (g.kernel[a] - 1) + 1);
  const [oD, oH, oW] = g.outSize;
  const cinG = g.inChannels / g.groups;
  const coutG = g.outChannels / g.groups;
  const full = new Float64Array(checkAllocatable("convTranspose3d", [fD, fH, fW], "float64"));
  for (let n = 0; n < g.batch; n++) {
    for (let co = 0; co < g.outChannels; co++) {
      const group = Math.floor(co / coutG);
      full.fill(0);
      for (let c = 0; c < cinG; c++) {
        const ci = group * cinG + c;
        const xBase = (n * g.inChannels + ci) * D * H * W;
        const wBase = (ci * coutG + (co % coutG)) * kd * kh * kw;
        for (let iz = 0; iz < D; iz++) {
          for (let iy = 0; iy < H; iy++) {
            for (let ix = 0; ix < W; ix++) {
              const v = x[xBase + (iz * H + iy) * W + ix];
              for (let tz = 0; tz < kd; tz++) {
                for (let ty = 0; ty < kh; ty++) {
                  for (let tx = 0; tx < kw; tx++) {
                    const fz = iz * sd + tz * dd;
                    const fy = iy * sh + ty * dh;
                    const fx = ix * sw + tx * dw;
                    full[(fz * fH + fy) * fW + fx] += v * weight[wBase + (tz * kh + ty) * kw + tx];
                  }
                }
              }
            }
          }
        }
      }
      const b = bias === undefined ? 0 : bias[co];
      const outBase = (n * g.outChannels + co) * oD * oH * oW;
      for (let oz = 0; oz < oD; oz++) {
        for (let oy = 0; oy < oH; oy++) {
          for (let ox = 0; ox < oW; ox++) {
            const [fz, fy, fx] = [oz + g.cropBefore[0], oy + g.cropBefore[1], ox + g.cropBefore[2]];
            const inside = fz < fD && fy < fH && fx < fW;
            out[outBase + (oz * oH + oy) * oW + ox] = (inside ? full[(fz * fH + fy) * fW + fx] : 0) + b;
          }
        }
      }
    }
  }
}

/**
 * The default: the slices on the WebAssembly SIMD kernel when the data are float32 and each slice
 * pair is big enough to repay the call (`WASM_MIN_MULTIPLY_ADDS`), else `convTranspose3dGemm`.
 */
export function convTranspose3dFastPath(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose3dGeometry,
  out: TensorData,
): void {
  const slicePairWork = convTranspose2dMultiplyAdds(convTranspose3dSliceGeometry(g));
  if (slicePairWork >= WASM_MIN_MULTIPLY_ADDS && convTranspose3dWasm(x, weight, g, out)) {
    if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volumeOf(g.outSize));
    return;
  }
  convTranspose3dGemm(x, weight, bias, g, out);
}

/**
 * The TypeScript fast path: each depth slice triple of `convTranspose3dDepthSlices` runs the 2-D
 * GEMM + col2im kernel reading the slices in place through strides (no copies), accumulating
 * into the output slice; the bias is added once at the end.
 */
export function convTranspose3dGemm(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose3dGeometry,
  out: TensorData,
): void {
  const slice = convTranspose3dSliceGeometry(g);
  const layout: ConvLayout = {
    x: volumeSliceStrides(g.inChannels, g.inSize),
    weight: convTranspose3dWeightSliceStrides(g, g.kernel[0]),
    out: volumeSliceStrides(g.outChannels, g.outSize),
  };
  const [, H, W] = g.inSize;
  const [, kh, kw] = g.kernel;
  const [, oH, oW] = g.outSize;
  const scratch = out instanceof Float64Array ? new Float64Array(4 * H * W) : new Float32Array(4 * H * W);
  for (const { inZ, kernelZ, outZ } of convTranspose3dDepthSlices(g)) {
    const outSlice = out.subarray(outZ * oH * oW);
    convTranspose2dGemm(x.subarray(inZ * H * W), weight.subarray(kernelZ * kh * kw), undefined, slice, outSlice, layout, scratch);
  }
  if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volumeOf(g.outSize));
}
