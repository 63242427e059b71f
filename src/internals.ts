/**
 * `upsampling-lab/internals`: what benchmarks and tests use beyond the public API (src/index.ts):
 * argument helpers, geometry, the raw-data kernels behind each op and the fast-path dispatch.
 * No stability promise: these change with the implementation.
 */
export * from "./args";
export { MAX_PRINTED_ELEMENTS } from "./tensor";
export {
  kernelAs4d,
  requireOneOutputChannel,
  checkBias,
  checkGroups,
  resolveConvTranspose2d,
  convTransposeOutputShape,
  tapRange,
  type ConvWindowGeometry,
  type ConvTranspose2dGeometry,
  type ConvTranspose2dKernel,
  type ConvTranspose2dOperands,
} from "./conv/geometry";
export { convTranspose2dWithKernel, parseConvTranspose2d, runConvTranspose2d } from "./conv/convTranspose2d";
export { convTranspose2dScatter } from "./conv/scatter";
export { convTranspose2dZeroInsertion, zeroInsertionPadding } from "./conv/zeroInsertion";
export { convTranspose2dMatrix, matchingConvolution } from "./conv/matrix";
export { convTranspose2dGemm } from "./conv/gemm";
export { convTranspose2dFastPath, convTranspose2dMultiplyAdds, prefersWinograd, WASM_MIN_MULTIPLY_ADDS } from "./conv/fastPath";
export { convAxisOutputSize, checkMatrixSize, fillConvolutionMatrix, MAX_MATRIX_ENTRIES } from "./conv/convolutionMatrix";
export {
  conv2dMultiplyAdds,
  conv2dFastPath,
  resolveConv2d,
  conv2dData,
  CONV2D_WASM_MIN_MULTIPLY_ADDS,
  type Conv2dGeometry,
} from "./conv/conv2d";
export { kerasTransposeAxis } from "./conv/keras";
export { convTranspose2dWasm } from "./wasm/convTranspose2dWasm";
export { convTranspose2dWinograd } from "./wasm/convTranspose2dWinograd";
export { conv2dWasm } from "./wasm/conv2dWasm";
export { wasmKernels, wasmKernelVariant, type WasmKernelVariant } from "./wasm/kernels";
export { readImageBatch, type ImageBatch } from "./resample/layout";
export { nchwStrides, nhwcStrides, isNchw, type ImageStrides } from "./imageStrides";
export { bilinearPlanesTs, bilinearTables } from "./resample/bilinearPlanes";
export { nearestPlanesTs } from "./resample/upsampleNearest";
export { maxPool2x2Rows } from "./pool/maxPool2d";
export { parseAxes, parseAxesPadding, type AxesPadding } from "./conv/axesArgs";
export { parsePoolWindow, poolAxisOutputSize, type PoolWindow } from "./pool/poolWindowNd";
export { encodePoolIndex, decodePoolIndex, poolIndexLimit, type IndexSpace } from "./pool/indexConvention";
export { resolveConv3d, resolveConvTranspose3d, conv3dOutputShape } from "./conv/geometry3d";
export { parseConvTranspose3d } from "./conv/convTranspose3d";
export { conv3dData, conv3dFastPath } from "./conv/conv3d";
export {
  convTranspose3dScatter,
  convTranspose3dGemm,
  convTranspose3dFastPath,
  type ConvTranspose3dKernel,
} from "./conv/convTranspose3dKernels";
