/** Fixed (non-learned) upsampling: nearest, bilinear, every framework resize, bed of nails, the bilinear kernel, and pixel shuffle. */
export { type Layout } from "./layout";
export { type ScaleFactor } from "./targetSize";
export { upsampleNearest, nearestSourceIndex, type UpsampleNearestOptions } from "./upsampleNearest";
export {
  upsampleBilinear,
  linearTap,
  type CoordinateMode,
  type LinearTap,
  type UpsampleBilinearOptions,
} from "./upsampleBilinear";
export { bedOfNails, type BedOfNailsOptions } from "./bedOfNails";
export {
  bilinearKernel,
  bilinearWeights1d,
  bilinearUpsampler,
  type BilinearKernelOptions,
  type BilinearUpsamplerSettings,
} from "./bilinearKernel";
export { resize } from "./resize";
export { type ResizeOptions, type ResizePreset, type ResizeModeName, type ChannelLayout, RESIZE_PRESETS } from "./resizeOptions";
export {
  axisTaps,
  sourceCoordinate,
  nearestIndex,
  cubicKernel,
  lanczosKernel,
  triangleKernel,
  COORDINATE_TRANSFORMS,
  NEAREST_ROUNDINGS,
  type ResizeMode,
  type CoordinateTransform,
  type NearestRounding,
  type AxisRule,
  type AxisTaps,
} from "./resizeTaps";
export {
  depthToSpace,
  spaceToDepth,
  pixelShuffle,
  pixelUnshuffle,
  type DepthToSpaceMode,
  type DepthToSpaceOptions,
} from "./depthToSpace";
export {
  subPixelFromTransposed,
  transposedFromSubPixel,
  convTransposeAsSubPixel,
  icnr,
  type SubPixelConvolution,
  type TransposedConvolution,
  type ConvTransposeAsSubPixelOptions,
  type IcnrOptions,
} from "./subPixel";
