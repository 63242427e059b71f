/**
 * Float32 stride-1 convolution on the transposed-convolution SIMD kernel. A stride-1 conv2d
 * is a stride-1 transposed convolution with the kernel rotated 180 degrees and its two channel
 * axes swapped, cropping d(k-1) - p instead of padding p: out[oy] = sum x[oy - p + d ky] W[ky]
 * = sum x[oy + crop - d ky'] W[k-1-ky'] with crop = d(k-1) - p. The rotation and the swap are done
 * while the weight is copied into the kernel's memory (a copy the kernel needs anyway), so this
 * costs nothing extra. Strided convolutions are declined (the kernel's contiguous loads need
 * stride 1 in the input), as are float64 data.
 */
import type { Conv2dGeometry } from "../conv/conv2d";
import { conv2dNchwLayout, type ConvLayout } from "../conv/layout";
import type { TensorData } from "../tensor";
import { runPhaseKernel } from "./convTranspose2dWasm";

/**
 * `out = conv2d(x, weight) + bias` (PyTorch weight (Cout, Cin/groups, kh, kw), NCHW images,
 * unless `layout` says where the elements are) on the SIMD kernel; returns false, leaving `out`
 * untouched, for strides other than 1 or non-float32 data.
 */
export function conv2dWasm(
  x: TensorData,
  weight: TensorData,
  bias: TensorData | undefined,
  g: Conv2dGeometry,
  out: TensorData,
  layout: ConvLayout = conv2dNchwLayout(g),
): boolean {
  if (g.strideH !== 1 || g.strideW !== 1 || !(weight instanceof Float32Array)) return false;
  const { kernelH: kh, kernelW: kw, groups } = g;
  const cinG = g.inChannels / groups;
  const coutG = g.outChannels / groups;
  const taps = kh * kw;
  const geometry = {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups,
    inH: g.inH,
    inW: g.inW,
    kernelH: kh,
    kernelW: kw,
    strideH: 1,
    strideW: 1,
    dilationH: g.dilationH,
    dilationW: g.dilationW,
    cropTop: g.dilationH * (kh - 1) - g.padTop,
    cropLeft: g.dilationW * (kw - 1) - g.padLeft,
    outH: g.outH,
    outW: g.outW,
  };
  // transposed weight T[ci, coLocal, ky', kx'] = W[grp*coutG + coLocal, ciLocal, kh-1-ky', kw-1-kx']
  const ws = layout.weight;
  const writeWeight = (mem: Float32Array, at: number): void => {
    for (let grp = 0; grp < groups; grp++) {
      for (let ciL = 0; ciL < cinG; ciL++) {
        const ci = grp * cinG + ciL;
        for (let coL = 0; coL < coutG; coL++) {
          const src = (grp * coutG + coL) * ws.outChannel + ciL * ws.inChannel;
          let dst = at + (ci * coutG + coL) * taps;
          for (let ky = kh - 1; ky >= 0; ky--) {
            for (let kx = kw - 1; kx >= 0; kx--) mem[dst++] = weight[src + ky * ws.row + kx * ws.column];
          }
        }
      }
    }
  };
  return runPhaseKernel(x, bias, geometry, out, weight.length, writeWeight, { layout });
}
