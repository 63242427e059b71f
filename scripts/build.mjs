#!/usr/bin/env node
// `npm run build`: the library and kernel (tsc), the WebAssembly kernels and the widget
// extension, each rebuilt only when its inputs changed (`--force` rebuilds all; `--library`
// builds all but the widget extension: what the kernel runs at start, see kernel/src/library-build.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll, LIBRARY_SCRIPTS } from "./lib/build-steps.mjs";
import { SetupError } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  const only = process.argv.includes("--library") ? LIBRARY_SCRIPTS : undefined;
  buildAll(root, { tag: "build", force: process.argv.includes("--force"), only });
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[build] ${error.message}`);
  process.exit(1);
}
