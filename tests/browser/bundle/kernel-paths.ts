/**
 * The kernels the browser-bundle test compares inside the page, by name: the WebAssembly
 * transposed-convolution kernel and the TypeScript GEMM it falls back to. Bundled for the page at
 * test time (they are not part of the public bundle).
 */
export { convTranspose2dWasm } from "../../../src/wasm/convTranspose2dWasm";
export { convTranspose2dGemm } from "../../../src/conv/gemm";
export { parseConvTranspose2d } from "../../../src/conv/convTranspose2d";
export { wasmKernelVariant } from "../../../src/wasm/kernels";
export { Tensor } from "../../../src/tensor";

/** This module's exports, as the page checks receive them. */
export type KernelPaths = typeof import("./kernel-paths");
