// The package's public names (src/index.ts), pinned: a new export, or a removed one, is a decision
// made here on purpose. Kernels, geometry and argument helpers belong to `upsampling-lab/internals`.
import { describe, expect, it } from "vitest";
import * as lib from "../../src";
import * as internals from "../../src/internals";

const PUBLIC_NAMES = [
  "exercises",
  "resize", "RESIZE_PRESETS", "axisTaps", "sourceCoordinate", "nearestIndex", "cubicKernel", "lanczosKernel", "triangleKernel",
  "COORDINATE_TRANSFORMS", "NEAREST_ROUNDINGS", "depthToSpace", "spaceToDepth", "pixelShuffle", "pixelUnshuffle",
  "subPixelFromTransposed", "transposedFromSubPixel", "convTransposeAsSubPixel", "icnr",
  "conv1d", "conv3d", "convTranspose1d", "convTranspose3d", "convTranspose1dBackward", "convTranspose3dBackward",
  "CONV_TRANSPOSE_3D_ALGORITHMS", "maxPool1d", "maxPool3d", "avgPool1d", "avgPool2d", "avgPool3d", "maxUnpool1d", "maxUnpool3d",
  "POOL_INDEX_CONVENTIONS", "POOL_AUTO_PADDINGS",
  "AssertionFailed", "CONV_TRANSPOSE_ALGORITHMS", "Tensor", "arange", "assertClose", "assertEqual", "assertShape", "assertTrue",
  "bedOfNails", "bilinearKernel", "bilinearUpsampler", "bilinearWeights1d", "contributions", "conv2d", "conv2dKeras",
  "convOutputSize", "convTranspose2d", "convTranspose2dBackward", "convTranspose2dKeras", "convTransposeOutputSize",
  "convolutionMatrix", "convolutionMatrixExplanation", "cropImage", "decodePng", "equivalentConvolution", "formatNumber", "full",
  "heatmapFigures", "heatmapPng", "heatmapSvg", "imageGrid", "imagePng", "insertZeros", "linearTap", "maxAbsDiff", "maxPool2d",
  "maxUnpool2d", "nchwToNhwc", "nearestSourceIndex", "nhwcToNchw", "ones", "overlapCounts", "pad2d", "permute", "poolOutputSize",
  "rand", "randn", "readPngHeader", "rgbToGray", "rotate180", "sameShape", "scatterSteps", "seededRandom", "shapeSize",
  "summaryTable", "tensor", "transposeConvChoices", "transposedToDirectWeight", "upsampleBilinear", "upsampleNearest",
  "zeroInsertionSteps", "zeros",
];

describe("the public API", () => {
  it("exports exactly the pinned names", () => {
    expect(Object.keys(lib).sort()).toEqual([...PUBLIC_NAMES].sort());
  });

  it("keeps internals out of it, and the internals entry apart from it", () => {
    for (const name of ["describe", "parseConvTranspose2d", "convTranspose2dGemm", "convTranspose2dFastPath", "conv2dData", "wasmKernels"]) {
      expect(name in lib, name).toBe(false);
      expect(name in internals, name).toBe(true);
    }
  });
});
