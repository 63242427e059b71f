import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One vitest run covers unit, property, parity, kernel, notebook and browser suites.
// Suites that start processes (kernel, JupyterLab, Chromium) set their own longer timeouts.
//
// The library's WebAssembly kernels come in two builds (src/wasm/kernels.ts): relaxed SIMD where
// the engine has it, 128-bit SIMD otherwise. On Node 20 the default project's workers run the
// 128-bit build; the "relaxed-simd" project runs the suites that exercise the kernels again with
// V8's flag on, so both builds are proven against the references (on Node 22+ both run relaxed).
const WASM_SUITES = [
  "tests/unit/wasm-*.test.ts",
  "tests/unit/*-wasm.test.ts",
  "tests/unit/conv2d-dispatch.test.ts",
  "tests/unit/conv-worked-examples.test.ts",
  "tests/property/wasm-*.test.ts",
  "tests/property/keras-layout.test.ts",
  "tests/property/conv-transpose.test.ts",
  "tests/parity/*.test.ts",
];

export default defineConfig({
  // The JupyterLab extension imports the library as a package; tests take its sources, not a build.
  resolve: {
    alias: [
      { find: /^upsampling-lab$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      {
        find: /^upsampling-lab\/heatmap-layout$/,
        replacement: fileURLToPath(new URL("./src/figure/heatmapLayoutEntry.ts", import.meta.url)),
      },
    ],
  },
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "main", include: ["tests/**/*.test.ts", "widgets/lab/test/**/*.test.ts"] } },
      { extends: true, test: { name: "relaxed-simd", include: WASM_SUITES, execArgv: ["--experimental-wasm-relaxed-simd"] } },
    ],
  },
});
