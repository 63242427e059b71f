/**
 * The two algorithms of `convTranspose3d` over flat NCDHW data (weight `(in, out/groups, kd,
 * kh, kw)`): the scatter reference, written for reading, and the fast path, a sum of 2-D
 * transposed convolutions of depth slices on the 2-D kernels (WebAssembly SIMD for float32,
 * the TypeScript GEMM + col2im kernel otherwise).
 */
import type { TensorData } from "../tensor";
import { checkAllocatable } from "../args";
import { convTranspose2dGemm } from "./gemm";
import { WASM_MIN_MULTIPLY_ADDS } from "./fastPath";
import { convTranspose3dWasm } from "../wasm/conv3dSlicesWasm";
import type { ConvTranspose2dGeometry } from "./geometry";
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

const volume = (s: readonly number[]): number => s[0] * s[1] * s[2];

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
  const slicePairWork =
    g.batch * g.inChannels * (g.outChannels / g.groups) * g.inSize[1] * g.inSize[2] * g.kernel[1] * g.kernel[2];
  if (slicePairWork >= WASM_MIN_MULTIPLY_ADDS && convTranspose3dWasm(x, weight, g, out)) {
    if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volume(g.outSize));
    return;
  }
  convTranspose3dGemm(x, weight, bias, g, out);
}

/**
 * The TypeScript fast path: output depth slice `iz * sd + tz * dd - cropFront` receives the 2-D transposed
 * convolution of input depth slice `iz` with kernel depth slice `tz`, for every pair that lands
 * inside the output. Each pair runs the 2-D GEMM + col2im kernel reading the slices in place
 * through strides (no copies), accumulating into `out`; the bias is added once at the end.
 */
export function convTranspose3dGemm(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: ConvTranspose3dGeometry,
  out: TensorData,
): void {
  const [D, H, W] = g.inSize;
  const [kd, kh, kw] = g.kernel;
  const [oD, oH, oW] = g.outSize;
  const coutG = g.outChannels / g.groups;
  const slice: ConvTranspose2dGeometry = {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inH: H,
    inW: W,
    kernelH: kh,
    kernelW: kw,
    strideH: g.stride[1],
    strideW: g.stride[2],
    dilationH: g.dilation[1],
    dilationW: g.dilation[2],
    cropTop: g.cropBefore[1],
    cropLeft: g.cropBefore[2],
    cropBottom: g.cropAfter[1],
    cropRight: g.cropAfter[2],
    outputPaddingH: g.outputPadding[1],
    outputPaddingW: g.outputPadding[2],
    outH: oH,
    outW: oW,
  };
  const layout: ConvLayout = {
    x: { image: g.inChannels * volume(g.inSize), channel: volume(g.inSize), row: W, column: 1 },
    weight: { inChannel: coutG * volume(g.kernel), outChannel: volume(g.kernel), row: kw, column: 1 },
    out: { image: g.outChannels * volume(g.outSize), channel: volume(g.outSize), row: oW, column: 1 },
  };
  const scratch = out instanceof Float64Array ? new Float64Array(4 * H * W) : new Float32Array(4 * H * W);
  for (let tz = 0; tz < kd; tz++) {
    const wSlice = weight.subarray(tz * kh * kw);
    for (let iz = 0; iz < D; iz++) {
      const oz = iz * g.stride[0] + tz * g.dilation[0] - g.cropBefore[0];
      if (oz < 0 || oz >= oD) continue;
      convTranspose2dGemm(x.subarray(iz * H * W), wSlice, undefined, slice, out.subarray(oz * oH * oW), layout, scratch);
    }
  }
  if (bias !== undefined) addBias(out, bias, g.batch, g.outChannels, volume(g.outSize));
}

/** Adds each channel's bias to its whole output volume. */
export function addBias(out: TensorData, bias: TensorData, batch: number, channels: number, size: number): void {
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * size;
      const b = bias[c];
      for (let i = base; i < base + size; i++) out[i] += b;
    }
  }
}
