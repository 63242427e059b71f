// The project's builds, in order, each an npm script skipped when its inputs are unchanged.
// Scripts owned by other parts of the project (wasm, widgets) run only once they exist.
import fs from "node:fs";
import path from "node:path";
import { fingerprint, isUpToDate, statManifest, writeStamp } from "./fingerprint.mjs";
import { report, runNpm } from "./proc.mjs";

/** ", 123.4 KiB" for a step that reports the size of an output, else "". */
function sizeNote(root, step) {
  if (step.reportSize === undefined) return "";
  const file = path.join(root, step.reportSize);
  return fs.existsSync(file) ? `, ${step.reportSize} ${(fs.statSync(file).size / 1024).toFixed(1)} KiB` : "";
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The npm scripts defined in the root package.json. */
export function npmScripts(root) {
  return readJson(path.join(root, "package.json")).scripts ?? {};
}

/** Each build: its npm script, the inputs it reads, and files that must exist after it. */
export function buildSteps(root) {
  const tsconfig = readJson(path.join(root, "tsconfig.build.json"));
  const tsInputs = tsconfig.include ?? ["src"];
  return [
    {
      // First: it regenerates src/wasm/kernelsBinary.ts, an input of tsc.
      script: "build:wasm",
      what: "WebAssembly kernels (AssemblyScript)",
      inputs: ["src/wasm/assembly", "src/wasm/build-wasm.mjs", "package-lock.json"],
      outputs: ["src/wasm/kernelsBinary.ts"],
    },
    {
      script: "build:ts",
      what: "library, kernel and benchmarks (tsc)",
      inputs: [...tsInputs, "tsconfig.json", "tsconfig.build.json", "package-lock.json", "widgets/lab/package.json"],
      outputs: ["dist/src/index.js"],
    },
    {
      // The library as one ES module for web pages (esbuild over src/, kernels embedded); its size is reported.
      script: "build:browser",
      what: "library for the browser (one ES module)",
      inputs: ["src", "scripts/build-browser.mjs", "package-lock.json"],
      outputs: ["dist/browser/upsampling-lab.mjs"],
      reportSize: "dist/browser/upsampling-lab.mjs",
    },
    {
      // The JupyterLite kernel's Web Worker: compiler, lib and package declarations, library, widget API.
      script: "build:lite-worker",
      what: "JupyterLite kernel worker (its script and the compiler script it loads)",
      inputs: [
        "kernel/lite",
        "kernel/src",
        "src",
        "widgets/api",
        "widgets/bridge",
        "widgets/shared",
        "widgets/runtime",
        "widgets/page/shims",
        "scripts/build-lite-worker.mjs",
        "scripts/lib/lite-worker-build.mjs",
        "package.json",
        "package-lock.json",
      ],
      outputs: ["dist/lite/kernel-worker.js", "dist/lite/kernel-compiler.js"],
      reportSize: "dist/lite/kernel-compiler.js",
    },
    {
      script: "build:widgets",
      what: "JupyterLab widget extension",
      // src/figure and src/args: the extension bundles the library's heatmap layout (upsampling-lab/heatmap-layout).
      inputs: ["widgets/lab", "widgets/shared", "src/figure", "src/args", "package-lock.json"],
      outputs: ["widgets/lab/labextension/package.json"],
    },
    {
      // After the kernel's worker (build:lite-worker), which it carries in its static folder.
      script: "build:lite-kernel",
      what: "JupyterLite kernel plugin",
      inputs: [
        "kernel/lite/extension",
        "kernel/lite/protocol.ts",
        "kernel/logo",
        "dist/lite/kernel-worker.js",
        "dist/lite/kernel-compiler.js",
        "package-lock.json",
      ],
      outputs: ["kernel/lite/extension/labextension/package.json"],
    },
  ];
}

/** The builds of the library and the kernel (everything but the widget extension). */
export const LIBRARY_SCRIPTS = ["build:wasm", "build:ts"];

/**
 * Written when a run found every library build up to date: the sizes and times of their inputs,
 * outputs and package.json (its scripts are part of the hashes), taken before hashing. The kernel
 * skips its build check at start when all still match (kernel/src/library-build.ts).
 */
export const LIBRARY_MANIFEST = path.join("dist", ".stamps", "library-inputs.json");

/**
 * Run every build whose inputs changed since it last succeeded (only the scripts in `only`, when given). Stamps live in dist/.stamps,
 * so deleting dist rebuilds everything. `force` ignores the stamps; `dryRun` only reports.
 * Returns how many builds ran (or would run).
 */
export function buildAll(root, { tag = "build", force = false, dryRun = false, only = undefined } = {}) {
  const scripts = npmScripts(root);
  let built = 0;
  const manifest = statManifest(root, ["package.json"]);
  let libraryCurrent = !force && !dryRun;
  for (const step of buildSteps(root).filter((s) => only === undefined || only.includes(s.script))) {
    const startedAt = Date.now();
    const command = scripts[step.script];
    if (!command) {
      report(tag, step.what, `skipped: no \`${step.script}\` script in package.json yet`, startedAt);
      continue;
    }
    const library = LIBRARY_SCRIPTS.includes(step.script);
    if (library) manifest.push(...statManifest(root, [...step.inputs, ...step.outputs]));
    const hash = fingerprint(root, step.inputs, [command]);
    const stamp = path.join(root, "dist", ".stamps", `${step.script.replace(/[^\w-]/g, "_")}.sha256`);
    const outputs = step.outputs.map((output) => path.join(root, output));
    if (!force && isUpToDate(stamp, hash, outputs)) {
      report(tag, step.what, `up to date${sizeNote(root, step)}`, startedAt);
      continue;
    }
    built++;
    if (library) libraryCurrent = false;
    if (dryRun) {
      report(tag, step.what, `would run npm run ${step.script}`, startedAt);
      continue;
    }
    runNpm(["run", "--silent", step.script], { cwd: root });
    writeStamp(stamp, hash);
    report(tag, step.what, `built (npm run ${step.script})${sizeNote(root, step)}`, startedAt);
  }
  const manifestFile = path.join(root, LIBRARY_MANIFEST);
  if (libraryCurrent && LIBRARY_SCRIPTS.every((script) => scripts[script] && (only === undefined || only.includes(script)))) {
    fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  } else if (!dryRun) {
    fs.rmSync(manifestFile, { force: true });
  }
  return built;
}
