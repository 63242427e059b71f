/**
 * Float32 3-D convolutions on the 2-D WebAssembly SIMD kernels, one depth slice at a time: output
 * depth slice `oz` is the sum, over the (input slice, kernel slice) pairs that meet there, of a
 * 2-D (transposed) convolution. Each pair runs the 2-D kernel reading the input slice in place
 * through its strides, into one working buffer of one output slice (`N x C_out x oH x oW`, no
 * larger than the output), which is then added into the output. Returns false, having written
 * nothing, when the kernels cannot take the operands (float64, no SIMD, a stride too wide);
 * the callers then run their TypeScript loops.
 */
import {
  conv3dDepthSlices,
  conv3dSliceGeometry,
  conv3dWeightSliceStrides,
  convTranspose3dDepthSlices,
  convTranspose3dSliceGeometry,
  convTranspose3dWeightSliceStrides,
  volumeOf,
  volumeSliceStrides,
  type DepthSliceTriple,
} from "../conv/depthSlices";
import type { Conv3dGeometry, Conv3dWindowGeometry, ConvTranspose3dGeometry } from "../conv/geometry3d";
import type { ConvLayout } from "../conv/layout";
import { nchwStrides } from "../imageStrides";
import type { TensorData } from "../tensor";
import { conv2dWasm } from "./conv2dWasm";
import { convTranspose2dWasm } from "./convTranspose2dWasm";
import { wasmKernels } from "./kernels";

/** Writes kernel depth slice `tz` of a 5-D weight `(A, B, kd, kh, kw)` into `slice` as a contiguous `(A, B, kh, kw)` array. */
function weightSlice(weight: Float32Array, kernel: readonly number[], tz: number, slice: Float32Array): Float32Array {
  const [kd, kh, kw] = kernel;
  const taps = kh * kw;
  for (let p = 0; p < slice.length / taps; p++)
    slice.set(weight.subarray((p * kd + tz) * taps, (p * kd + tz + 1) * taps), p * taps);
  return slice;
}

/** out[n, c, oz] += slice[n, c] for every image and channel. */
function addSlice(out: TensorData, slice: Float32Array, g: Conv3dWindowGeometry, oz: number): void {
  const sliceSize = g.outSize[1] * g.outSize[2];
  const outVolume = volumeOf(g.outSize);
  for (let p = 0; p < g.batch * g.outChannels; p++) {
    const o = p * outVolume + oz * sliceSize;
    const s = p * sliceSize;
    for (let j = 0; j < sliceSize; j++) out[o + j] += slice[s + j];
  }
}

function usable(x: TensorData, weight: TensorData, out: TensorData): weight is Float32Array {
  return x instanceof Float32Array && weight instanceof Float32Array && out instanceof Float32Array && wasmKernels() !== null;
}

/** A 2-D SIMD kernel run on one depth slice pair: input slice, contiguous kernel slice, output slice buffer. */
type SliceKernel = (xSlice: TensorData, weightSlice: Float32Array, work: Float32Array) => boolean;

/**
 * Runs `kernel` on every depth slice triple, one kernel slice copied out contiguous at a time,
 * adding each result into `out`; false (and `out` zeroed again) when the kernel refuses a pair.
 */
function sumDepthSlices(
  x: TensorData,
  weight: Float32Array,
  g: Conv3dWindowGeometry,
  triples: readonly DepthSliceTriple[],
  out: TensorData,
  kernel: SliceKernel,
): boolean {
  const [, H, W] = g.inSize;
  const work = new Float32Array(g.batch * g.outChannels * g.outSize[1] * g.outSize[2]);
  const w = new Float32Array(weight.length / g.kernel[0]);
  let copied = -1;
  for (const { inZ, kernelZ, outZ } of triples) {
    if (kernelZ !== copied) {
      weightSlice(weight, g.kernel, kernelZ, w);
      copied = kernelZ;
    }
    if (!kernel(x.subarray(inZ * H * W), w, work)) {
      out.fill(0);
      return false;
    }
    addSlice(out, work, g, outZ);
  }
  return true;
}

/**
 * Adds the 3-D transposed convolution of `x` with `weight` (no bias) into zero-filled `out`,
 * slice pair by slice pair on the 2-D SIMD kernel; false (nothing written) when it cannot.
 */
export function convTranspose3dWasm(x: TensorData, weight: TensorData, g: ConvTranspose3dGeometry, out: TensorData): boolean {
  if (!usable(x, weight, out)) return false;
  const slice = convTranspose3dSliceGeometry(g);
  const layout: ConvLayout = {
    x: volumeSliceStrides(g.inChannels, g.inSize),
    weight: convTranspose3dWeightSliceStrides(g, 1),
    out: nchwStrides(g.outChannels, slice.outH, slice.outW),
  };
  return sumDepthSlices(x, weight, g, convTranspose3dDepthSlices(g), out, (xSlice, w, work) =>
    convTranspose2dWasm(xSlice, w, undefined, slice, work, { layout }),
  );
}

/**
 * Adds the 3-D convolution of `x` with `weight` (no bias) into zero-filled `out` on the 2-D SIMD
 * kernel, which takes stride 1 in height and width (any depth stride); false (nothing written) otherwise.
 */
export function conv3dWasm(x: TensorData, weight: TensorData, g: Conv3dGeometry, out: TensorData): boolean {
  if (g.stride[1] !== 1 || g.stride[2] !== 1 || !usable(x, weight, out)) return false;
  const slice = conv3dSliceGeometry(g);
  const layout: ConvLayout = {
    x: volumeSliceStrides(g.inChannels, g.inSize),
    weight: conv3dWeightSliceStrides(g, 1),
    out: nchwStrides(g.outChannels, slice.outH, slice.outW),
  };
  return sumDepthSlices(x, weight, g, conv3dDepthSlices(g), out, (xSlice, w, work) =>
    conv2dWasm(xSlice, w, undefined, slice, work, layout),
  );
}
