/**
 * The kernels the browser-bundle test compares inside the page, by name: the WebAssembly
 * transposed-convolution kernel and the TypeScript GEMM it falls back to. Bundled for the page at
 * test time from the internals entry (they are not part of the public bundle).
 */
export { convTranspose2dGemm, convTranspose2dWasm, parseConvTranspose2d, wasmKernelVariant } from "../../../src/internals";
export { Tensor } from "../../../src";

/** This module's exports, as the page checks receive them. */
export type KernelPaths = typeof import("./kernel-paths");
