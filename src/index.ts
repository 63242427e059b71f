/**
 * Upsampling Lab: transposed convolution, convolution, upsampling and pooling
 * in plain TypeScript, with the step-by-step traces the notebooks and widgets explain.
 * Pure: no I/O, no globals, no runtime dependencies.
 *
 * The public API, by name (tests/unit/public-api.test.ts pins it: a new export is a decision).
 * Kernels, geometry and argument helpers that benchmarks and tests reach for are in ./internals
 * (`upsampling-lab/internals`).
 */
export {
  Tensor,
  tensor,
  full,
  zeros,
  ones,
  arange,
  rand,
  randn,
  seededRandom,
  permute,
  nchwToNhwc,
  nhwcToNchw,
  shapeSize,
  sameShape,
  maxAbsDiff,
  formatNumber,
  type DType,
  type TensorData,
  type NestedArray,
  type TensorOptions,
  type RandomOptions,
} from "./tensor";
export type { Pair, PairLike, Padding4, PaddingLike } from "./args";
export {
  convTranspose2d,
  CONV_TRANSPOSE_ALGORITHMS,
  type ConvTranspose2dAlgorithm,
  type ConvTranspose2dOptions,
} from "./conv/convTranspose2d";
export { conv2d, type Conv2dOptions } from "./conv/conv2d";
export {
  convTranspose2dKeras,
  conv2dKeras,
  type KerasPadding,
  type ConvTranspose2dKerasOptions,
  type Conv2dKerasOptions,
} from "./conv/keras";
export { convTranspose2dBackward, type ConvTranspose2dBackwardOptions, type ConvTranspose2dGradients } from "./conv/backward";
export { insertZeros, pad2d, rotate180, transposedToDirectWeight } from "./conv/primitives";
export { convolutionMatrix, type ConvolutionMatrixOptions } from "./conv/convolutionMatrix";
export { conv1d, type Conv1dOptions } from "./conv/conv1d";
export {
  convTranspose1d,
  convTranspose1dBackward,
  type ConvTranspose1dOptions,
  type ConvTranspose1dBackwardOptions,
} from "./conv/convTranspose1d";
export { conv3d, type Conv3dOptions } from "./conv/conv3d";
export {
  convTranspose3d,
  CONV_TRANSPOSE_3D_ALGORITHMS,
  type ConvTranspose3dAlgorithm,
  type ConvTranspose3dOptions,
  type Padding3dLike,
} from "./conv/convTranspose3d";
export { convTranspose3dBackward, type ConvTranspose3dBackwardOptions } from "./conv/backward3d";
export type { AxesLike } from "./conv/axesArgs";
export {
  upsampleNearest,
  nearestSourceIndex,
  upsampleBilinear,
  linearTap,
  bedOfNails,
  bilinearKernel,
  bilinearWeights1d,
  bilinearUpsampler,
  type Layout,
  type ScaleFactor,
  type UpsampleNearestOptions,
  type CoordinateMode,
  type LinearTap,
  type UpsampleBilinearOptions,
  type BedOfNailsOptions,
  type BilinearKernelOptions,
  type BilinearUpsamplerSettings,
  resize,
  RESIZE_PRESETS,
  type ResizeOptions,
  type ResizePreset,
  type ResizeModeName,
  type ChannelLayout,
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
  depthToSpace,
  spaceToDepth,
  pixelShuffle,
  pixelUnshuffle,
  type DepthToSpaceMode,
  type DepthToSpaceOptions,
  subPixelFromTransposed,
  transposedFromSubPixel,
  convTransposeAsSubPixel,
  icnr,
  type SubPixelConvolution,
  type TransposedConvolution,
  type ConvTransposeAsSubPixelOptions,
  type IcnrOptions,
} from "./resample";
export {
  poolOutputSize,
  maxPool2d,
  maxUnpool2d,
  maxPool1d,
  maxPool3d,
  avgPool1d,
  avgPool2d,
  avgPool3d,
  maxUnpool1d,
  maxUnpool3d,
  POOL_INDEX_CONVENTIONS,
  POOL_AUTO_PADDINGS,
  type PoolWindowOptions,
  type MaxPool2dOptions,
  type MaxPool2dResult,
  type MaxUnpool2dOptions,
  type PoolPaddingLike,
  type PoolIndexConvention,
  type AvgPool2dOptions,
  type AvgPoolOptions,
  type MaxPoolNdOptions,
  type PoolNdWindowOptions,
  type MaxUnpoolNdOptions,
} from "./pool";
export {
  convOutputSize,
  convTransposeOutputSize,
  transposeConvChoices,
  equivalentConvolution,
  summaryTable,
  type ConvSizeParams,
  type ConvTransposeSizeParams,
  type SizeWithFormula,
  type TransposeConvChoice,
  type TransposeConvChoicesParams,
  type EquivalentConvolution,
  type EquivalentConvolutionParams,
  type SummaryCell,
  type SummaryColumn,
  type SummaryRow,
  type SummaryTable,
  type SummaryTableParams,
} from "./shape";
// Loading the figures also attaches a tensor's rich display (its heatmap) to Tensor.
export {
  heatmapSvg,
  heatmapPng,
  heatmapFigures,
  type HeatmapFigureOptions,
  type HeatmapPngOptions,
  type HeatmapHighlight,
} from "./figure";
export {
  scatterSteps,
  zeroInsertionSteps,
  contributions,
  overlapCounts,
  convolutionMatrixExplanation,
  type ExplainOptions,
  type ScatterCell,
  type ScatterExplanation,
  type ScatterStep,
  type SlidingWindow,
  type ZeroInsertionExplanation,
  type ContributionTerm,
  type Contributions,
  type OverlapCountsParams,
  type ConvolutionMatrixExplanation,
} from "./explain";
export { assertClose, assertEqual, assertShape, assertTrue, AssertionFailed, type CloseOptions } from "./assert";
export {
  decodePng,
  readPngHeader,
  imagePng,
  imageGrid,
  cropImage,
  rgbToGray,
  inflateZlib,
  type Inflate,
  type PngHeader,
  type ImageGrid,
  type ImageGridItem,
  type ImageGridOptions,
  type CropOptions,
} from "./image";
export * as exercises from "./exercises";
export type { ExerciseVerdict, Language } from "./exercises";
