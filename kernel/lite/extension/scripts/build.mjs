#!/usr/bin/env node
// Builds the JupyterLite kernel plugin into labextension/ (a prebuilt, federated extension):
// tsc into lib/, then the kernel's worker and its compiler script (dist/lite/kernel-worker.js and
// kernel-compiler.js, built by `npm run build:lite-worker`) and the kernel logos into lib/assets/, where the plugin's
// `new URL(..., import.meta.url)` finds them, then @jupyter/builder (rspack), which copies them
// into labextension/static/ under content-hashed names.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(here, "..", "..", "..");
const node = process.execPath;

function run(args) {
  execFileSync(node, args, { cwd: here, stdio: "inherit" });
}

const scripts = ["kernel-worker.js", "kernel-compiler.js"].map((name) => path.join(root, "dist", "lite", name));
for (const script of scripts) {
  if (!fs.existsSync(script)) {
    console.error(`[lite-kernel] ${path.relative(root, script)} is missing: build the kernel's worker first (npm run build).`);
    process.exit(1);
  }
}

fs.rmSync(path.join(here, "lib"), { recursive: true, force: true });
fs.rmSync(path.join(here, "labextension"), { recursive: true, force: true });
run([path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);

const assets = path.join(here, "lib", "assets");
fs.mkdirSync(assets, { recursive: true });
for (const script of scripts) fs.copyFileSync(script, path.join(assets, path.basename(script)));
for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
  fs.copyFileSync(path.join(root, "kernel", "logo", logo), path.join(assets, logo));
}

run([
  path.join(root, "node_modules", "@jupyter", "builder", "lib", "build-labextension.js"),
  "--core-package-file",
  path.join(root, "node_modules", "@jupyterlab", "core-meta", "core.package.json"),
  ".",
]);
