/**
 * Convolution and transposed convolution: the four transposed-convolution
 * algorithms, their primitives, Keras entry points and gradients.
 */
export * from "./primitives";
export * from "./convolutionMatrix";
export * from "./geometry";
export * from "./conv2d";
export * from "./convTranspose2d";
export { convTranspose2dScatter } from "./scatter";
export { convTranspose2dZeroInsertion, zeroInsertionPadding } from "./zeroInsertion";
export { convTranspose2dMatrix, matchingConvolution } from "./matrix";
export { convTranspose2dGemm } from "./gemm";
export * from "./keras";
export * from "./backward";
export { parseAxes, parseAxesPadding, type AxesLike, type AxesPadding } from "./axesArgs";
export * from "./conv1d";
export * from "./convTranspose1d";
export * from "./geometry3d";
export * from "./conv3d";
export * from "./convTranspose3d";
export {
  convTranspose3dScatter,
  convTranspose3dGemm,
  convTranspose3dFastPath,
  type ConvTranspose3dKernel,
} from "./convTranspose3dKernels";
export * from "./backward3d";
