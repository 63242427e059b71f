/**
 * Where a convolution's operands live in their flat arrays, as element strides, so one kernel
 * reads PyTorch's NCHW tensors and Keras's NHWC tensors (and their kernel layouts) in place:
 * the Keras entry points then need no permuted copy of the input, the weight or the result.
 */
import type { Conv2dGeometry } from "./conv2d";
import type { ConvTranspose2dGeometry } from "./geometry";
import type { TensorData } from "../tensor";
import { nchwStrides, type ImageStrides } from "../imageStrides";

/**
 * Element strides of a convolution weight: input channel, output channel (counted within its
 * group for a transposed convolution's weight), kernel row, kernel column.
 */
export interface WeightStrides {
  readonly inChannel: number;
  readonly outChannel: number;
  readonly row: number;
  readonly column: number;
}

/** The layout of input `x`, `weight` and `out` of one convolution call. */
export interface ConvLayout {
  readonly x: ImageStrides;
  readonly weight: WeightStrides;
  readonly out: ImageStrides;
}

/** Sets every output pixel of image `n` to its channel's bias (whole planes at once when they are contiguous). */
export function fillBias(
  out: TensorData,
  bias: TensorData,
  n: number,
  channels: number,
  outH: number,
  outW: number,
  os: ImageStrides,
): void {
  const contiguous = os.column === 1 && os.row === outW && os.channel === outH * outW;
  for (let co = 0; co < channels; co++) {
    const plane = n * os.image + co * os.channel;
    if (contiguous) {
      out.fill(bias[co], plane, plane + outH * outW);
      continue;
    }
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0, o = plane + oy * os.row; ox < outW; ox++, o += os.column) out[o] = bias[co];
    }
  }
}

/** PyTorch's layout of a convolution: NCHW images, weight (out, in/groups, kh, kw). */
export function conv2dNchwLayout(g: Conv2dGeometry): ConvLayout {
  const taps = g.kernelH * g.kernelW;
  return {
    x: nchwStrides(g.inChannels, g.inH, g.inW),
    weight: { inChannel: taps, outChannel: (g.inChannels / g.groups) * taps, row: g.kernelW, column: 1 },
    out: nchwStrides(g.outChannels, g.outH, g.outW),
  };
}

/**
 * PyTorch's layout of a transposed convolution: NCHW images, weight (in, out/groups, kh, kw).
 */
export function convTransposeNchwLayout(g: ConvTranspose2dGeometry): ConvLayout {
  const coutG = g.outChannels / g.groups;
  const taps = g.kernelH * g.kernelW;
  return {
    x: nchwStrides(g.inChannels, g.inH, g.inW),
    weight: { inChannel: coutG * taps, outChannel: taps, row: g.kernelW, column: 1 },
    out: nchwStrides(g.outChannels, g.outH, g.outW),
  };
}
