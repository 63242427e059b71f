/** Max-pooling with indices, max-unpooling that puts the maxima back, and average pooling, in 1-D, 2-D and 3-D. */
export { poolOutputSize, type PoolWindowOptions } from "./poolGeometry";
export { maxPool2d, type MaxPool2dOptions, type MaxPool2dResult } from "./maxPool2d";
export { maxUnpool2d, type MaxUnpool2dOptions } from "./maxUnpool2d";
export { parsePoolWindow, poolAxisOutputSize, POOL_AUTO_PADDINGS, type PoolPaddingLike, type PoolWindow } from "./poolWindowNd";
export {
  POOL_INDEX_CONVENTIONS,
  decodePoolIndex,
  encodePoolIndex,
  poolIndexLimit,
  type IndexSpace,
  type PoolIndexConvention,
} from "./indexConvention";
export {
  avgPool1d,
  avgPool2d,
  avgPool3d,
  maxPool1d,
  maxPool3d,
  type AvgPool2dOptions,
  type AvgPoolOptions,
  type MaxPoolNdOptions,
  type PoolNdWindowOptions,
} from "./poolNd";
export { maxUnpool1d, maxUnpool3d, type MaxUnpoolNdOptions } from "./maxUnpoolNd";
