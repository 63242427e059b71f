import { defineConfig } from "vitest/config";

// One vitest run covers unit, property, parity, kernel, notebook and browser suites.
// Suites that start processes (kernel, JupyterLab, Chromium) set their own longer timeouts.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "widgets/lab/test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
