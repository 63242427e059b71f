/**
 * A 3-D convolution, direct or transposed, as a sum of 2-D ones over depth slices: output depth
 * slice `oz` receives the 2-D (transposed) convolution of input slice `iz` with kernel slice `tz`
 * for every such triple that meets inside both volumes. What the TypeScript and WebAssembly slice
 * loops share lives here: the triples, the 2-D geometry of one slice, and the strides of a slice
 * inside its NCDHW volume or its 5-D weight.
 */
import type { Conv2dGeometry } from "./conv2d";
import type { ConvTranspose2dGeometry, ConvWindowGeometry } from "./geometry";
import type { Conv3dGeometry, Conv3dWindowGeometry, ConvTranspose3dGeometry } from "./geometry3d";
import type { WeightStrides } from "./layout";
import type { ImageStrides } from "../imageStrides";
import type { TensorData } from "../tensor";

/** One input depth slice, kernel depth slice and the output depth slice they meet in. */
export interface DepthSliceTriple {
  readonly inZ: number;
  readonly kernelZ: number;
  readonly outZ: number;
}

/** The number of elements of a `[d, h, w]` volume. */
export function volumeOf(size: readonly number[]): number {
  return size[0] * size[1] * size[2];
}

/**
 * The depth slices that meet in a 3-D convolution, kernel slice by kernel slice: output slice
 * `oz` reads input slice `oz * sd + tz * dd - padFront` with kernel slice `tz` when that input
 * slice exists. For any one output slice the kernel slices come in ascending order.
 */
export function conv3dDepthSlices(g: Conv3dGeometry): DepthSliceTriple[] {
  const triples: DepthSliceTriple[] = [];
  for (let tz = 0; tz < g.kernel[0]; tz++) {
    for (let oz = 0; oz < g.outSize[0]; oz++) {
      const iz = oz * g.stride[0] + tz * g.dilation[0] - g.padBefore[0];
      if (iz >= 0 && iz < g.inSize[0]) triples.push({ inZ: iz, kernelZ: tz, outZ: oz });
    }
  }
  return triples;
}

/**
 * The depth slices that meet in a 3-D transposed convolution, kernel slice by kernel slice: input
 * slice `iz` with kernel slice `tz` lands in output slice `iz * sd + tz * dd - cropFront` when that
 * output slice exists.
 */
export function convTranspose3dDepthSlices(g: ConvTranspose3dGeometry): DepthSliceTriple[] {
  const triples: DepthSliceTriple[] = [];
  for (let tz = 0; tz < g.kernel[0]; tz++) {
    for (let iz = 0; iz < g.inSize[0]; iz++) {
      const oz = iz * g.stride[0] + tz * g.dilation[0] - g.cropBefore[0];
      if (oz >= 0 && oz < g.outSize[0]) triples.push({ inZ: iz, kernelZ: tz, outZ: oz });
    }
  }
  return triples;
}

/** The height and width axes of a 3-D window: what both 2-D slice geometries share. */
function sliceWindow(g: Conv3dWindowGeometry): ConvWindowGeometry & { readonly outH: number; readonly outW: number } {
  return {
    batch: g.batch,
    inChannels: g.inChannels,
    outChannels: g.outChannels,
    groups: g.groups,
    inH: g.inSize[1],
    inW: g.inSize[2],
    kernelH: g.kernel[1],
    kernelW: g.kernel[2],
    strideH: g.stride[1],
    strideW: g.stride[2],
    dilationH: g.dilation[1],
    dilationW: g.dilation[2],
    outH: g.outSize[1],
    outW: g.outSize[2],
  };
}

/** The 2-D convolution of one depth slice pair of a 3-D convolution (height and width axes). */
export function conv3dSliceGeometry(g: Conv3dGeometry): Conv2dGeometry {
  return { ...sliceWindow(g), padTop: g.padBefore[1], padLeft: g.padBefore[2] };
}

/** The 2-D transposed convolution of one depth slice pair of a 3-D transposed convolution. */
export function convTranspose3dSliceGeometry(g: ConvTranspose3dGeometry): ConvTranspose2dGeometry {
  return {
    ...sliceWindow(g),
    cropTop: g.cropBefore[1],
    cropLeft: g.cropBefore[2],
    cropBottom: g.cropAfter[1],
    cropRight: g.cropAfter[2],
    outputPaddingH: g.outputPadding[1],
    outputPaddingW: g.outputPadding[2],
  };
}

/** Strides of one depth slice read in place in NCDHW volumes: images and channels step over whole volumes. */
export function volumeSliceStrides(channels: number, size: readonly number[]): ImageStrides {
  return { image: channels * volumeOf(size), channel: volumeOf(size), row: size[2], column: 1 };
}

/**
 * Strides of one kernel depth slice of a 3-D convolution's weight `(out, in/groups, depth, kh, kw)`:
 * `depth` is the kernel depth when the slice is read in place, 1 when it was copied out contiguous.
 */
export function conv3dWeightSliceStrides(g: Conv3dGeometry, depth: number): WeightStrides {
  const perChannel = depth * g.kernel[1] * g.kernel[2];
  return { inChannel: perChannel, outChannel: (g.inChannels / g.groups) * perChannel, row: g.kernel[2], column: 1 };
}

/**
 * Strides of one kernel depth slice of a 3-D transposed convolution's weight `(in, out/groups,
 * depth, kh, kw)`: `depth` as in `conv3dWeightSliceStrides`.
 */
export function convTranspose3dWeightSliceStrides(g: ConvTranspose3dGeometry, depth: number): WeightStrides {
  const perChannel = depth * g.kernel[1] * g.kernel[2];
  return { inChannel: (g.outChannels / g.groups) * perChannel, outChannel: perChannel, row: g.kernel[2], column: 1 };
}

/** Adds each channel's bias to its whole output volume (`size` elements per image and channel). */
export function addBias(out: TensorData, bias: TensorData, batch: number, channels: number, size: number): void {
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const base = (n * channels + c) * size;
      const b = bias[c];
      for (let i = base; i < base + size; i++) out[i] += b;
    }
  }
}
