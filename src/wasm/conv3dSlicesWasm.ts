/**
 * Float32 3-D convolutions on the 2-D WebAssembly SIMD kernels, one depth slice at a time: output
 * depth slice `oz` is the sum, over the (input slice, kernel slice) pairs that meet there, of a
 * 2-D (transposed) convolution. Each pair runs the 2-D kernel reading the input slice in place
 * through its strides, into one working buffer of one output slice (`N x C_out x oH x oW`, no
 * larger than the output), which is then added into the output. Returns false, having written
 * nothing, when the kernels cannot take the operands (float64, no SIMD, a stride too wide);
 * the callers then run their TypeScript loops.
 */
import type { Conv2dGeometry } from "../conv/conv2d";
import type { ConvTranspose2dGeometry } from "../conv/geometry";
import type { Conv3dGeometry, ConvTranspose3dGeometry } from "../conv/geometry3d";
import type { ConvLayout } from "../conv/layout";
import { nchwStrides } from "../imageStrides";
import type { TensorData } from "../tensor";
import { conv2dWasm } from "./conv2dWasm";
import { convTranspose2dWasm } from "./convTranspose2dWasm";
import { wasmKernels } from "./kernels";

const volume = (s: readonly number[]): number => s[0] * s[1] * s[2];

/** Writes kernel depth slice `tz` of a 5-D weight `(A, B, kd, kh, kw)` into `slice` as a contiguous `(A, B, kh, kw)` array. */
function weightSlice(weight: Float32Array, kernel: readonly number[], tz: number, slice: Float32Array): Float32Array {
  const [kd, kh, kw] = kernel;
  const taps = kh * kw;
  for (let p = 0; p < slice.length / taps; p++)
    slice.set(weight.subarray((p * kd + tz) * taps, (p * kd + tz + 1) * taps), p * taps);
  return slice;
}

/** out[n, c, oz] += slice[n, c] for every image and channel. */
function addSlice(
  out: TensorData,
  slice: Float32Array,
  g: { batch: number; outChannels: number; outSize: readonly number[] },
  oz: number,
): void {
  const sliceSize = g.outSize[1] * g.outSize[2];
  const outVolume = volume(g.outSize);
  for (let p = 0; p < g.batch * g.outChannels; p++) {
    const o = p * outVolume + oz * sliceSize;
    const s = p * sliceSize;
    for (let j = 0; j < sliceSize; j++) out[o + j] += slice[s + j];
  }
}

function usable(x: TensorData, weight: TensorData, out: TensorData): weight is Float32Array {
  return x instanceof Float32Array && weight instanceof Float32Array && out instanceof Float32Array && wasmKernels() !== null;
}

/**
 * Adds the 3-D transposed convolution of `x` with `weight` (no bias) into zero-filled `out`,
 * slice pair by slice pair on the 2-D SIMD kernel; false (nothing written) when it cannot.
 */
export function convTranspose3dWasm(x: TensorData, weight: TensorData, g: ConvTranspose3dGeometry, out: TensorData): boolean {
  if (!usable(x, weight, out)) return false;
  const [D, H, W] = g.inSize;
  const [oD, oH, oW] = g.outSize;
  const coutG = g.outChannels / g.groups;
  const slice: ConvTranspose2dGeometry = {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inH: H,
    inW: W,
    kernelH: g.kernel[1],
    kernelW: g.kernel[2],
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
  const taps = g.kernel[1] * g.kernel[2];
  const layout: ConvLayout = {
    x: { image: g.inChannels * volume(g.inSize), channel: volume(g.inSize), row: W, column: 1 },
    weight: { inChannel: coutG * taps, outChannel: taps, row: g.kernel[2], column: 1 },
    out: nchwStrides(g.outChannels, oH, oW),
  };
  const work = new Float32Array(g.batch * g.outChannels * oH * oW);
  const w = new Float32Array(g.inChannels * coutG * taps);
  for (let tz = 0; tz < g.kernel[0]; tz++) {
    weightSlice(weight, g.kernel, tz, w);
    for (let iz = 0; iz < D; iz++) {
      const oz = iz * g.stride[0] + tz * g.dilation[0] - g.cropBefore[0];
      if (oz < 0 || oz >= oD) continue;
      if (!convTranspose2dWasm(x.subarray(iz * H * W), w, undefined, slice, work, { layout })) {
        out.fill(0);
        return false;
      }
      addSlice(out, work, g, oz);
    }
  }
  return true;
}

/**
 * Adds the 3-D convolution of `x` with `weight` (no bias) into zero-filled `out` on the 2-D SIMD
 * kernel, which takes stride 1 in height and width (any depth stride); false (nothing written) otherwise.
 */
export function conv3dWasm(x: TensorData, weight: TensorData, g: Conv3dGeometry, out: TensorData): boolean {
  if (g.stride[1] !== 1 || g.stride[2] !== 1 || !usable(x, weight, out)) return false;
  const [D, H, W] = g.inSize;
  const [oD, oH, oW] = g.outSize;
  const cinG = g.inChannels / g.groups;
  const slice: Conv2dGeometry = {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inH: H,
    inW: W,
    kernelH: g.kernel[1],
    kernelW: g.kernel[2],
    strideH: 1,
    strideW: 1,
    dilationH: g.dilation[1],
    dilationW: g.dilation[2],
    padTop: g.padBefore[1],
    padLeft: g.padBefore[2],
    outH: oH,
    outW: oW,
  };
  const taps = g.kernel[1] * g.kernel[2];
  const layout: ConvLayout = {
    x: { image: g.inChannels * volume(g.inSize), channel: volume(g.inSize), row: W, column: 1 },
    weight: { inChannel: taps, outChannel: cinG * taps, row: g.kernel[2], column: 1 },
    out: nchwStrides(g.outChannels, oH, oW),
  };
  const work = new Float32Array(g.batch * g.outChannels * oH * oW);
  const w = new Float32Array(g.outChannels * cinG * taps);
  for (let tz = 0; tz < g.kernel[0]; tz++) {
    weightSlice(weight, g.kernel, tz, w);
    for (let oz = 0; oz < oD; oz++) {
      const iz = oz * g.stride[0] + tz * g.dilation[0] - g.padBefore[0];
      if (iz < 0 || iz >= D) continue;
      if (!conv2dWasm(x.subarray(iz * H * W), w, undefined, slice, work, layout)) {
        out.fill(0);
        return false;
      }
      addSlice(out, work, g, oz);
    }
  }
  return true;
}
