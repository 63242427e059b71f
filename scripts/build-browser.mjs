#!/usr/bin/env node
// `npm run build:browser`: the library as one ES module for web pages, dist/browser/upsampling-lab.mjs.
// esbuild bundles src/index.ts (the package's main entry) with the WebAssembly kernels embedded as
// base64 (src/wasm/kernelsBinary.ts); nothing in src/ uses Node APIs, so the file has no imports.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "browser", "upsampling-lab.mjs");

const result = await build({
  entryPoints: [path.join(root, "src", "index.ts")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

// A bundle that still imports something would not load from a plain web page.
const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
if (imports.length > 0) {
  console.error(`[build:browser] ${path.relative(root, outfile)} imports ${imports.join(", ")}: it must be self-contained`);
  process.exit(1);
}
const bytes = fs.statSync(outfile).size;
console.log(`[build:browser] ${path.relative(root, outfile)}: ${(bytes / 1024).toFixed(1)} KiB`);
