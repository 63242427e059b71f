// The entry compiled by build-wasm.mjs into one module: the exports of every kernel file.
// Each file owns one family of kernels; they share the module's single memory arena.
export * from "./convTranspose2d";
export * from "./resample";
export * from "./pool";
export * from "./winograd";
export * from "./resampleTaps";
