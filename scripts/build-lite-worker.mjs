#!/usr/bin/env node
// `npm run build:lite-worker`: the JupyterLite kernel's Web Worker, dist/lite/kernel-worker.js
// (scripts/lib/lite-worker-build.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildLiteWorker } from "./lib/lite-worker-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outFile = path.join(root, "dist", "lite", "kernel-worker.js");
const bytes = await buildLiteWorker(outFile);
console.log(`[build:lite-worker] ${path.relative(root, outFile)}: ${(bytes / 1024).toFixed(1)} KiB`);
