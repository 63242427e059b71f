/**
 * The course's exercises: each checks a student's answer by computing with the library and returns a
 * verdict (right, or a hint that points at the idea without giving the answer away), in English or
 * Vietnamese. One file per notebook; every exercise name is unique across the course.
 */
export {
  right,
  notYet,
  unanswered,
  wrongForm,
  checkLanguage,
  isInteger,
  type ExerciseVerdict,
  type Language,
  type Localized,
} from "./verdict";
export { readNumber, readMatrix, readPositions, sameMatrix, type Read } from "./answerForms";
export { oddSize, decoderCost } from "./whyUpsample";
export {
  predictBilinear,
  poolIndices,
  nearestPicks,
  POOL_INDICES_INPUT,
  NEAREST_PICKS_SIZES,
  type NearestPicksAnswer,
} from "./fixedUpsampling";
export { predictCentre, whichPixels, recoverKernel, PREDICT_CENTRE, RECOVER_KERNEL } from "./stepByStep";
export { strideOverlap, matchKeras, STRIDE_OVERLAP } from "./strideAndPadding";
export { stepSizes, flippedKernel, FLIPPED_KERNEL } from "./fourSteps";
export { fiveToTen, roundTrip, predictSize, type SettingsAnswer, type RoundTripAnswer, type SizeAnswer } from "./outputSize";
export {
  samePadding,
  validSize,
  cornerValue,
  type SidePaddingAnswer,
  type KernelStrideAnswer,
  type ValueAnswer,
} from "./kerasLayer";
export { stridedMatrix, adjointPadding, sumGradient, type MatrixAnswer, type OutputPaddingAnswer } from "./matrixAndGradient";
export {
  flatKernel,
  evenWeights,
  predictContrast,
  type KernelSizeAnswer,
  type KernelAnswer,
  type RatioAnswer,
} from "./checkerboard";
export {
  learningRate,
  nearestKernel,
  smoothTestImage,
  LEARNING_RATE_TARGET,
  type LearningRateAnswer,
  type SmallKernelAnswer,
} from "./learningKernel";
export {
  sharpestEdge,
  sampledConvention,
  uniformError,
  edgeWidth,
  detailedTestImage,
  EDGE_METHODS,
  type EdgeMethod,
  type MethodAnswer,
  type ConventionAnswer,
  type PsnrAnswer,
} from "./photoUpsampling";
export {
  shuffleSource,
  subPixelShape,
  flatStart,
  SHUFFLE_SOURCE_INPUT_SHAPE,
  SHUFFLE_SOURCE_PIXEL,
  type ShuffleSourceAnswer,
  type SubPixelShapeAnswer,
  type SubKernelsAnswer,
} from "./subPixel";
