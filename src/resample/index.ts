/** Fixed (non-learned) upsampling: nearest, bilinear, bed of nails, and the bilinear kernel. */
export { type Layout } from "./layout";
export { type ScaleFactor } from "./targetSize";
export { upsampleNearest, nearestSourceIndex, type UpsampleNearestOptions } from "./upsampleNearest";
export {
  upsampleBilinear, linearTap, type CoordinateMode, type LinearTap, type UpsampleBilinearOptions,
} from "./upsampleBilinear";
export { bedOfNails, type BedOfNailsOptions } from "./bedOfNails";
export {
  bilinearKernel, bilinearWeights1d, bilinearUpsampler,
  type BilinearKernelOptions, type BilinearUpsamplerSettings,
} from "./bilinearKernel";
export { resize } from "./resize";
export {
  type ResizeOptions, type ResizePreset, type ResizeModeName, type ChannelLayout, RESIZE_PRESETS,
} from "./resizeOptions";
export {
  axisTaps, sourceCoordinate, nearestIndex, cubicKernel, lanczosKernel, triangleKernel,
  COORDINATE_TRANSFORMS, NEAREST_ROUNDINGS,
  type ResizeMode, type CoordinateTransform, type NearestRounding, type AxisRule, type AxisTaps,
} from "./resizeTaps";
