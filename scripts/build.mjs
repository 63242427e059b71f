#!/usr/bin/env node
// `npm run build`: the library and kernel (tsc), the WebAssembly kernels and the widget
// extension, each rebuilt only when its inputs changed (`--force` rebuilds all).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./lib/build-steps.mjs";
import { SetupError } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  buildAll(root, { tag: "build", force: process.argv.includes("--force") });
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[build] ${error.message}`);
  process.exit(1);
}
