#!/usr/bin/env node
// `npm run lite`: the course as a static JupyterLite site in build/lite/ (scripts/lib/lite-site.mjs):
// JupyterLab, the notebooks and the TypeScript (Upsampling Lab) kernel, all running in the browser.
// Serve the folder with any static server, e.g. `python3 -m http.server -d build/lite`.
// `--force` rebuilds the site even when its inputs are unchanged.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./lib/build-steps.mjs";
import { buildLiteSite } from "./lib/lite-site.mjs";
import { SetupError } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  buildAll(root, { tag: "lite" });
  buildLiteSite(root, { tag: "lite", force: process.argv.includes("--force") });
  console.log("[lite] serve it with: python3 -m http.server -d build/lite  (then open http://localhost:8000/)");
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[lite] ${error.message}`);
  process.exit(1);
}
