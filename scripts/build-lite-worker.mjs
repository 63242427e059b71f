#!/usr/bin/env node
// `npm run build:lite-worker`: the JupyterLite kernel's Web Worker, dist/lite/kernel-worker.js and
// the compiler script it loads, dist/lite/kernel-compiler.js (scripts/lib/lite-worker-build.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildLiteWorker } from "./lib/lite-worker-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sizes = await buildLiteWorker(path.join(root, "dist", "lite"));
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `[build:lite-worker] dist/lite/kernel-worker.js: ${kib(sizes.worker)}, dist/lite/kernel-compiler.js: ${kib(sizes.compiler)}`,
);
